import { describe, expect, it } from 'vitest';
import { schedulerMachine } from './schedulerMachine';
import { runAlone } from '../../testing/harness';
import { httpResponse, nginxPod, testNote, type Of } from '../../testing/events';
import { replay, shortestPaths } from '../../testing/model';
import type { KubeObject } from '../../scenario';
import type { SimEnv } from '../../cluster/env';

function node(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: {
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    },
    ...extra,
  };
}
const tainted = node('control-plane', {
  spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
});

function listed(resource: 'pods' | 'nodes', items: KubeObject[]): Of<'watch.listed'> {
  return {
    type: 'watch.listed',
    note: testNote(),
    watchId: `scheduler-${resource}`,
    items,
    resourceVersion: '7',
  };
}
function added(object: KubeObject): Of<'watch.event'> {
  return { type: 'watch.event', note: testNote(3), watchId: 'scheduler-pods', eventType: 'ADDED', object };
}
const pending = nginxPod({
  metadata: { name: 'nginx', namespace: 'default', uid: 'u-1', resourceVersion: '8' },
});

function start(nodes: KubeObject[]) {
  const h = runAlone(schedulerMachine, {
    systemId: 'scheduler',
    peers: ['apiServer'],
    input: (env: SimEnv) => ({ env, seed: 1 }),
  });
  h.flush();
  h.send(listed('pods', []));
  h.send(listed('nodes', nodes));
  return h;
}

describe('schedulerMachine', () => {
  it('registers LIST+WATCH on pods (non-terminal) and nodes at start-up', () => {
    const h = start([node('worker-1')]);
    const regs = h.to('apiServer').filter((e): e is Of<'watch.register'> => e.type === 'watch.register');
    expect(regs.map((r) => [r.resource, r.fieldSelector])).toEqual([
      ['pods', 'status.phase!=Succeeded,status.phase!=Failed'],
      ['nodes', null],
    ]);
    expect(h.snapshot().value).toBe('idle');
  });

  it('runs the cycle as self-messages 6 to 10 and then POSTs the Binding', () => {
    const h = start([tainted, node('worker-1')]);
    h.send(added(pending));
    h.flush();
    const bind = h.to('apiServer').find((e): e is Of<'http.request'> => e.type === 'http.request');
    expect(bind?.request.path).toBe('/api/v1/namespaces/default/pods/nginx/binding');
    expect(bind?.request.body).toMatchObject({ kind: 'Binding', target: { kind: 'Node', name: 'worker-1' } });
    expect(h.snapshot().value).toBe('binding');
  });

  it('records the Scheduled event once the binding is accepted', () => {
    const h = start([node('worker-1')]);
    h.send(added(pending));
    h.flush();
    h.send(httpResponse('scheduler-bind-1', 201));
    h.flush();
    const event = h.to('apiServer').filter((e): e is Of<'http.request'> => e.type === 'http.request')[1];
    expect(event?.request.path).toBe('/apis/events.k8s.io/v1/namespaces/default/events');
    expect(event?.request.body).toMatchObject({
      reason: 'Scheduled',
      note: 'Successfully assigned default/nginx to worker-1',
      reportingController: 'default-scheduler',
    });
    expect(h.snapshot().value).toBe('idle');
  });

  it('reports PodScheduled=False with the FitError message when no node fits, and retries after the 5-minute flush', () => {
    const h = start([tainted]);
    h.send(added(pending));
    while (h.clock.step(60_000));
    const requests = h.to('apiServer').filter((e): e is Of<'http.request'> => e.type === 'http.request');
    const message =
      '0/1 nodes are available: 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    expect(requests[0]?.request.body).toMatchObject({
      status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }] },
    });
    expect(requests[1]?.request.body).toMatchObject({
      reason: 'FailedScheduling',
      note: message,
      type: 'Warning',
    });
    // Each failed attempt waits for the next flush; stop just after the first retry.
    while (h.clock.step(400_000));
    const retries = h.received
      .filter((r) => r.to === 'apiServer' && r.event.type === 'http.request')
      .slice(2);
    expect(retries).toHaveLength(2);
    expect(retries[0]!.t).toBeGreaterThanOrEqual(300_000);
  });

  it('model: every state of the cycle is reachable and replays to the same state', () => {
    const env: SimEnv = { now: () => 0 };
    const step = (s: Of<'scheduler.step'>['step']): Of<'scheduler.step'> => ({
      type: 'scheduler.step',
      note: testNote(8),
      step: s,
      podKey: 'default/nginx',
    });
    const events = [
      listed('nodes', [node('worker-1')]),
      added(pending),
      step('enqueue'),
      step('preFilter'),
      step('filter'),
      step('select'),
      httpResponse('scheduler-bind-1', 201),
    ];
    const paths = shortestPaths(schedulerMachine, events, { env, seed: 1 });
    const states = paths.map((p) => p.state).sort();
    expect(states).toEqual([
      '"binding"',
      '"filtering"',
      '"idle"',
      '"preFiltering"',
      '"queueing"',
      '"selecting"',
      '"starting"',
    ]);
    for (const p of paths) expect(replay(schedulerMachine, { env, seed: 1 }, p)).toBe(p.state);
  });
});
