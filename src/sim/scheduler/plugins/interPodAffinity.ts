// InterPodAffinity: required pod (anti-)affinity as a filter, preferred terms (both ways) as a score.
// upstream: pkg/scheduler/framework/plugins/interpodaffinity/{filtering.go,scoring.go}
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod, PodAffinityTerm } from 'kubernetes-types/core/v1';
import { labelSelectorMatches } from '../selectors';
import type { NodeInfo, Snapshot, Status } from '../types';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
// upstream: interpodaffinity/filtering.go ErrReason* constants
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
// upstream: pkg/scheduler/apis/config/v1/defaults.go DefaultHardPodAffinitySymmetricWeight
const HARD_POD_AFFINITY_WEIGHT = 1;

interface Term {
  namespaces: Set<string>;
  namespaceSelector: LabelSelector | undefined;
  selector: LabelSelector | undefined;
  topologyKey: string;
}

/** Empty namespaces and no namespaceSelector mean the owner pod's namespace. upstream: framework/types.go newAffinityTerm */
function toTerm(owner: Pod, t: PodAffinityTerm): Term {
  const own = owner.metadata?.namespace ?? 'default';
  const listed = t.namespaces ?? [];
  const namespaces = new Set(listed.length === 0 && t.namespaceSelector == null ? [own] : listed);
  return {
    namespaces,
    namespaceSelector: t.namespaceSelector,
    selector: t.labelSelector,
    topologyKey: t.topologyKey,
  };
}

/** Namespace labels are not modelled beyond the automatic kubernetes.io/metadata.name label. */
// upstream: framework/types.go AffinityTerm.Matches
function termMatches(term: Term, pod: Pod): boolean {
  const ns = pod.metadata?.namespace ?? 'default';
  const nsOk =
    term.namespaces.has(ns) ||
    (term.namespaceSelector != null &&
      labelSelectorMatches(term.namespaceSelector, { 'kubernetes.io/metadata.name': ns }));
  return nsOk && labelSelectorMatches(term.selector, pod.metadata?.labels ?? {});
}

const requiredAffinity = (p: Pod): Term[] =>
  (p.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
    toTerm(p, t),
  );
const requiredAnti = (p: Pod): Term[] =>
  (p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
    toTerm(p, t),
  );

type Counts = Map<string, number>;
const pairKey = (key: string, value: string): string => `${key}\u0000${value}`;

function bump(m: Counts, node: NodeInfo, key: string, by: number): void {
  const value = node.labels[key];
  if (value !== undefined) m.set(pairKey(key, value), (m.get(pairKey(key, value)) ?? 0) + by);
}

export interface InterPodFilterState {
  affinityTerms: Term[];
  antiTerms: Term[];
  affinityCounts: Counts;
  antiCounts: Counts;
  existingAntiCounts: Counts;
  podMatchesOwnAffinity: boolean;
}

/** null = Skip: no required terms on the pod and no existing pod with required anti-affinity. */
// upstream: filtering.go PreFilter, getExistingAntiAffinityCounts, getIncomingAffinityAntiAffinityCounts
export function interPodPreFilter(pod: Pod, snapshot: Snapshot): InterPodFilterState | null {
  const s: InterPodFilterState = {
    affinityTerms: requiredAffinity(pod),
    antiTerms: requiredAnti(pod),
    affinityCounts: new Map(),
    antiCounts: new Map(),
    existingAntiCounts: new Map(),
    podMatchesOwnAffinity: false,
  };
  s.podMatchesOwnAffinity = s.affinityTerms.every((t) => termMatches(t, pod));
  let existingAnti = false;
  for (const node of snapshot.nodes) {
    for (const existing of node.pods) {
      for (const t of requiredAnti(existing)) {
        existingAnti = true;
        if (termMatches(t, pod)) bump(s.existingAntiCounts, node, t.topologyKey, 1);
      }
      if (s.affinityTerms.length > 0 && s.affinityTerms.every((t) => termMatches(t, existing))) {
        for (const t of s.affinityTerms) bump(s.affinityCounts, node, t.topologyKey, 1);
      }
      for (const t of s.antiTerms) if (termMatches(t, existing)) bump(s.antiCounts, node, t.topologyKey, 1);
    }
  }
  if (s.affinityTerms.length === 0 && s.antiTerms.length === 0 && !existingAnti) return null;
  return s;
}

/** The first pod of a self-affine group may land anywhere that has the topology keys. */
// upstream: filtering.go satisfyPodAffinity
function satisfiesAffinity(s: InterPodFilterState, node: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.affinityTerms) {
    const value = node.labels[t.topologyKey];
    if (value === undefined) return false;
    if ((s.affinityCounts.get(pairKey(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  return podsExist || (s.affinityCounts.size === 0 && s.podMatchesOwnAffinity);
}

// upstream: filtering.go Filter, satisfyPodAntiAffinity, satisfyExistingPodsAntiAffinity
export function interPodFilter(s: InterPodFilterState | null, node: NodeInfo): Status | null {
  if (s === null) return null;
  const reject = (code: Status['code'], reason: string): Status => ({
    plugin: INTER_POD_AFFINITY,
    code,
    reasons: [reason],
  });
  if (!satisfiesAffinity(s, node)) return reject('UnschedulableAndUnresolvable', ERR_REASON_AFFINITY);
  const antiHit = s.antiTerms.some((t) => {
    const value = node.labels[t.topologyKey];
    return value !== undefined && (s.antiCounts.get(pairKey(t.topologyKey, value)) ?? 0) > 0;
  });
  if (antiHit) return reject('Unschedulable', ERR_REASON_ANTI_AFFINITY);
  const existingHit = Object.entries(node.labels).some(
    ([k, v]) => (s.existingAntiCounts.get(pairKey(k, v)) ?? 0) > 0,
  );
  if (existingHit) return reject('Unschedulable', ERR_REASON_EXISTING_ANTI_AFFINITY);
  return null;
}

interface Weighted {
  term: Term;
  weight: number;
}
const preferred = (p: Pod, anti: boolean): Weighted[] =>
  (
    (anti ? p.spec?.affinity?.podAntiAffinity : p.spec?.affinity?.podAffinity)
      ?.preferredDuringSchedulingIgnoredDuringExecution ?? []
  ).map((w) => ({ term: toTerm(p, w.podAffinityTerm), weight: w.weight }));

/** Topology key → value → score contributed by one existing pod. upstream: scoring.go processExistingPod */
function processExisting(
  topo: Map<string, Map<string, number>>,
  pod: Pod,
  existing: Pod,
  node: NodeInfo,
): void {
  const add = (term: Term, weight: number, target: Pod): void => {
    const value = node.labels[term.topologyKey];
    if (!termMatches(term, target) || value === undefined) return;
    const byValue = topo.get(term.topologyKey) ?? new Map<string, number>();
    byValue.set(value, (byValue.get(value) ?? 0) + weight);
    topo.set(term.topologyKey, byValue);
  };
  for (const w of preferred(pod, false)) add(w.term, w.weight, existing);
  for (const w of preferred(pod, true)) add(w.term, -w.weight, existing);
  for (const t of requiredAffinity(existing)) add(t, HARD_POD_AFFINITY_WEIGHT, pod);
  for (const w of preferred(existing, false)) add(w.term, w.weight, pod);
  for (const w of preferred(existing, true)) add(w.term, -w.weight, pod);
}

/** Raw and min-max normalized scores, or null for Skip (no topology score at all). */
// upstream: scoring.go PreScore, Score, NormalizeScore
export function interPodScores(
  pod: Pod,
  feasible: NodeInfo[],
  snapshot: Snapshot,
): { raw: number[]; normalized: number[] } | null {
  const topo = new Map<string, Map<string, number>>();
  for (const node of snapshot.nodes) {
    if (Object.keys(node.labels).length === 0) continue;
    for (const existing of node.pods) processExisting(topo, pod, existing, node);
  }
  if (topo.size === 0) return null;
  const raw = feasible.map((n) =>
    [...topo.entries()].reduce((sum, [key, values]) => {
      const v = n.labels[key];
      return v === undefined ? sum : sum + (values.get(v) ?? 0);
    }, 0),
  );
  const min = Math.min(...raw);
  const diff = Math.max(...raw) - min;
  const normalized = raw.map((r) => (diff > 0 ? Math.trunc(100 * ((r - min) / diff)) : 0));
  return { raw, normalized };
}
