// NodeUnschedulable and TaintToleration: the two plugins that read node taints and pod tolerations.
import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { NodeInfo, Status } from '../types';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const TAINT_TOLERATION = 'TaintToleration';
// upstream: pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go ErrReasonUnschedulable
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
// upstream: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go Filter (generic since PR #134740)
export const ERR_REASON_UNTOLERATED = 'node(s) had untolerated taint(s)';

/** upstream: staging/src/k8s.io/api/core/v1/toleration.go Toleration.ToleratesTaint */
export function toleratesTaint(t: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  if (t.operator === undefined || t.operator === '' || t.operator === 'Equal') {
    return (t.value ?? '') === (taint.value ?? '');
  }
  return false;
}

const tolerated = (tolerations: Toleration[], taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean =>
  tolerations.some((t) => toleratesTaint(t, taint));

/** A cordoned node rejects pods that do not tolerate node.kubernetes.io/unschedulable:NoSchedule. */
// upstream: nodeunschedulable/node_unschedulable.go Filter
export function nodeUnschedulableFilter(pod: Pod, node: NodeInfo): Status | null {
  if (node.node.spec?.unschedulable !== true) return null;
  const cordon = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
  if (tolerated(pod.spec?.tolerations ?? [], cordon)) return null;
  return {
    plugin: NODE_UNSCHEDULABLE,
    code: 'UnschedulableAndUnresolvable',
    reasons: [ERR_REASON_UNSCHEDULABLE],
  };
}

/** The first NoSchedule/NoExecute taint that no toleration matches rejects the node. */
// upstream: tainttoleration/taint_toleration.go Filter, v1helper.FindMatchingUntoleratedTaint
export function taintTolerationFilter(pod: Pod, node: NodeInfo): Status | null {
  const tolerations = pod.spec?.tolerations ?? [];
  const blocking = (node.node.spec?.taints ?? []).find(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerated(tolerations, taint),
  );
  if (blocking === undefined) return null;
  return {
    plugin: TAINT_TOLERATION,
    code: 'UnschedulableAndUnresolvable',
    reasons: [ERR_REASON_UNTOLERATED],
  };
}

/** Raw score: PreferNoSchedule taints not tolerated by tolerations whose effect is empty or PreferNoSchedule. */
// upstream: tainttoleration/taint_toleration.go countIntolerableTaintsPreferNoSchedule
export function taintTolerationRaw(pod: Pod, node: NodeInfo): number {
  const tolerations = (pod.spec?.tolerations ?? []).filter(
    (t) => !t.effect || t.effect === 'PreferNoSchedule',
  );
  return (node.node.spec?.taints ?? []).filter(
    (taint) => taint.effect === 'PreferNoSchedule' && !tolerated(tolerations, taint),
  ).length;
}
