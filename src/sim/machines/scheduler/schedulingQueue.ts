// The scheduling queue's rules, as pure functions: the backoff a pod serves after a failed attempt, which
// cluster events move an unschedulable pod (QueueingHints), and where a moved pod goes.
// upstream: pkg/scheduler/backend/queue/scheduling_queue.go (requeuePodWithQueueingStrategy,
// isPodWorthRequeuing, flushUnschedulablePodsLeftover), backoff_queue.go calculateBackoffDuration,
// active_queue.go unlockedPop; the plugins' EventsToRegister / isSchedulableAfter* hints.
import type { KubeObject } from '../../scenario';

/** DefaultPodInitialBackoffDuration and DefaultPodMaxBackoffDuration. */
export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;

/** 1 s × 2^(attempts−1), capped at 10 s; no backoff before the first attempt. upstream: backoff_queue.go calculateBackoffDuration */
export function backoffMs(attempts: number): number {
  if (attempts <= 0) return 0;
  let d = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (d > MAX_BACKOFF_MS - d) return MAX_BACKOFF_MS;
    d += d;
  }
  return d;
}

/** The cluster events Podwalk's informers can produce that matter to a pending pod (ClusterEvent labels). */
export type ClusterEventLabel = 'NodeAdd' | 'NodeUpdate' | 'AssignedPodDelete';

export interface ClusterEvent {
  label: ClusterEventLabel;
  old: KubeObject | undefined;
  obj: KubeObject;
}

/** The cluster event a watch event is, if any; `old` is the informer's copy before it. */
export function clusterEventOf(
  eventType: 'ADDED' | 'MODIFIED' | 'DELETED',
  obj: KubeObject,
  old: KubeObject | undefined,
): ClusterEvent | null {
  if (obj.kind === 'Node') {
    if (eventType === 'ADDED') return { label: 'NodeAdd', old, obj };
    if (eventType === 'MODIFIED') return { label: 'NodeUpdate', old, obj };
    return null;
  }
  // An assigned pod's deletion (or its leaving the informer's selector once terminal) frees its node.
  const assigned = Boolean((old?.spec as { nodeName?: string } | undefined)?.nodeName);
  if (eventType === 'DELETED' && assigned) return { label: 'AssignedPodDelete', old, obj };
  return null;
}

type Part = (o: KubeObject | undefined) => unknown;
const spec = (o: KubeObject | undefined) => (o?.spec ?? {}) as Record<string, unknown>;
const status = (o: KubeObject | undefined) => (o?.status ?? {}) as Record<string, unknown>;
const PARTS: Record<string, Part> = {
  allocatable: (o) => status(o).allocatable,
  taints: (o) => spec(o).taints,
  labels: (o) => o?.metadata.labels,
  unschedulable: (o) => spec(o).unschedulable,
};
const changed = (ev: ClusterEvent, part: keyof typeof PARTS): boolean =>
  JSON.stringify(PARTS[part]!(ev.old)) !== JSON.stringify(PARTS[part]!(ev.obj));

/**
 * Per filter plugin: does this event possibly make the pod schedulable (Queue) or not (QueueSkip)?
 * A simplification of each plugin's hint: NodeAdd queues for every plugin; a NodeUpdate queues only for
 * the plugins whose input changed (allocatable for NodeResourcesFit, taints for TaintToleration, labels
 * for NodeAffinity/PodTopologySpread/InterPodAffinity, spec.unschedulable for NodeUnschedulable); an
 * assigned pod's deletion queues for the plugins that count pods on a node.
 * upstream: plugins/noderesources/fit.go isSchedulableAfterNodeChange / isSchedulableAfterPodEvent,
 * tainttoleration.go isSchedulableAfterNodeChange, nodeaffinity.go isSchedulableAfterNodeChange,
 * nodeunschedulable.go isSchedulableAfterNodeChange, nodeports.go isSchedulableAfterPodDeleted,
 * podtopologyspread/plugin.go, interpodaffinity/plugin.go EventsToRegister
 */
function pluginHint(plugin: string, ev: ClusterEvent): boolean {
  if (ev.label === 'NodeAdd') return true;
  if (ev.label === 'AssignedPodDelete')
    return ['NodeResourcesFit', 'NodePorts', 'PodTopologySpread', 'InterPodAffinity'].includes(plugin);
  switch (plugin) {
    case 'NodeResourcesFit':
      return changed(ev, 'allocatable');
    case 'TaintToleration':
      return changed(ev, 'taints');
    case 'NodeAffinity':
    case 'PodTopologySpread':
    case 'InterPodAffinity':
      return changed(ev, 'labels');
    case 'NodeUnschedulable':
      return changed(ev, 'unschedulable');
    default:
      return false;
  }
}

/**
 * Queue when any plugin that rejected the pod says Queue; a pod rejected by no plugin (an error) is
 * requeued by every event. upstream: scheduling_queue.go isPodWorthRequeuing
 */
export function worthRequeuing(unschedulablePlugins: readonly string[], ev: ClusterEvent): boolean {
  if (unschedulablePlugins.length === 0) return true;
  return unschedulablePlugins.some((p) => pluginHint(p, ev));
}

/**
 * Where a pod moved out of unschedulablePods goes: backoffQ while its backoff (counted from the failed
 * attempt) runs, activeQ once it has run out. upstream: scheduling_queue.go requeuePodWithQueueingStrategy
 */
export function requeueTarget(nowMs: number, failedAtMs: number, attempts: number): 'backoffQ' | 'activeQ' {
  return failedAtMs + backoffMs(attempts) > nowMs ? 'backoffQ' : 'activeQ';
}

/** The three queues' sizes, for the notes of activity 6 (a UI draws the queue lane from them). */
export interface QueueCounts {
  activeQ: number;
  backoffQ: number;
  unschedulable: number;
}
