// The deployment controller's arithmetic, pure: maxSurge and maxUnavailable from the strategy, how far the
// new ReplicaSet may grow and the old ones shrink, and the one ReplicaSet write a sync makes next.
// upstream: pkg/controller/deployment/util/deployment_util.go (ResolveFenceposts, MaxSurge,
// MaxUnavailable, NewRSNewReplicas, GetReplicaCountForReplicaSets, GetAvailableReplicaCountForReplicaSets),
// rolling.go (rolloutRolling, reconcileNewReplicaSet, reconcileOldReplicaSets, cleanupUnhealthyReplicas,
// scaleDownOldReplicaSetsForRollingUpdate), recreate.go (rolloutRecreate, oldPodsRunning),
// staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go GetScaledValueFromIntOrPercent
import type { KubeObject } from '../../scenario';
import { specOf } from '../../k8s/workloads';

interface Strategy {
  type?: string;
  rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
}

export const strategyOf = (d: KubeObject): Strategy => {
  const s = specOf(d).strategy;
  return typeof s === 'object' && s !== null ? s : {};
};
export const isRollingUpdate = (d: KubeObject): boolean =>
  (strategyOf(d).type ?? 'RollingUpdate') === 'RollingUpdate';

/** An int, or a percentage of `total` rounded up (surge) or down (unavailable). */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  const x = (Number(m?.[1] ?? 0) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

const desired = (d: KubeObject): number => specOf(d).replicas ?? 1;

/** upstream: ResolveFenceposts — both zero would stall the rollout, so unavailable becomes 1. */
export function resolveFenceposts(d: KubeObject): { surge: number; unavailable: number } {
  const ru = strategyOf(d).rollingUpdate;
  const surge = scaledValue(ru?.maxSurge, desired(d), true);
  const unavailable = scaledValue(ru?.maxUnavailable, desired(d), false);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

export function maxSurge(d: KubeObject): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: KubeObject): number {
  if (!isRollingUpdate(d) || desired(d) === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, desired(d));
}

export const specReplicas = (rs: KubeObject): number => specOf(rs).replicas ?? 0;
export const statusOf = (rs: KubeObject, field: string): number =>
  Number((rs.status as Record<string, unknown> | undefined)?.[field] ?? 0);
/** upstream: GetReplicaCountForReplicaSets — what the ReplicaSets ask for, not what they have. */
export const specSum = (rss: KubeObject[]): number => rss.reduce((n, rs) => n + specReplicas(rs), 0);
export const statusSum = (rss: KubeObject[], field: string): number =>
  rss.reduce((n, rs) => n + statusOf(rs, field), 0);

/** The size the new ReplicaSet may grow to now. upstream: NewRSNewReplicas */
export function newRSNewReplicas(d: KubeObject, all: KubeObject[], newReplicas: number): number {
  if (!isRollingUpdate(d)) return desired(d);
  const surge = scaledValue(strategyOf(d).rollingUpdate?.maxSurge, desired(d), true);
  const current = specSum(all);
  const maxTotal = desired(d) + surge;
  if (current >= maxTotal) return newReplicas;
  return newReplicas + Math.min(maxTotal - current, desired(d) - newReplicas);
}

/** The one write a sync makes next, or null when the Deployment has nothing to change. */
export type RolloutStep =
  { kind: 'create'; replicas: number } | { kind: 'scale'; rs: KubeObject; to: number };

const created = (rs: KubeObject): string => {
  const t = rs.metadata.creationTimestamp;
  return typeof t === 'string' ? t : '';
};
/** upstream: controller.ReplicaSetsByCreationTimestamp (oldest first, then by name) */
export function byCreation(rss: KubeObject[]): KubeObject[] {
  return [...rss].sort(
    (a, b) =>
      created(a).localeCompare(created(b)) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
}

/** upstream: rolling.go rolloutRolling — scale up if we can, else scale down if we can. */
export function planRolling(d: KubeObject, newRS: KubeObject | null, old: KubeObject[]): RolloutStep | null {
  if (!newRS) return { kind: 'create', replicas: newRSNewReplicas(d, old, 0) };
  const want = desired(d);
  const have = specReplicas(newRS);
  if (have > want) return { kind: 'scale', rs: newRS, to: want };
  const all = [...old, newRS];
  if (have < want) {
    const next = newRSNewReplicas(d, all, have);
    if (next !== have) return { kind: 'scale', rs: newRS, to: next };
  }
  return reconcileOld(
    d,
    newRS,
    old.filter((rs) => specReplicas(rs) > 0),
  );
}

/** upstream: rolling.go reconcileOldReplicaSets */
function reconcileOld(d: KubeObject, newRS: KubeObject, old: KubeObject[]): RolloutStep | null {
  if (specSum(old) === 0) return null;
  const minAvailable = desired(d) - maxUnavailable(d);
  const newUnavailable = specReplicas(newRS) - statusOf(newRS, 'availableReplicas');
  const maxScaledDown = specSum([...old, newRS]) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return null;
  const sorted = byCreation(old);
  // cleanupUnhealthyReplicas: old pods that are not available go first, they cost no availability.
  for (const rs of sorted) {
    const unhealthy = specReplicas(rs) - statusOf(rs, 'availableReplicas');
    if (unhealthy <= 0) continue;
    return { kind: 'scale', rs, to: specReplicas(rs) - Math.min(maxScaledDown, unhealthy) };
  }
  // scaleDownOldReplicaSetsForRollingUpdate: only as far as availability allows.
  const available = statusSum([...old, newRS], 'availableReplicas');
  if (available <= minAvailable) return null;
  const rs = sorted[0]!;
  return { kind: 'scale', rs, to: specReplicas(rs) - Math.min(specReplicas(rs), available - minAvailable) };
}

/**
 * upstream: recreate.go rolloutRecreate — old ReplicaSets to 0, wait until no old pod is left (not even
 * a terminating one), then create the new ReplicaSet at full size.
 */
export function planRecreate(
  d: KubeObject,
  newRS: KubeObject | null,
  old: KubeObject[],
  oldPodsRunning: boolean,
): RolloutStep | null {
  const active = old.find((rs) => specReplicas(rs) > 0);
  if (active) return { kind: 'scale', rs: active, to: 0 };
  if (oldPodsRunning) return null;
  if (!newRS) return { kind: 'create', replicas: desired(d) };
  return specReplicas(newRS) === desired(d) ? null : { kind: 'scale', rs: newRS, to: desired(d) };
}
