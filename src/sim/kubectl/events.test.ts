// `kubectl get events` (lifecycle.md §9.5) and the core/v1 view kubectl has of both Event APIs.
import { describe, expect, it } from 'vitest';
import { happyEvents, repeated } from './__fixtures__/nginx';
import {
  describeEventAge,
  describeEventMessage,
  eventView,
  formatEventsTable,
  sortForDescribe,
} from './events';

describe('formatEventsTable', () => {
  it('prints the §9.5 table with pod/nginx and no fieldPath prefix', () => {
    expect(formatEventsTable(happyEvents(), 14_000))
      .toBe(`LAST SEEN   TYPE     REASON      OBJECT      MESSAGE
12s         Normal   Scheduled   pod/nginx   Successfully assigned default/nginx to node-1
11s         Normal   Pulling     pod/nginx   Pulling image "nginx:1.27"
8s          Normal   Pulled      pod/nginx   Successfully pulled image "nginx:1.27" in 3.012s (3.012s including waiting). Image size: 72099410 bytes.
8s          Normal   Created     pod/nginx   Container created
8s          Normal   Started     pod/nginx   Container started
`);
  });

  it('shows only the last time in LAST SEEN for a repeated event', () => {
    const table = formatEventsTable(
      [repeated('Normal', 'BackOff', 'Back-off pulling image "nginx:nope"', 4, 3_000, 42_000)],
      46_000,
    );
    expect(table.split('\n')[1]).toBe(
      '4s          Normal   BackOff   pod/nginx   Back-off pulling image "nginx:nope"',
    );
  });

  it('lists events in name order, as the apiserver returns them', () => {
    const [scheduled, pulling] = happyEvents();
    const table = formatEventsTable([pulling!, scheduled!], 14_000);
    expect(table.split('\n').map((l) => l.split(/\s+/)[2])).toEqual([
      'TYPE',
      'Scheduled',
      'Pulling',
      undefined,
    ]);
  });

  it('prints nothing on stdout when there are no events', () => {
    expect(formatEventsTable([], 0)).toBe('');
  });
});

describe('eventView', () => {
  it('reads the scheduler event through the core/v1 conversion', () => {
    const v = eventView(happyEvents()[0]!);
    expect([v.message, v.reportingController, v.sourceComponent, v.involved.name, v.firstTimestamp]).toEqual([
      'Successfully assigned default/nginx to node-1',
      'default-scheduler',
      '',
      'nginx',
      null,
    ]);
  });

  it('prefixes a kubelet message with its fieldPath for describe only', () => {
    expect(describeEventMessage(eventView(happyEvents()[1]!))).toBe(
      'spec.containers{nginx}: Pulling image "nginx:1.27"',
    );
  });

  it('ages an events.k8s.io series as `<last> (x<count> over <first>)`', () => {
    const e = { ...happyEvents()[0]!, series: { count: 5, lastObservedTime: '2026-05-12T10:15:40.000000Z' } };
    expect(describeEventAge(eventView(e), 46_000)).toBe('6s (x5 over 44s)');
  });

  it('sorts for describe by last time, keeping list order for ties', () => {
    const late = repeated('Normal', 'Pulling', 'Pulling image "nginx:1.27"', 2, 500, 20_000);
    const order = sortForDescribe([late, ...happyEvents()].map(eventView)).map((e) => e.reason);
    expect(order).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'Pulling']);
  });
});
