// The optimised path: the plain path's decision (plain.ts) from a cache kept between cycles, a quick
// filter check, column scores, and per-node verdicts built only when asked for. At 5,000 nodes a cycle
// examines ~500 of them, so nothing here walks every node unless a result is materialised.
// upstream: pkg/scheduler/schedule_one.go schedulePod, findNodesThatFitPod, selectHost
import type { Pod } from 'kubernetes-types/core/v1';
import type { SchedulerCache } from './cache';
import { describePreFilter, nominatedByNode, preFilter, type CycleExtras, type CycleState } from './cycle';
import { filterCandidates, type CompactFilterOutcome } from './fastFilter';
import { pluginScoresAt, scoreColumns, type ScoreColumn } from './fastScore';
import { failure, verdictOf, type Base, type FilterOutcome } from './outcome';
import { numFeasibleNodesToFind } from './percentage';
import { podRequests } from './requests';
import { podHostPorts, podKey } from './snapshot';
import { nodeAffinityPreFilter } from './plugins/nodeAffinity';
import { spreadPreFilter } from './plugins/podTopologySpread';
import type { NodeInfo, NodeVerdict, SchedulingInput, SchedulingResult } from './types';

export type CycleOptions = Pick<
  SchedulingInput,
  'nextStartNodeIndex' | 'random' | 'percentageOfNodesToScore' | 'listers' | 'nominatedPods'
> & {
  /** false: only the decision is wanted; result() then throws instead of keeping every score. */
  verdicts?: boolean;
};

/** A decision; `result()` builds the full SchedulingResult (every node's verdict) the plain path returns. */
export interface Decision {
  pod: Pod;
  node: string | null;
  acceptableNodes: string[];
  /** The FailedScheduling message; null on success. */
  message: string | null;
  nextStartNodeIndex: number;
  result: () => SchedulingResult;
}

/** PreFilter as cycle.ts preFilter, with InterPodAffinity skipped without a walk when nothing can use it. */
function fastPreFilter(pod: Pod, cache: SchedulerCache, extras: CycleExtras): CycleState {
  const { snapshot } = cache;
  const a = pod.spec?.affinity;
  const ownTerms =
    (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
    (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
  if (ownTerms || cache.podsWithRequiredAnti > 0) return preFilter(pod, snapshot, extras);
  return {
    pod,
    snapshot,
    requests: podRequests(pod),
    hostPorts: podHostPorts(pod),
    nodeAffinity: nodeAffinityPreFilter(pod),
    spread: spreadPreFilter(pod, snapshot),
    // No required terms on the pod and no existing pod with required anti-affinity: PreFilter Skip.
    interPod: null,
    listers: extras.listers ?? {},
    nominated: nominatedByNode(pod, extras.nominatedPods),
  };
}

/** selectHost: the highest total wins, ties broken with the seeded source as the plain path does. */
function pickHost(
  feasible: number[],
  names: string[],
  totals: number[],
  random: () => number,
): { node: string; tied: string[] } {
  let best = -Infinity;
  for (let k = 0; k < feasible.length; k++) if ((totals[k] as number) > best) best = totals[k] as number;
  const tied: string[] = [];
  for (let k = 0; k < feasible.length; k++)
    if (totals[k] === best) tied.push(names[feasible[k] as number] as string);
  const pick =
    tied.length > 1 ? tied[Math.min(tied.length - 1, Math.floor(random() * tied.length))] : tied[0];
  return { node: pick ?? '', tied };
}

interface Materialise {
  cache: SchedulerCache;
  state: CycleState;
  candidates: Int32Array;
  start: number;
  f: CompactFilterOutcome;
  subset: Set<string> | null;
  columns: ScoreColumn[] | null;
  toFind: number;
  nextStartNodeIndex: number;
}

/** The plain path's FilterOutcome (names) from the compact one (node objects, examined count). */
function expand(m: Materialise): FilterOutcome {
  const names = m.cache.table.names;
  const examined = new Set<string>();
  for (let k = 0; k < m.f.examined; k++)
    examined.add(names[m.candidates[(m.start + k) % m.candidates.length] as number] as string);
  const statuses = new Map([...m.f.statuses].map(([i, s]) => [names[i] as string, s]));
  const feasible = m.f.feasible.map((i) => m.cache.snapshot.nodes[i] as NodeInfo);
  return { feasible, statuses, examined };
}

function base(m: Materialise, f: FilterOutcome, withScores: boolean): Base {
  const feasible = new Map(m.f.feasible.map((i, k) => [i, k]));
  const nodes = m.cache.snapshot.nodes.map((n, i): NodeVerdict => {
    const k = feasible.get(i);
    const scores = withScores && k !== undefined && m.columns !== null ? pluginScoresAt(m.columns, k) : [];
    return verdictOf(n, f, k !== undefined, scores, m.subset);
  });
  return {
    pod: podKey(m.state.pod),
    preFilter: describePreFilter(m.state),
    nodes,
    numFeasibleNodesToFind: m.toFind,
    examinedCount: m.f.examined,
    nextStartNodeIndex: m.nextStartNodeIndex,
  };
}

export function decide(cache: SchedulerCache, pod: Pod, opts: CycleOptions): Decision {
  const state = fastPreFilter(pod, cache, opts);
  const na = state.nodeAffinity;
  const candidates = na.kind === 'subset' ? cache.indicesOf(na.nodeNames) : cache.allIndices;
  const toFind = numFeasibleNodesToFind(candidates.length, opts.percentageOfNodesToScore);
  const start = candidates.length === 0 ? 0 : opts.nextStartNodeIndex % candidates.length;
  const f: CompactFilterOutcome =
    na.kind === 'reject'
      ? { feasible: [], statuses: new Map(), examined: 0 }
      : filterCandidates(state, cache.table, candidates, start, toFind);
  const numAll = cache.nodes.length;
  const nextStartNodeIndex = numAll === 0 ? 0 : (opts.nextStartNodeIndex + f.examined) % numAll;
  const m: Materialise = {
    cache,
    state,
    candidates,
    start,
    f,
    subset: na.kind === 'subset' ? na.nodeNames : null,
    columns: null,
    toFind,
    nextStartNodeIndex,
  };
  const decision = (node: string | null, tied: string[], result: () => SchedulingResult): Decision => ({
    pod,
    node,
    acceptableNodes: tied,
    message: null,
    nextStartNodeIndex,
    result,
  });
  if (f.feasible.length === 0) {
    // The failure message needs every status and PostFilter's dry run: worked out now, as the plain path does.
    const expanded = expand(m);
    const input = {
      pod,
      nodes: cache.nodes,
      assignedPods: cache.assignedPods,
      random: opts.random,
      listers: opts.listers,
      nominatedPods: opts.nominatedPods,
    };
    const r = failure(input, base(m, expanded, false), expanded, na.kind === 'reject' ? na.status : null);
    return { ...decision(null, [], () => r), message: r.message };
  }
  const only = cache.snapshot.nodes[f.feasible[0] as number] as NodeInfo;
  if (f.feasible.length === 1) {
    return decision(only.name, [only.name], () => ({
      ...base(m, expand(m), false),
      node: only.name,
      acceptableNodes: [only.name],
      message: null,
      preemption: null,
    }));
  }
  const keep = opts.verdicts !== false;
  const { columns, totals } = scoreColumns(state, cache, f.feasible, keep);
  m.columns = columns;
  const { node, tied } = pickHost(f.feasible, cache.table.names, totals, opts.random);
  if (!keep)
    return decision(node, tied, () => {
      throw new Error('decide: verdicts were not kept (verdicts: false)');
    });
  return decision(node, tied, () => ({
    ...base(m, expand(m), true),
    node,
    acceptableNodes: tied,
    message: null,
    preemption: null,
  }));
}
