// What the plain and the optimised cycles share once the filters have run: the "absent" status of nodes
// outside a PreFilter subset, the failure result (PostFilter + FitError message), the verdict per node.
// upstream: pkg/scheduler/schedule_one.go findNodesThatFitPod, schedulePod
import { fitErrorMessage, postFilterMessage } from './message';
import { NODE_AFFINITY } from './plugins/nodeAffinity';
import { runPreemption } from './preemption';
import type { NodeInfo, NodeVerdict, SchedulingInput, SchedulingResult, Status } from './types';

export interface FilterOutcome {
  feasible: NodeInfo[];
  statuses: Map<string, Status>;
  examined: Set<string>;
}

/** Nodes outside a PreFilter subset carry upstream's "absent" status. upstream: schedule_one.go findNodesThatFitPod */
export const absentStatus = (): Status => ({
  plugin: NODE_AFFINITY,
  code: 'UnschedulableAndUnresolvable',
  reasons: [`node(s) didn't satisfy plugin(s) [${NODE_AFFINITY}]`],
});

/** One node's verdict: its filter status (explicit or absent), whether it was examined, its scores. */
export function verdictOf(
  n: NodeInfo,
  f: FilterOutcome,
  feasible: boolean,
  s: NodeVerdict['scores'],
  subset: Set<string> | null,
): NodeVerdict {
  const status = f.statuses.get(n.name) ?? (subset !== null && !subset.has(n.name) ? absentStatus() : null);
  return {
    node: n.name,
    examined: f.examined.has(n.name),
    feasible,
    failedPlugin: status?.plugin ?? null,
    reasons: status?.reasons ?? [],
    code: status?.code ?? null,
    scores: s,
    total: s.length > 0 ? s.reduce((sum, p) => sum + p.weighted, 0) : null,
  };
}

export type Base = Omit<SchedulingResult, 'node' | 'acceptableNodes' | 'message' | 'preemption'>;

/** PostFilter (DefaultPreemption) and the FailedScheduling message for a cycle with no feasible node. */
export function failure(
  input: Pick<SchedulingInput, 'pod' | 'nodes' | 'assignedPods' | 'random' | 'listers' | 'nominatedPods'>,
  base: Base,
  f: FilterOutcome,
  preFilterStatus: Status | null,
): SchedulingResult {
  const statuses = new Map(f.statuses);
  if (preFilterStatus !== null)
    for (const n of input.nodes) statuses.set(n.metadata?.name ?? '', preFilterStatus);
  const preemption = runPreemption({
    pod: input.pod,
    nodes: input.nodes,
    assignedPods: input.assignedPods,
    statuses,
    random: input.random,
    listers: input.listers,
    nominatedPods: input.nominatedPods,
  });
  const { nominatedNode: _nominated, ...outcome } = preemption;
  const message = fitErrorMessage({
    numAllNodes: input.nodes.length,
    preFilterMsg: preFilterStatus?.reasons.join(', '),
    explicit: [...f.statuses.values()],
    absentReasons: absentStatus().reasons,
    // A successful preemption returns Success from PostFilter, whose message is empty.
    postFilterMsg: outcome.victims !== null ? '' : postFilterMessage(outcome.message),
  });
  return { ...base, node: null, acceptableNodes: [], message, preemption: outcome };
}
