// kube-scheduler's default profile for one pod, as a pure function: snapshot → PreFilter → Filter (from a
// rotating start, stopping at numFeasibleNodesToFind) → PostFilter or Score → selectHost.
// upstream: pkg/scheduler/schedule_one.go schedulePod, findNodesThatFitPod, findNodesThatPassFilters
import { describePreFilter, preFilter, runFilters, type CycleState } from './cycle';
import { fitErrorMessage, postFilterMessage } from './message';
import { NODE_AFFINITY } from './plugins/nodeAffinity';
import { runPreemption } from './preemption';
import { scoreNodes } from './scoring';
import { buildSnapshot, podKey } from './snapshot';
import type { NodeInfo, NodeVerdict, SchedulingInput, SchedulingResult, Status } from './types';

import { numFeasibleNodesToFind } from './percentage';

export type * from './types';
export { podRequests } from './requests';

export { numFeasibleNodesToFind } from './percentage';

interface FilterOutcome {
  feasible: NodeInfo[];
  statuses: Map<string, Status>;
  examined: Set<string>;
}

/** Examines candidates in index order from the start index; stops once enough feasible nodes are found. */
function filterNodes(
  state: CycleState,
  candidates: NodeInfo[],
  start: number,
  toFind: number,
): FilterOutcome {
  const out: FilterOutcome = { feasible: [], statuses: new Map(), examined: new Set() };
  for (let i = 0; i < candidates.length && out.feasible.length < toFind; i++) {
    const node = candidates[(start + i) % candidates.length];
    if (node === undefined) continue;
    out.examined.add(node.name);
    const status = runFilters(state, node);
    if (status === null) out.feasible.push(node);
    else out.statuses.set(node.name, status);
  }
  return out;
}

/** Nodes outside a PreFilter subset carry upstream's "absent" status. upstream: schedule_one.go findNodesThatFitPod */
const absentStatus = (): Status => ({
  plugin: NODE_AFFINITY,
  code: 'UnschedulableAndUnresolvable',
  reasons: [`node(s) didn't satisfy plugin(s) [${NODE_AFFINITY}]`],
});

function verdicts(
  nodes: NodeInfo[],
  f: FilterOutcome,
  scores: Map<string, NodeVerdict['scores']>,
  subset: Set<string> | null,
): NodeVerdict[] {
  return nodes.map((n) => {
    const status = f.statuses.get(n.name) ?? (subset !== null && !subset.has(n.name) ? absentStatus() : null);
    const s = scores.get(n.name) ?? [];
    return {
      node: n.name,
      examined: f.examined.has(n.name),
      feasible: f.feasible.includes(n),
      failedPlugin: status?.plugin ?? null,
      reasons: status?.reasons ?? [],
      code: status?.code ?? null,
      scores: s,
      total: s.length > 0 ? s.reduce((sum, p) => sum + p.weighted, 0) : null,
    };
  });
}

/** Highest total wins; ties are broken uniformly with the seeded source. upstream: schedule_one.go selectHost */
function selectHost(
  feasible: NodeInfo[],
  totals: number[],
  random: () => number,
): { node: string; tied: string[] } {
  const best = Math.max(...totals);
  const tied = feasible.filter((_, i) => totals[i] === best).map((n) => n.name);
  const pick =
    tied.length > 1 ? tied[Math.min(tied.length - 1, Math.floor(random() * tied.length))] : tied[0];
  return { node: pick ?? '', tied };
}

type Base = Omit<SchedulingResult, 'node' | 'acceptableNodes' | 'message' | 'preemption'>;

function failure(
  input: SchedulingInput,
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

export function scheduleOne(input: SchedulingInput): SchedulingResult {
  const snapshot = buildSnapshot(input.nodes, input.assignedPods);
  const state = preFilter(input.pod, snapshot);
  const na = state.nodeAffinity;
  const candidates =
    na.kind === 'subset' ? snapshot.nodes.filter((n) => na.nodeNames.has(n.name)) : snapshot.nodes;
  const toFind = numFeasibleNodesToFind(candidates.length, input.percentageOfNodesToScore);
  const start = candidates.length === 0 ? 0 : input.nextStartNodeIndex % candidates.length;
  const f: FilterOutcome =
    na.kind === 'reject'
      ? { feasible: [], statuses: new Map(), examined: new Set() }
      : filterNodes(state, candidates, start, toFind);
  const processed = f.feasible.length + f.statuses.size;
  const subset = na.kind === 'subset' ? na.nodeNames : null;
  const base: Base = {
    pod: podKey(input.pod),
    preFilter: describePreFilter(state),
    nodes: verdicts(snapshot.nodes, f, new Map(), subset),
    numFeasibleNodesToFind: toFind,
    examinedCount: f.examined.size,
    nextStartNodeIndex:
      input.nodes.length === 0 ? 0 : (input.nextStartNodeIndex + processed) % input.nodes.length,
  };
  if (f.feasible.length === 0) return failure(input, base, f, na.kind === 'reject' ? na.status : null);
  const only = f.feasible[0];
  if (f.feasible.length === 1 && only !== undefined) {
    return { ...base, node: only.name, acceptableNodes: [only.name], message: null, preemption: null };
  }
  const perNode = scoreNodes(state, f.feasible);
  const scores = new Map(f.feasible.map((n, i) => [n.name, perNode[i] ?? []]));
  const nodes = verdicts(snapshot.nodes, f, scores, subset);
  const totals = f.feasible.map((n) => nodes.find((v) => v.node === n.name)?.total ?? 0);
  const { node, tied } = selectHost(f.feasible, totals, input.random);
  return { ...base, nodes, node, acceptableNodes: tied, message: null, preemption: null };
}
