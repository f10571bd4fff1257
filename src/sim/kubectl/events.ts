// Events as kubectl shows them. kubectl reads every Event through the core/v1 API, so the scheduler's
// events.k8s.io/v1 objects are first converted the way the apiserver would (regarding → involvedObject,
// note → message, reportingController → reportingComponent, deprecated* → the core/v1 fields).
// upstream: pkg/apis/events/v1/conversion.go; staging/src/k8s.io/kubectl/pkg/describe/describe.go DescribeEvents;
// pkg/printers/internalversion/printers.go printEvent; staging/src/k8s.io/kubectl/pkg/util/event/sorted_event_list.go
import type { Event as CoreEvent, Pod } from 'kubernetes-types/core/v1';
import type { Event as EventsV1Event } from 'kubernetes-types/events/v1';
import { GET_TABWRITER } from './getPods';
import { tabwrite, type Row } from './tabwriter';
import { ageSince, parseTimestamp } from './time';

/** An Event as stored: core/v1 (kubelet) or events.k8s.io/v1 (scheduler). Null timestamps are tolerated. */
export type AnyEvent = CoreEvent | EventsV1Event;

/** The core/v1 fields kubectl reads, after conversion. */
export interface EventView {
  name: string;
  namespace: string;
  type: string;
  reason: string;
  message: string;
  involved: { kind: string; name: string; namespace: string; uid: string; fieldPath: string };
  sourceComponent: string;
  reportingController: string;
  eventTime: string | null;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  count: number;
  series: { count: number; lastObservedTime: string | null } | null;
}

function isEventsV1(e: AnyEvent): e is EventsV1Event {
  return e.apiVersion === 'events.k8s.io/v1' || 'regarding' in e || 'note' in e;
}

function seriesView(
  s: { count?: number; lastObservedTime?: string } | null | undefined,
): EventView['series'] {
  return s ? { count: s.count ?? 0, lastObservedTime: s.lastObservedTime ?? null } : null;
}

function involvedView(ref: CoreEvent['involvedObject'] | undefined): EventView['involved'] {
  return {
    kind: ref?.kind ?? '',
    name: ref?.name ?? '',
    namespace: ref?.namespace ?? '',
    uid: ref?.uid ?? '',
    fieldPath: ref?.fieldPath ?? '',
  };
}

/** The core/v1 view of a stored Event. */
export function eventView(e: AnyEvent): EventView {
  const meta = { name: e.metadata?.name ?? '', namespace: e.metadata?.namespace ?? '' };
  const common = { ...meta, type: e.type ?? '', reason: e.reason ?? '', eventTime: e.eventTime || null };
  if (isEventsV1(e)) {
    return {
      ...common,
      message: e.note ?? '',
      involved: involvedView(e.regarding),
      sourceComponent: e.deprecatedSource?.component ?? '',
      reportingController: e.reportingController ?? '',
      firstTimestamp: e.deprecatedFirstTimestamp || null,
      lastTimestamp: e.deprecatedLastTimestamp || null,
      count: e.deprecatedCount ?? 0,
      series: seriesView(e.series),
    };
  }
  return {
    ...common,
    message: e.message ?? '',
    involved: involvedView(e.involvedObject),
    sourceComponent: e.source?.component ?? '',
    reportingController: e.reportingComponent ?? '',
    firstTimestamp: e.firstTimestamp || null,
    lastTimestamp: e.lastTimestamp || null,
    count: e.count ?? 0,
    series: seriesView(e.series),
  };
}

function byName(a: EventView, b: EventView): number {
  const ka = `${a.namespace}/${a.name}`;
  const kb = `${b.namespace}/${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Events in the order the apiserver lists them (etcd key order: namespace/name). */
export function listOrder(events: readonly AnyEvent[]): EventView[] {
  return events.map(eventView).sort(byName);
}

/**
 * The events `kubectl describe pod` finds: its field selector matches involvedObject name, namespace and uid
 * (the kind is cleared). upstream: describe.go PodDescriber.Describe, searchEvents
 */
export function eventsForPod(pod: Pod, events: readonly AnyEvent[]): EventView[] {
  const { name = '', namespace = '', uid = '' } = pod.metadata ?? {};
  return listOrder(events).filter(
    (e) => e.involved.name === name && e.involved.namespace === namespace && e.involved.uid === uid,
  );
}

// SortableEvents compares series.lastObservedTime, else lastTimestamp, else eventTime.
function sortTime(e: EventView): number {
  const at = parseTimestamp(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime);
  return at ?? Number.NEGATIVE_INFINITY;
}

/** describe's order. Go's sort.Sort is an insertion sort below 13 items, i.e. stable, so ties keep list order. */
export function sortForDescribe(events: readonly EventView[]): EventView[] {
  return events
    .map((e, i) => ({ e, i, t: sortTime(e) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ e }) => e);
}

/** describe's Age cell: `8s`, or `<last> (x<count> over <first>)` for a repeated event. */
export function describeEventAge(e: EventView, nowMs: number): string {
  const first = e.eventTime ? ageSince(e.eventTime, nowMs) : ageSince(e.firstTimestamp, nowMs);
  if (e.series) return `${ageSince(e.series.lastObservedTime, nowMs)} (x${e.series.count} over ${first})`;
  if (e.count > 1) return `${ageSince(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
  return first;
}

/** describe's Message cell: kubectl 1.35+ prefixes the involved object's fieldPath (CHANGELOG-1.35 #133627). */
export function describeEventMessage(e: EventView): string {
  const message = e.message.trim();
  return e.involved.fieldPath ? `${e.involved.fieldPath}: ${message}` : message;
}

/** The rows of describe's Events table (header, dashes, one per event), indented one level. */
export function describeEventRows(events: readonly EventView[], nowMs: number): Row[] {
  const rows: Row[] = [
    ['  Type', 'Reason', 'Age', 'From', 'Message'],
    ['  ----', '------', '----', '----', '-------'],
  ];
  for (const e of sortForDescribe(events)) {
    const from = e.sourceComponent || e.reportingController;
    rows.push([`  ${e.type}`, e.reason, describeEventAge(e, nowMs), from, describeEventMessage(e)]);
  }
  return rows;
}

function lastSeen(e: EventView, nowMs: number): string {
  if (e.series) return ageSince(e.series.lastObservedTime, nowMs);
  if (e.lastTimestamp) return ageSince(e.lastTimestamp, nowMs);
  return e.firstTimestamp ? ageSince(e.firstTimestamp, nowMs) : ageSince(e.eventTime, nowMs);
}

function objectCell(e: EventView): string {
  const kind = e.involved.kind.toLowerCase();
  return e.involved.name ? `${kind}/${e.involved.name}` : kind;
}

/**
 * The stdout of `kubectl get events` (server-side table, list order, no fieldPath prefix), or '' when there are
 * none (kubectl then only writes `No resources found in <ns> namespace.` to stderr).
 */
export function formatEventsTable(events: readonly AnyEvent[], nowMs: number): string {
  if (events.length === 0) return '';
  const rows: Row[] = [['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']];
  for (const e of listOrder(events)) {
    rows.push([lastSeen(e, nowMs), e.type, e.reason, objectCell(e), e.message.trim()]);
  }
  return tabwrite(rows, GET_TABWRITER).join('\n') + '\n';
}
