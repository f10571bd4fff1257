// NodeAffinity: nodeSelector + required node affinity as a filter (with the matchFields PreFilter shortcut
// DaemonSet pods use), preferred node affinity as a score.
import type { Pod } from 'kubernetes-types/core/v1';
import { nodeSelectorTermMatches, podMatchesNodeSelectorAndAffinity } from '../selectors';
import type { NodeInfo, Status } from '../types';

export const NODE_AFFINITY = 'NodeAffinity';
// upstream: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go ErrReasonPod / errReasonConflict
export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

export type NodeAffinityPreFilter =
  | { kind: 'skip' }
  | { kind: 'all' }
  | { kind: 'subset'; nodeNames: Set<string> }
  | { kind: 'reject'; status: Status };

function intersect(a: Set<string> | null, b: Set<string>): Set<string> {
  return a === null ? b : new Set([...a].filter((x) => b.has(x)));
}

/** Union over terms of each term's `metadata.name In` intersection; a term without one means all nodes. */
// upstream: nodeaffinity/node_affinity.go PreFilter
export function nodeAffinityPreFilter(pod: Pod): NodeAffinityPreFilter {
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined && pod.spec?.nodeSelector === undefined) return { kind: 'skip' };
  const terms = required?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return { kind: 'all' };
  let union: Set<string> | null = null;
  for (const term of terms) {
    let names: Set<string> | null = null;
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In') names = intersect(names, new Set(f.values ?? []));
    }
    if (names === null) return { kind: 'all' };
    union = new Set([...(union ?? []), ...names]);
  }
  if (union === null || union.size === 0) {
    const status: Status = {
      plugin: NODE_AFFINITY,
      code: 'UnschedulableAndUnresolvable',
      reasons: [ERR_REASON_CONFLICT],
    };
    return { kind: 'reject', status };
  }
  return { kind: 'subset', nodeNames: union };
}

/** How the PreFilter outcome reads in a per-cycle view. */
export function describeNodeAffinityPreFilter(r: NodeAffinityPreFilter): string {
  if (r.kind === 'skip') return 'Skip';
  if (r.kind === 'all') return 'all nodes';
  if (r.kind === 'reject') return r.status.reasons.join(', ');
  return `matchFields metadata.name In [${[...r.nodeNames].sort().join(' ')}]`;
}

// upstream: nodeaffinity/node_affinity.go Filter
export function nodeAffinityFilter(pod: Pod, node: NodeInfo): Status | null {
  if (podMatchesNodeSelectorAndAffinity(pod, node.node)) return null;
  return { plugin: NODE_AFFINITY, code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_NODE_AFFINITY] };
}

/** PreScore skips pods without preferred terms (zero-weight or empty terms do not count). */
// upstream: nodeaffinity/node_affinity.go PreScore, component-helpers nodeaffinity.NewPreferredSchedulingTerms
export function hasPreferredNodeAffinity(pod: Pod): boolean {
  return preferredTerms(pod).length > 0;
}

function preferredTerms(pod: Pod) {
  const terms = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return terms.filter(
    (t) =>
      t.weight !== 0 &&
      ((t.preference.matchExpressions ?? []).length > 0 || (t.preference.matchFields ?? []).length > 0),
  );
}

/** Raw score: the sum of weights of matching preferred terms. upstream: node_affinity.go Score */
export function nodeAffinityRaw(pod: Pod, node: NodeInfo): number {
  return preferredTerms(pod)
    .filter((t) => nodeSelectorTermMatches(t.preference, node.node))
    .reduce((sum, t) => sum + t.weight, 0);
}
