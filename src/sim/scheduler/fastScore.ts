// The optimised Score step: the default profile's plugins, weights and normalisation (scoring.ts), one
// column of numbers per plugin instead of one PluginScore object per node and plugin; per-pod work
// (non-zero requests, image names, whether InterPodAffinity can score at all) is done once per cycle.
// upstream: pkg/scheduler/framework/runtime/framework.go RunScorePlugins
import type { SchedulerCache } from './cache';
import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from './cycle';
import type { NodeTable } from './nodeTable';
import { podRequests } from './requests';
import { defaultNormalize } from './scoring';
import type { NodeInfo, PluginScore } from './types';
import { IMAGE_LOCALITY, imageLocalityScorer } from './plugins/imageLocality';
import { INTER_POD_AFFINITY, interPodScores } from './plugins/interPodAffinity';
import { hasPreferredNodeAffinity, NODE_AFFINITY, nodeAffinityRaw } from './plugins/nodeAffinity';
import {
  BALANCED_ALLOCATION,
  balancedScoreOf,
  isBestEffort,
  leastRequestedScore,
  NODE_RESOURCES_FIT,
} from './plugins/nodeResources';
import { POD_TOPOLOGY_SPREAD, scoreConstraints, spreadScores } from './plugins/podTopologySpread';
import { TAINT_TOLERATION, taintTolerationRaw } from './plugins/taints';

/** One plugin's scores over the feasible nodes; a number stands for the same value on every node. */
export interface ScoreColumn {
  plugin: string;
  weight: number;
  raw: number[] | number;
  normalized: number[] | number;
}

const at = (v: number[] | number, k: number): number => (typeof v === 'number' ? v : (v[k] as number));

function perNode(nodes: NodeInfo[], score: (n: NodeInfo) => number): number[] {
  const out = new Array<number>(nodes.length);
  for (let i = 0; i < nodes.length; i++) out[i] = score(nodes[i] as NodeInfo);
  return out;
}

/** A pod with no preferred pod (anti-)affinity, among pods with no terms InterPodAffinity scores by, scores nothing. */
function interPodCanScore(state: CycleState, cache: SchedulerCache): boolean {
  const a = state.pod.spec?.affinity;
  const preferred =
    (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
    (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
  return preferred || cache.podsWithScoringTerms > 0;
}

/** LeastAllocated over cpu and memory from the node table; leastAllocatedScore's arithmetic. */
function leastAllocatedAt(t: NodeTable, i: number, podCpu: number, podMemory: number): number {
  let sum = 0;
  let weights = 0;
  const cpu = t.allocCpu[i] as number;
  if (cpu !== 0) {
    sum += leastRequestedScore((t.nonZeroCpu[i] as number) + podCpu, cpu);
    weights++;
  }
  const memory = t.allocMemory[i] as number;
  if (memory !== 0) {
    sum += leastRequestedScore((t.nonZeroMemory[i] as number) + podMemory, memory);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}

/** balancedAllocationScore from the node table. */
function balancedAt(t: NodeTable, i: number, podCpu: number, podMemory: number): number {
  const cpu = t.reqCpu[i] as number;
  const memory = t.reqMemory[i] as number;
  const ac = t.allocCpu[i] as number;
  const am = t.allocMemory[i] as number;
  const delta =
    50 + balancedScoreOf(cpu + podCpu, memory + podMemory, ac, am) - balancedScoreOf(cpu, memory, ac, am);
  return 50 + Math.trunc(delta / 2);
}

/** Adds a column and its weighted scores to the totals. */
function push(columns: ScoreColumn[], totals: number[], c: ScoreColumn, count: number): void {
  columns.push(c);
  const n = c.normalized;
  if (typeof n === 'number') {
    const w = n * c.weight;
    for (let k = 0; k < count; k++) totals[k] = (totals[k] as number) + w;
  } else for (let k = 0; k < count; k++) totals[k] = (totals[k] as number) + (n[k] as number) * c.weight;
}

const anyAt = (flags: Uint8Array, feasible: number[]): boolean => feasible.some((i) => flags[i] === 1);

/** TaintToleration: with no tainted node among the feasible, every raw score is 0, normalised (reversed) to 100. */
function taintColumn(pod: Pod, t: NodeTable, feasible: number[], nodes: () => NodeInfo[]): ScoreColumn {
  if (!anyAt(t.tainted, feasible))
    return {
      plugin: TAINT_TOLERATION,
      weight: 3,
      raw: 0,
      normalized: defaultNormalize([0], true)[0] as number,
    };
  const raw = perNode(nodes(), (n) => taintTolerationRaw(pod, n));
  return { plugin: TAINT_TOLERATION, weight: 3, raw, normalized: defaultNormalize(raw, true) };
}

/** ImageLocality: nodes without images all get the score of "none of the pod's images here". */
function imageColumn(
  pod: Pod,
  state: CycleState,
  t: NodeTable,
  feasible: number[],
  nodes: () => NodeInfo[],
): ScoreColumn {
  const image = imageLocalityScorer(pod, state.snapshot);
  const none = image(null);
  if (!anyAt(t.hasImages, feasible))
    return { plugin: IMAGE_LOCALITY, weight: 1, raw: none, normalized: none };
  const list = nodes();
  const raw = feasible.map((i, k) => (t.hasImages[i] === 1 ? image(list[k] as NodeInfo) : none));
  return { plugin: IMAGE_LOCALITY, weight: 1, raw, normalized: raw };
}

/** Columns in the profile's plugin order (skipped plugins absent) and the weighted total per node (first `feasible.length` entries). */
export function scoreColumns(
  state: CycleState,
  cache: SchedulerCache,
  feasible: number[],
  keep = true,
): { columns: ScoreColumn[]; totals: number[] } {
  const { pod, snapshot } = state;
  const t = cache.table;
  const count = feasible.length;
  let list: NodeInfo[] | null = null;
  const nodes = (): NodeInfo[] => (list ??= feasible.map((i) => snapshot.nodes[i] as NodeInfo));
  const columns: ScoreColumn[] = [];
  // Without `keep` (no verdicts wanted) the totals live in a buffer the next cycle reuses, and the
  // LeastAllocated and BalancedAllocation columns are summed straight into them.
  const totals = keep ? new Array<number>(count).fill(0) : cache.scratch(count);
  push(columns, totals, taintColumn(pod, t, feasible, nodes), count);
  if (hasPreferredNodeAffinity(pod)) {
    const raw = perNode(nodes(), (n) => nodeAffinityRaw(pod, n));
    push(
      columns,
      totals,
      {
        plugin: NODE_AFFINITY,
        weight: 2,
        raw,
        normalized: defaultNormalize(raw, false),
      },
      count,
    );
  }
  const nonZero = podRequests(pod, { nonZero: true });
  const nzCpu = nonZero.cpu ?? 0;
  const nzMemory = nonZero.memory ?? 0;
  if (keep) {
    const least = new Array<number>(count);
    for (let k = 0; k < count; k++) least[k] = leastAllocatedAt(t, feasible[k] as number, nzCpu, nzMemory);
    push(columns, totals, { plugin: NODE_RESOURCES_FIT, weight: 1, raw: least, normalized: least }, count);
  } else
    for (let k = 0; k < count; k++)
      totals[k] = (totals[k] as number) + leastAllocatedAt(t, feasible[k] as number, nzCpu, nzMemory);
  // spreadScores Skips a pod without ScheduleAnyway constraints (its own, or the system defaults over
  // its Services' and controller's selector); asking first spares the node list.
  const anyway = scoreConstraints(pod, state.listers).constraints.length > 0;
  const spread = anyway ? spreadScores(pod, nodes(), snapshot, state.listers) : null;
  if (spread !== null) push(columns, totals, { plugin: POD_TOPOLOGY_SPREAD, weight: 2, ...spread }, count);
  const interPod = interPodCanScore(state, cache) ? interPodScores(pod, nodes(), snapshot) : null;
  if (interPod !== null) push(columns, totals, { plugin: INTER_POD_AFFINITY, weight: 2, ...interPod }, count);
  if (!isBestEffort(state.requests)) {
    const cpu = state.requests.cpu ?? 0;
    const memory = state.requests.memory ?? 0;
    if (keep) {
      const balanced = new Array<number>(count);
      for (let k = 0; k < count; k++) balanced[k] = balancedAt(t, feasible[k] as number, cpu, memory);
      push(
        columns,
        totals,
        { plugin: BALANCED_ALLOCATION, weight: 1, raw: balanced, normalized: balanced },
        count,
      );
    } else
      for (let k = 0; k < count; k++)
        totals[k] = (totals[k] as number) + balancedAt(t, feasible[k] as number, cpu, memory);
  }
  push(columns, totals, imageColumn(pod, state, t, feasible, nodes), count);
  return { columns, totals };
}

/** One node's PluginScore list, as the plain scoreNodes gives it. */
export function pluginScoresAt(columns: ScoreColumn[], k: number): PluginScore[] {
  return columns.map((c) => {
    const normalized = at(c.normalized, k);
    return {
      plugin: c.plugin,
      raw: at(c.raw, k),
      normalized,
      weight: c.weight,
      weighted: normalized * c.weight,
    };
  });
}
