// A Cluster-tab edit made while a pod is Pending can be played as what it would be in a real cluster: a
// node joining or a bound pod deleted at the playhead, which the scheduler's informers see and which
// requeue the pending pod (issue #3: "add a node, free capacity or delete a pod in the cluster editor
// while a pod is Pending, and watch it move to the active queue"). By default an edit replays the run
// from the start; this module finds the edits that can be offered as events at the playhead instead.
import type { KubeObject, Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace/types';
import { deleteArgs, keyOf, livePodsAt, withInterventionNow } from './interventions';

export type ClusterChange = { kind: 'addNode'; node: KubeObject } | { kind: 'deletePod'; pod: string };

const identity = (o: KubeObject): string => `${o.kind}:${o.kind === 'Node' ? o.metadata.name : keyOf(o)}`;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What the scenario holds besides its cluster; an edit that changes any of it is not a cluster change. */
const rest = (s: Scenario): unknown => ({ ...s, cluster: null, name: null });

/**
 * The changes from `before`'s cluster to `after`'s when they are only Nodes added and bound Pods removed
 * (each one a cluster event a pending pod can be requeued by); null when anything else changed, or nothing.
 */
export function clusterChanges(before: Scenario, after: Scenario): ClusterChange[] | null {
  if (!same(rest(before), rest(after))) return null;
  const old = new Map(before.cluster.map((o) => [identity(o), o]));
  const now = new Map(after.cluster.map((o) => [identity(o), o]));
  const changes: ClusterChange[] = [];
  for (const [id, o] of now) {
    const was = old.get(id);
    if (was) {
      if (!same(was, o)) return null;
    } else if (o.kind === 'Node') changes.push({ kind: 'addNode', node: o });
    else return null;
  }
  for (const [id, o] of old) {
    if (now.has(id)) continue;
    const bound = o.kind === 'Pod' && Boolean((o.spec as { nodeName?: string } | undefined)?.nodeName);
    if (!bound) return null;
    changes.push({ kind: 'deletePod', pod: keyOf(o) });
  }
  return changes.length > 0 ? changes : null;
}

/** In words, for the offer and its button: "Node worker-3 joins", "pod default/big is deleted". */
export function describeChange(c: ClusterChange): string {
  return c.kind === 'addNode' ? `Node ${c.node.metadata.name ?? ''} joins` : `pod ${c.pod} is deleted`;
}

/** Pods the API server holds at the playhead as Pending and not bound to a node, as `<ns>/<name>`. */
export function pendingPodsAt(trace: Trace, delivered: number): string[] {
  const pending = livePodsAt(trace, delivered).filter((pod) => {
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    return !(pod.spec as { nodeName?: string } | undefined)?.nodeName && (phase ?? 'Pending') === 'Pending';
  });
  return pending.map(keyOf).sort();
}

type Untimed = Parameters<typeof withInterventionNow>[3];
const asAction = (c: ClusterChange): Untimed =>
  c.kind === 'addNode' ? { kind: 'addNode', node: c.node } : { kind: 'kubectl', args: deleteArgs(c.pod) };

/** `scenario` (the run before the edit) with each change as an event at the playhead, in the order given. */
export function withClusterChangesAt(
  scenario: Scenario,
  trace: Trace,
  delivered: number,
  changes: readonly ClusterChange[],
): Scenario {
  return changes.reduce((s, c) => withInterventionNow(s, trace, delivered, asAction(c)), scenario);
}
