// In a run, kube-scheduler keeps one SchedulerCache across cycles, as upstream's cache does, instead of
// building every NodeInfo from every pod at each cycle (most of a 1,000-replica run's time). The cache
// must give exactly what a fresh one built from the informer tables would: the same assigned pods in
// the same order (preemption reads that list) and the same objects. So a change the cache cannot follow
// exactly (a node event, a pod deleted, a bound pod whose spec, node or terminal phase changed, a bind
// out of the tables' key order) drops it, and the next cycle builds a fresh one.
// upstream: pkg/scheduler/backend/cache/cache.go (AssumePod, UpdatePod), snapshot.go UpdateSnapshot
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../scenario';
import { asNode, asPod } from '../../k8s/pod';
import { SchedulerCache } from '../../scheduler';
import { isTerminal } from '../../scheduler/snapshot';

type Table = Record<string, KubeObject>;

interface Live {
  cache: SchedulerCache;
  /** Where each assigned pod sits in cache.assignedPods. */
  slot: Map<string, number>;
  /** Each pod key's position in the pod table's key order (first seen first). */
  order: Map<string, number>;
  nextOrder: number;
  /** The largest order among the assigned pods: a bind after it appends, as a rebuild would list it. */
  lastAssigned: number;
}

/** Keyed by the scheduler's pod table, which a run updates in place. */
const lives = new WeakMap<Table, Live>();

const bound = (o: KubeObject | undefined): boolean => Boolean(asPod(o ?? ({} as KubeObject)).spec?.nodeName);

function build(pods: Table, nodes: Table): Live {
  const order = new Map<string, number>();
  const slot = new Map<string, number>();
  const assigned: Pod[] = [];
  let n = 0;
  let lastAssigned = -1;
  for (const [key, o] of Object.entries(pods)) {
    order.set(key, n);
    if (bound(o)) {
      slot.set(key, assigned.length);
      assigned.push(asPod(o));
      lastAssigned = n;
    }
    n++;
  }
  const cache = new SchedulerCache(Object.values(nodes).map(asNode), assigned);
  return { cache, slot, order, nextOrder: n, lastAssigned };
}

/** The cache for this cycle: the kept one, or a fresh one from the tables. */
export function liveCache(pods: Table, nodes: Table): SchedulerCache {
  let live = lives.get(pods);
  if (!live) lives.set(pods, (live = build(pods, nodes)));
  return live.cache;
}

function sameSpec(a: Pod, b: Pod): boolean {
  return a.spec === b.spec || JSON.stringify(a.spec) === JSON.stringify(b.spec);
}

/** Puts `next` where the cache holds the pod's older object (its NodeInfo and the assigned list). */
function swap(live: Live, key: string, next: Pod): void {
  const i = live.slot.get(key)!;
  const prev = live.cache.assignedPods[i]!;
  live.cache.assignedPods[i] = next;
  const info = live.cache.snapshot.byName.get(next.spec?.nodeName ?? '');
  const j = info ? info.pods.indexOf(prev) : -1;
  if (info && j >= 0) info.pods[j] = next;
}

/** An informer change, after the table has it: `prev` is what the table held before (undefined: new). */
export function observeLive(
  pods: Table,
  kind: 'pod' | 'node',
  key: string,
  prev: KubeObject | undefined,
  next: KubeObject | null,
): void {
  const live = lives.get(pods);
  if (!live) return;
  if (kind === 'node') return void lives.delete(pods);
  if (prev === undefined && next) live.order.set(key, live.nextOrder++);
  const held = live.slot.has(key);
  if (!held) {
    // A pod the cache does not hold: fine while it stays unbound (pending pods are not in the snapshot).
    if (next && bound(next)) lives.delete(pods);
    else if (!next) live.order.delete(key);
    return;
  }
  const old = live.cache.assignedPods[live.slot.get(key)!]!;
  const now = next ? asPod(next) : null;
  if (
    !now ||
    now.spec?.nodeName !== old.spec?.nodeName ||
    isTerminal(now) !== isTerminal(old) ||
    !sameSpec(now, old)
  )
    return void lives.delete(pods);
  swap(live, key, now);
}

/** The scheduler's assume step: the pod (already in the table with its node) joins the cache. */
export function assumeLive(pods: Table, key: string, assumed: KubeObject): void {
  const live = lives.get(pods);
  if (!live) return;
  const at = live.order.get(key);
  if (at === undefined || at < live.lastAssigned || live.slot.has(key)) return void lives.delete(pods);
  const pod = asPod(assumed);
  live.cache.assume(pod, pod.spec?.nodeName ?? '');
  live.lastAssigned = at;
  live.slot.set(key, live.cache.assignedPods.length - 1);
  // The cache made its own copy of the pod; hold the table's object, as a fresh cache would.
  swap(live, key, pod);
}
