// PodTopologySpread: DoNotSchedule constraints filter by skew; ScheduleAnyway constraints score.
// upstream: pkg/scheduler/framework/plugins/podtopologyspread/{common.go,filtering.go,scoring.go}
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { labelSelectorMatches, podMatchesNodeSelectorAndAffinity } from '../selectors';
import type { NodeInfo, SchedulerListers, Snapshot, Status } from '../types';
import {
  defaultSelector,
  LABEL_HOSTNAME,
  SYSTEM_DEFAULT_CONSTRAINTS,
  usesSystemDefaults,
} from './defaultSpread';
import { taintTolerationFilter } from './taints';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
// upstream: podtopologyspread/filtering.go ErrReasonConstraintsNotMatch / ErrReasonNodeLabelNotMatch
export const ERR_REASON_SPREAD = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_SPREAD_LABEL = `${ERR_REASON_SPREAD} (missing required label)`;
const HOSTNAME = LABEL_HOSTNAME;

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
}

/** matchLabelKeys are merged into the selector (the apiserver does the same on create since 1.34). */
// upstream: podtopologyspread/common.go filterTopologySpreadConstraints
function constraintsOf(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const labels = pod.metadata?.labels ?? {};
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => {
      const extra = Object.fromEntries(
        (c.matchLabelKeys ?? []).filter((k) => labels[k] !== undefined).map((k) => [k, labels[k] ?? '']),
      );
      const base = c.labelSelector;
      const selector: LabelSelector | undefined =
        Object.keys(extra).length > 0 ? { ...base, matchLabels: { ...base?.matchLabels, ...extra } } : base;
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector: selector as LabelSelector,
        minDomains: c.minDomains ?? 1,
        honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
        honorTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
      };
    });
}

/** An empty or absent selector counts nothing; terminating pods and other namespaces are skipped. */
// upstream: podtopologyspread/common.go countPodsMatchSelector
function countMatching(pods: Pod[], selector: LabelSelector | undefined, ns: string): number {
  const empty =
    selector === undefined ||
    selector === null ||
    (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
  if (empty) return 0;
  // Counted without a filtered copy: this runs per node and constraint in every cycle.
  let n = 0;
  for (const p of pods)
    if (
      p.metadata?.deletionTimestamp === undefined &&
      (p.metadata?.namespace ?? 'default') === ns &&
      labelSelectorMatches(selector, p.metadata?.labels ?? {})
    )
      n++;
  return n;
}

const hasAllKeys = (node: NodeInfo, cs: Constraint[]): boolean =>
  cs.every((c) => Object.hasOwn(node.labels, c.topologyKey));

// upstream: podtopologyspread/common.go matchNodeInclusionPolicies
function included(c: Constraint, pod: Pod, node: NodeInfo): boolean {
  if (c.honorAffinity && !podMatchesNodeSelectorAndAffinity(pod, node.node)) return false;
  return !(c.honorTaints && taintTolerationFilter(pod, node) !== null);
}

export interface SpreadFilterState {
  constraints: Constraint[];
  /** Per constraint: domain value → matching pods. */
  counts: Map<string, number>[];
}

/** null = Skip (no DoNotSchedule constraints). upstream: filtering.go calPreFilterState */
export function spreadPreFilter(pod: Pod, snapshot: Snapshot): SpreadFilterState | null {
  const constraints = constraintsOf(pod, 'DoNotSchedule');
  if (constraints.length === 0) return null;
  const ns = pod.metadata?.namespace ?? 'default';
  const counts = constraints.map(() => new Map<string, number>());
  for (const node of snapshot.nodes) {
    if (!hasAllKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!included(c, pod, node)) return;
      const value = node.labels[c.topologyKey] ?? '';
      const m = counts[i];
      m?.set(value, (m.get(value) ?? 0) + countMatching(node.pods, c.selector, ns));
    });
  }
  return { constraints, counts };
}

/** Global minimum; 0 when there are fewer domains than minDomains. upstream: filtering.go minMatchNum */
function minMatch(counts: Map<string, number>, minDomains: number): number {
  if (counts.size < minDomains) return 0;
  return counts.size === 0 ? 2 ** 31 - 1 : Math.min(...counts.values());
}

// upstream: filtering.go Filter
export function spreadFilter(state: SpreadFilterState | null, pod: Pod, node: NodeInfo): Status | null {
  if (state === null) return null;
  const podLabels = pod.metadata?.labels ?? {};
  for (const [i, c] of state.constraints.entries()) {
    const value = node.labels[c.topologyKey];
    if (value === undefined) {
      return {
        plugin: POD_TOPOLOGY_SPREAD,
        code: 'UnschedulableAndUnresolvable',
        reasons: [ERR_REASON_SPREAD_LABEL],
      };
    }
    const counts = state.counts[i] ?? new Map<string, number>();
    const selfMatch = labelSelectorMatches(c.selector, podLabels) ? 1 : 0;
    if ((counts.get(value) ?? 0) + selfMatch - minMatch(counts, c.minDomains) > c.maxSkew) {
      return { plugin: POD_TOPOLOGY_SPREAD, code: 'Unschedulable', reasons: [ERR_REASON_SPREAD] };
    }
  }
  return null;
}

interface SpreadScoreState {
  constraints: Constraint[];
  ignored: Set<string>;
  counts: Map<string, number>[];
  weights: number[];
}

/**
 * The ScheduleAnyway constraints PreScore scores by: the pod's own, or, for a pod without any, the
 * system defaults over the selector of its Services and controller (none when that selector is empty).
 * Only the pod's own constraints require a node to carry every topology key (requireAllTopologies), so
 * that nodes without a zone label still get hostname spreading.
 * upstream: podtopologyspread/scoring.go initPreScoreState, PreScore; common.go buildDefaultConstraints
 */
export function scoreConstraints(
  pod: Pod,
  listers: Partial<SchedulerListers>,
): { constraints: Constraint[]; requireAllTopologies: boolean } {
  if (!usesSystemDefaults(pod)) {
    return { constraints: constraintsOf(pod, 'ScheduleAnyway'), requireAllTopologies: true };
  }
  const selector = defaultSelector(pod, listers);
  if (selector === null) return { constraints: [], requireAllTopologies: false };
  const constraints = SYSTEM_DEFAULT_CONSTRAINTS.map((c) => ({
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: 1,
    honorAffinity: true,
    honorTaints: false,
  }));
  return { constraints, requireAllTopologies: false };
}

/** null = Skip (no ScheduleAnyway constraints). upstream: scoring.go initPreScoreState, PreScore */
function spreadPreScore(
  pod: Pod,
  feasible: NodeInfo[],
  snapshot: Snapshot,
  listers: Partial<SchedulerListers>,
): SpreadScoreState | null {
  if (snapshot.nodes.length === 0) return null;
  const { constraints, requireAllTopologies } = scoreConstraints(pod, listers);
  if (constraints.length === 0) return null;
  const ignored = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  for (const node of feasible) {
    if (requireAllTopologies && !hasAllKeys(node, constraints)) {
      ignored.add(node.name);
      continue;
    }
    // A node without the key (system defaults only) makes the "" domain, which only weighs.
    constraints.forEach(
      (c, i) => c.topologyKey !== HOSTNAME && counts[i]?.set(node.labels[c.topologyKey] ?? '', 0),
    );
  }
  const weights = constraints.map((c, i) =>
    Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : (counts[i]?.size ?? 0)) + 2),
  );
  const ns = pod.metadata?.namespace ?? 'default';
  for (const node of snapshot.nodes) {
    if (requireAllTopologies && !hasAllKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      const m = counts[i];
      const value = node.labels[c.topologyKey] ?? '';
      if (!included(c, pod, node) || m?.get(value) === undefined) return;
      m.set(value, (m.get(value) ?? 0) + countMatching(node.pods, c.selector, ns));
    });
  }
  return { constraints, ignored, counts, weights };
}

// upstream: scoring.go Score, scoreForCount (cnt * weight + maxSkew - 1), summed, then math.Round
function spreadRaw(s: SpreadScoreState, pod: Pod, node: NodeInfo): number {
  if (s.ignored.has(node.name)) return 0;
  let score = 0;
  const ns = pod.metadata?.namespace ?? 'default';
  s.constraints.forEach((c, i) => {
    if (!Object.hasOwn(node.labels, c.topologyKey)) return;
    const value = node.labels[c.topologyKey] ?? '';
    const cnt =
      c.topologyKey === HOSTNAME ? countMatching(node.pods, c.selector, ns) : (s.counts[i]?.get(value) ?? 0);
    score += cnt * (s.weights[i] ?? 0) + (c.maxSkew - 1);
  });
  return Math.round(score);
}

/** Raw and normalized scores for the feasible nodes, or null for Skip. upstream: scoring.go NormalizeScore */
export function spreadScores(
  pod: Pod,
  feasible: NodeInfo[],
  snapshot: Snapshot,
  listers: Partial<SchedulerListers> = {},
): { raw: number[]; normalized: number[] } | null {
  const s = spreadPreScore(pod, feasible, snapshot, listers);
  if (s === null) return null;
  const raw = feasible.map((n) => spreadRaw(s, pod, n));
  const valid = raw.filter((_, i) => !s.ignored.has(feasible[i]?.name ?? ''));
  const min = valid.length > 0 ? Math.min(...valid) : 0;
  const max = Math.max(0, ...valid);
  const normalized = raw.map((r, i) => {
    if (s.ignored.has(feasible[i]?.name ?? '')) return 0;
    return max === 0 ? 100 : Math.trunc((100 * (max + min - r)) / max);
  });
  return { raw, normalized };
}
