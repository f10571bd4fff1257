// The plain path: kube-scheduler's default profile for one pod, written as directly as possible. It
// rebuilds the snapshot on every call and keeps no state between cycles. The optimised path (optimised.ts)
// must decide exactly as this one does; properties.test.ts checks that on random clusters.
// upstream: pkg/scheduler/schedule_one.go schedulePod, findNodesThatFitPod, findNodesThatPassFilters
import { describePreFilter, preFilter, runFiltersWithNominatedPods, type CycleState } from './cycle';
import { failure, verdictOf, type Base, type FilterOutcome } from './outcome';
import { numFeasibleNodesToFind } from './percentage';
import { scoreNodes } from './scoring';
import { buildSnapshot, podKey } from './snapshot';
import type { NodeInfo, NodeVerdict, SchedulingInput, SchedulingResult } from './types';

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
    const status = runFiltersWithNominatedPods(state, node);
    if (status === null) out.feasible.push(node);
    else out.statuses.set(node.name, status);
  }
  return out;
}

function verdicts(
  nodes: NodeInfo[],
  f: FilterOutcome,
  scores: Map<string, NodeVerdict['scores']>,
  subset: Set<string> | null,
): NodeVerdict[] {
  return nodes.map((n) => verdictOf(n, f, f.feasible.includes(n), scores.get(n.name) ?? [], subset));
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

export function scheduleOnePlain(input: SchedulingInput): SchedulingResult {
  const snapshot = buildSnapshot(input.nodes, input.assignedPods);
  const state = preFilter(input.pod, snapshot, input);
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
