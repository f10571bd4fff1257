// The API server's watch cache (the Cacher): it follows etcd and fans each change out to the client
// watches whose resource and field selector it concerns, as ADDED, MODIFIED or DELETED — an object that
// starts or stops matching a selector is ADDED or DELETED for that watcher.
// upstream: staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go (convertToWatchEvent)
import type { KeyValue, WatchEventType } from '../../cluster/events';
import type { Cause } from '../../cluster/note';
import type { KubeObject } from '../../scenario';
import { fieldValue, matchesFieldSelector, parseFieldSelector } from './fieldSelector';
import { WORKLOAD_RESOURCES, type WorkloadResource } from '../../k8s/workloads';

/** Cluster objects only the scheduler's informers watch (PodTopologySpread, DefaultPreemption). */
export type SchedulingResource = 'services' | 'poddisruptionbudgets';
export type WatchResource = 'pods' | 'nodes' | WorkloadResource | SchedulingResource;
/** Keys by resource; `other` holds the cluster objects admission and RBAC read (not events). */
export type KeyIndex = Record<WatchResource | 'other', string[]>;
export const emptyKeys = (): KeyIndex => ({
  other: [],
  pods: [],
  nodes: [],
  deployments: [],
  replicasets: [],
  statefulsets: [],
  services: [],
  poddisruptionbudgets: [],
});
const SINGULAR: Record<WatchResource, string> = {
  pods: 'pod',
  nodes: 'node',
  deployments: 'deployment',
  replicasets: 'replicaset',
  statefulsets: 'statefulset',
  services: 'service',
  poddisruptionbudgets: 'poddisruptionbudget',
};
export const singular = (r: WatchResource): string => SINGULAR[r];

export interface ClientWatch {
  watchId: string;
  watcher: string;
  resource: WatchResource;
  fieldSelector: string | null;
}

/** The index a key belongs to; null for events, which nothing lists. */
export function bucketOfKey(key: string): keyof KeyIndex | null {
  return resourceOfKey(key) ?? (key.startsWith('/registry/events/') ? null : 'other');
}

export function resourceOfKey(key: string): WatchResource | null {
  if (key.startsWith('/registry/pods/')) return 'pods';
  if (key.startsWith('/registry/minions/')) return 'nodes';
  for (const r of WORKLOAD_RESOURCES) if (key.startsWith(`/registry/${r}/`)) return r;
  // upstream: pkg/registry/core/service/storage (prefix services/specs), pkg/registry/policy/poddisruptionbudget
  if (key.startsWith('/registry/services/specs/')) return 'services';
  if (key.startsWith('/registry/poddisruptionbudgets/')) return 'poddisruptionbudgets';
  return null;
}

export interface Fanout {
  watch: ClientWatch;
  eventType: WatchEventType;
  object: KubeObject;
}

/**
 * The watches of one resource, split by the first equality requirement of their selector: a pod change
 * concerns only the kubelet watching its old or new `spec.nodeName`, not all 5,000 of them. Built once
 * per list of watches (the list is replaced, never changed, when a watch registers).
 */
interface WatchIndex {
  /** Watches with no equality requirement to index on, by registration position. */
  open: number[];
  /** For each indexed field path, the watches by the value they want. */
  byField: Map<string, { path: string[]; byValue: Map<string, number[]> }>;
}

const indexes = new WeakMap<readonly ClientWatch[], Map<WatchResource, WatchIndex>>();

function indexOf(watches: readonly ClientWatch[], resource: WatchResource): WatchIndex {
  let perResource = indexes.get(watches);
  if (!perResource) {
    perResource = new Map<WatchResource, WatchIndex>();
    indexes.set(watches, perResource);
  }
  const cached = perResource.get(resource);
  if (cached) return cached;
  const idx: WatchIndex = { open: [], byField: new Map() };
  watches.forEach((w, i) => {
    if (w.resource !== resource) return;
    const eq = w.fieldSelector ? parseFieldSelector(w.fieldSelector)?.find((r) => r.op === '=') : undefined;
    if (!eq) return idx.open.push(i);
    const field = eq.path.join('.');
    let f = idx.byField.get(field);
    if (!f) idx.byField.set(field, (f = { path: eq.path, byValue: new Map() }));
    const list = f.byValue.get(eq.value) ?? [];
    list.push(i);
    f.byValue.set(eq.value, list);
  });
  perResource.set(resource, idx);
  return idx;
}

/** Positions of the watches that can match `prev` or `next`, in registration order. */
function candidates(idx: WatchIndex, prev: KeyValue | null, next: KeyValue | null): number[] {
  if (idx.byField.size === 0) return idx.open;
  const out = [...idx.open];
  for (const { path, byValue } of idx.byField.values()) {
    const a = prev ? fieldValue(prev.value, path) : null;
    const b = next ? fieldValue(next.value, path) : null;
    if (a !== null) out.push(...(byValue.get(a) ?? []));
    if (b !== null && b !== a) out.push(...(byValue.get(b) ?? []));
  }
  return out.sort((x, y) => x - y);
}

/** The events each watch receives for one change from `prev` to `next` (null = absent). */
export function fanout(
  watches: readonly ClientWatch[],
  key: string,
  prev: KeyValue | null,
  next: KeyValue | null,
): Fanout[] {
  const resource = resourceOfKey(key);
  if (!resource) return [];
  const out: Fanout[] = [];
  for (const i of candidates(indexOf(watches, resource), prev, next)) {
    const w = watches[i]!;
    const was = prev !== null && matchesFieldSelector(prev.value, w.fieldSelector);
    const is = next !== null && matchesFieldSelector(next.value, w.fieldSelector);
    if (!was && is) out.push({ watch: w, eventType: 'ADDED', object: next.value });
    else if (was && is) out.push({ watch: w, eventType: 'MODIFIED', object: next.value });
    else if (was && !is) out.push({ watch: w, eventType: 'DELETED', object: next?.value ?? prev.value });
  }
  return out;
}

/**
 * The activity a watch event belongs to. Most take the activity of the write that caused them; two are
 * activities of their own in the article: the scheduler learning of a new pod (5) and the kubelet
 * learning of a pod bound to its node (12).
 */
export function watchCause(cause: Cause, f: Fanout): Cause {
  const bound = Boolean((f.object.spec as { nodeName?: string } | undefined)?.nodeName);
  // Only the scheduler's pod and node informers (not its Service, ReplicaSet, … ones) make activity 5.
  const podOrNode = f.object.kind === 'Pod' || f.object.kind === 'Node';
  if (
    f.watch.watcher === 'scheduler' &&
    podOrNode &&
    f.eventType === 'ADDED' &&
    !bound &&
    (cause.activity ?? 0) <= 4
  )
    return { ...cause, activity: 5, phase: 'Schedule' };
  if (f.watch.watcher.startsWith('kubelet:') && f.eventType === 'ADDED' && (cause.activity ?? 0) <= 11)
    return { ...cause, activity: 12, phase: 'Sandbox' };
  return cause;
}
