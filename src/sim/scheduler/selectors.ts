// Label selectors (pods) and node selectors (nodes) with upstream's matching rules.
// upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go Requirement.Matches,
// staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1';

type Labels = Record<string, string>;

export { labelSelectorMatches } from '../k8s/labelSelector';

/** Gt/Lt compare the label and the single value as int64; anything non-integer never matches. */
function intCompare(label: string | undefined, values: string[] | undefined, op: 'Gt' | 'Lt'): boolean {
  const intRe = /^[+-]?[0-9]+$/;
  const want = values?.[0];
  if (label === undefined || want === undefined || values?.length !== 1) return false;
  if (!intRe.test(label) || !intRe.test(want)) return false;
  return op === 'Gt' ? BigInt(label) > BigInt(want) : BigInt(label) < BigInt(want);
}

function requirementMatches(r: NodeSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value ?? '');
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt':
      return intCompare(value, r.values, r.operator);
    default:
      return false;
  }
}

/** A term ANDs its expressions and fields; only metadata.name is a valid field. An empty term matches nothing. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  const fieldSet: Labels = { 'metadata.name': node.metadata?.name ?? '' };
  return (
    exprs.every((r) => requirementMatches(r, labels)) &&
    fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, fieldSet))
  );
}

/** nodeSelector (every k=v) AND required node affinity (terms ORed). */
// upstream: nodeaffinity.go GetRequiredNodeAffinity(pod).Match
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined) return true;
  return required.nodeSelectorTerms.some((t) => nodeSelectorTermMatches(t, node));
}
