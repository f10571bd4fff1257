// PodTopologySpread's system defaults: for a pod without topologySpreadConstraints, kube-scheduler's
// default profile (defaultingType: System) spreads by hostname (maxSkew 3) and zone (maxSkew 5), scoring
// only, over the pods selected by the Services, ReplicationController, ReplicaSet or StatefulSet that
// select or own the pod.
// upstream: pkg/scheduler/framework/plugins/podtopologyspread/plugin.go systemDefaultConstraints,
// common.go buildDefaultConstraints, pkg/scheduler/framework/plugins/helper/spread.go DefaultSelector
import type { TopologySpreadConstraint, Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import type { SchedulerListers } from '../types';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

// upstream: podtopologyspread/plugin.go systemDefaultConstraints
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

const nsOf = (o: { metadata?: { namespace?: string } }): string => o.metadata?.namespace ?? 'default';

/** A selector's requirements, matchLabels written as `In [value]` so that merging keeps AND semantics. */
function requirementsOf(s: LabelSelector | undefined): LabelSelectorRequirement[] {
  if (s === undefined || s === null) return []; // labels.Nothing(): no requirements to add
  return [
    ...Object.entries(s.matchLabels ?? {}).map(([key, v]) => ({ key, operator: 'In', values: [v] })),
    ...(s.matchExpressions ?? []),
  ];
}

/** Services in the pod's namespace whose (non-nil) selector matches the pod. upstream: helper/spread.go GetPodServices */
function podServiceSelectors(pod: Pod, listers: Partial<SchedulerListers>): Record<string, string>[] {
  const labels = pod.metadata?.labels ?? {};
  return (listers.services ?? [])
    .filter((s) => nsOf(s) === nsOf(pod) && s.spec?.selector !== undefined && s.spec.selector !== null)
    .map((s) => s.spec?.selector ?? {})
    .filter((sel) => Object.entries(sel).every(([k, v]) => labels[k] === v));
}

/**
 * The selector deduced from the pod's Services and its controller (RC, RS or SS, looked up by name in
 * the pod's namespace); null when it has no requirements (selector.Empty()).
 * upstream: pkg/scheduler/framework/plugins/helper/spread.go DefaultSelector
 */
export function defaultSelector(pod: Pod, listers: Partial<SchedulerListers>): LabelSelector | null {
  // Services, RCs, RSs and SSs that match the pod don't conflict, so merging is safe (labels.Merge).
  let matchLabels: Record<string, string> = {};
  for (const sel of podServiceSelectors(pod, listers)) matchLabels = { ...matchLabels, ...sel };
  const extra: LabelSelectorRequirement[] = [];
  // upstream: metav1.GetControllerOfNoCopy, then a switch over the owner's group/version/kind
  const owner = (pod.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  const byName = <T extends { metadata?: { name?: string; namespace?: string } }>(list?: T[]) =>
    list?.find((o) => o.metadata?.name === owner?.name && nsOf(o) === nsOf(pod));
  if (owner?.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = byName(listers.replicationControllers);
    if (rc !== undefined) matchLabels = { ...matchLabels, ...(rc.spec?.selector ?? {}) };
  } else if (owner?.apiVersion === 'apps/v1' && owner.kind === 'ReplicaSet') {
    extra.push(...requirementsOf(byName(listers.replicaSets)?.spec?.selector));
  } else if (owner?.apiVersion === 'apps/v1' && owner.kind === 'StatefulSet') {
    extra.push(...requirementsOf(byName(listers.statefulSets)?.spec?.selector));
  }
  if (Object.keys(matchLabels).length === 0 && extra.length === 0) return null;
  return {
    ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
    ...(extra.length > 0 ? { matchExpressions: extra } : {}),
  };
}

/** Whether a pod has no constraints of its own, so the system defaults (if any selector) apply. */
export const usesSystemDefaults = (pod: Pod): boolean =>
  (pod.spec?.topologySpreadConstraints?.length ?? 0) === 0;
