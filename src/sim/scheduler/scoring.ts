// PreScore/Score/NormalizeScore for the feasible nodes, with the default profile's weights.
// upstream: pkg/scheduler/framework/runtime/framework.go RunScorePlugins
import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from './cycle';
import { podRequests } from './requests';
import type { NodeInfo, PluginScore } from './types';
import { IMAGE_LOCALITY, imageLocalityScore } from './plugins/imageLocality';
import { INTER_POD_AFFINITY, interPodScores } from './plugins/interPodAffinity';
import { hasPreferredNodeAffinity, NODE_AFFINITY, nodeAffinityRaw } from './plugins/nodeAffinity';
import {
  BALANCED_ALLOCATION,
  balancedAllocationScore,
  isBestEffort,
  leastAllocatedScore,
  NODE_RESOURCES_FIT,
} from './plugins/nodeResources';
import { POD_TOPOLOGY_SPREAD, spreadScores } from './plugins/podTopologySpread';
import { TAINT_TOLERATION, taintTolerationRaw } from './plugins/taints';

type Scored = { raw: number[]; normalized: number[] } | null;

/** max → 100 scaling, optionally reversed; all-zero input gives 0 (or 100 when reversed). */
// upstream: pkg/scheduler/framework/plugins/helper/normalize_score.go DefaultNormalizeScore
export function defaultNormalize(raw: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...raw);
  if (max === 0) return raw.map(() => (reverse ? 100 : 0));
  return raw.map((r) => {
    const s = Math.trunc((100 * r) / max);
    return reverse ? 100 - s : s;
  });
}

const unnormalized = (raw: number[]): Scored => ({ raw, normalized: raw });

interface ScorePlugin {
  name: string;
  weight: number;
  run: (pod: Pod, feasible: NodeInfo[], state: CycleState) => Scored;
}

// upstream: pkg/scheduler/apis/config/v1/default_plugins.go (MultiPoint order and weights)
const SCORE_PLUGINS: ScorePlugin[] = [
  {
    name: TAINT_TOLERATION,
    weight: 3,
    run: (pod, nodes) => {
      const raw = nodes.map((n) => taintTolerationRaw(pod, n));
      return { raw, normalized: defaultNormalize(raw, true) };
    },
  },
  {
    name: NODE_AFFINITY,
    weight: 2,
    run: (pod, nodes) => {
      if (!hasPreferredNodeAffinity(pod)) return null;
      const raw = nodes.map((n) => nodeAffinityRaw(pod, n));
      return { raw, normalized: defaultNormalize(raw, false) };
    },
  },
  {
    name: NODE_RESOURCES_FIT,
    weight: 1,
    run: (pod, nodes) =>
      unnormalized(nodes.map((n) => leastAllocatedScore(podRequests(pod, { nonZero: true }), n))),
  },
  {
    name: POD_TOPOLOGY_SPREAD,
    weight: 2,
    run: (pod, nodes, s) => spreadScores(pod, nodes, s.snapshot, s.listers),
  },
  { name: INTER_POD_AFFINITY, weight: 2, run: (pod, nodes, s) => interPodScores(pod, nodes, s.snapshot) },
  {
    name: BALANCED_ALLOCATION,
    weight: 1,
    run: (pod, nodes, s) =>
      isBestEffort(s.requests)
        ? null
        : unnormalized(nodes.map((n) => balancedAllocationScore(s.requests, n))),
  },
  {
    name: IMAGE_LOCALITY,
    weight: 1,
    run: (pod, nodes, s) => unnormalized(nodes.map((n) => imageLocalityScore(pod, n, s.snapshot))),
  },
];

/** Per feasible node (same order): each non-skipped plugin's score. Total = Σ weighted. */
export function scoreNodes(state: CycleState, feasible: NodeInfo[]): PluginScore[][] {
  const perNode: PluginScore[][] = feasible.map(() => []);
  for (const plugin of SCORE_PLUGINS) {
    const result = plugin.run(state.pod, feasible, state);
    if (result === null) continue;
    perNode.forEach((scores, i) => {
      const raw = result.raw[i] ?? 0;
      const normalized = result.normalized[i] ?? 0;
      scores.push({
        plugin: plugin.name,
        raw,
        normalized,
        weight: plugin.weight,
        weighted: normalized * plugin.weight,
      });
    });
  }
  return perNode;
}
