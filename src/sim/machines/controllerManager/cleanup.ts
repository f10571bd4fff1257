// The deployment controller's revision history cleanup: a complete Deployment keeps at most
// spec.revisionHistoryLimit (default 10) old ReplicaSets; the oldest revisions beyond it are deleted, but
// only those scaled to 0 with no pods left and their spec observed.
// upstream: pkg/controller/deployment/sync.go cleanupDeployment (called from rolling.go rolloutRolling and
// recreate.go rolloutRecreate when util.DeploymentComplete(d, &d.Status)), util/deployment_util.go
// HasRevisionHistoryLimit, ReplicaSetsByRevision, DeploymentComplete
import type { KubeObject } from '../../scenario';
import { specOf, workloadPath } from '../../k8s/workloads';
import { httpRequest } from './requests';
import { byCreation, specReplicas, statusOf } from './rollout';
import { keyOf, send, type CmContext, type Step } from './state';

const REVISION = 'deployment.kubernetes.io/revision';
const MAX_INT32 = 2147483647;

const revisionOf = (rs: KubeObject): number => Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
const deleting = (rsKey: string) => `rs-delete:${rsKey}`;

/** upstream: deployment_util.go DeploymentComplete, on the status as last written (d.Status). */
export function deploymentComplete(d: KubeObject): boolean {
  const want = specOf(d).replicas ?? 1;
  const s = (d.status ?? {}) as Record<string, unknown>;
  return (
    Number(s.updatedReplicas ?? 0) === want &&
    Number(s.replicas ?? 0) === want &&
    Number(s.availableReplicas ?? 0) === want &&
    Number(s.observedGeneration ?? 0) >= Number(d.metadata.generation ?? 0)
  );
}

/** upstream: ReplicaSetsByRevision — by revision, then (equal revisions) by creation. */
function byRevision(rss: KubeObject[]): KubeObject[] {
  const created = new Map(byCreation(rss).map((rs, i) => [rs, i]));
  return [...rss].sort((a, b) => revisionOf(a) - revisionOf(b) || created.get(a)! - created.get(b)!);
}

/** The old ReplicaSets cleanupDeployment deletes now, oldest revision first. */
export function replicaSetsToClean(ctx: CmContext, d: KubeObject, old: KubeObject[]): KubeObject[] {
  const limit = (specOf(d) as { revisionHistoryLimit?: number }).revisionHistoryLimit;
  if (limit === undefined || limit === MAX_INT32) return [];
  // aliveFilter: no deletion timestamp (and here: no DELETE of ours still in flight).
  const cleanable = old.filter((rs) => !rs.metadata.deletionTimestamp && !ctx.waiting[deleting(keyOf(rs))]);
  const diff = cleanable.length - limit;
  if (diff <= 0) return [];
  return byRevision(cleanable)
    .slice(0, diff)
    .filter(
      (rs) =>
        statusOf(rs, 'replicas') === 0 &&
        specReplicas(rs) === 0 &&
        Number(rs.metadata.generation ?? 0) <= statusOf(rs, 'observedGeneration'),
    );
}

/** A DELETE per ReplicaSet to clean, remembered until answered so a later sync does not repeat it. */
export function cleanupDeployment(ctx: CmContext, d: KubeObject, old: KubeObject[]): Step {
  if (!deploymentComplete(d)) return { ctx, out: [] };
  let c = ctx;
  const out = [];
  for (const rs of replicaSetsToClean(c, d, old)) {
    const ns = rs.metadata.namespace ?? 'default';
    const r = send(c, { kind: 'deleteRS', rs: keyOf(rs) }, (id) =>
      httpRequest(id, 'deployment', 'DELETE', workloadPath('replicasets', ns, rs.metadata.name), {}),
    );
    c = { ...r.ctx, waiting: { ...r.ctx.waiting, [deleting(keyOf(rs))]: 'inflight' } };
    out.push(...r.out);
  }
  return { ctx: c, out };
}

/** The DELETE answered (200, or 404 which upstream ignores): the informer's DELETED event follows. */
export function replicaSetDeleted(ctx: CmContext, rsKey: string): Step {
  const { [deleting(rsKey)]: _gone, ...waiting } = ctx.waiting;
  return { ctx: { ...ctx, waiting }, out: [] };
}
