// The ReplicaSet controller: keeps as many active pods as spec.replicas asks, creating them from the
// template in slow-start batches (1, 2, 4, …) and deleting the least valuable ones first, and writes
// status. upstream: pkg/controller/replicaset/replica_set.go (syncReplicaSet, manageReplicas,
// slowStartBatch, getPodsToDelete), replica_set_utils.go calculateStatus; pkg/controller/controller_utils.go
// (GetPodFromTemplate, ActivePodsWithRanks, "Created pod: %v", "Deleted pod: %v")
import type { KubeObject } from '../../scenario';
import { asPod } from '../../k8s/pod';
import { controllerRef, specOf, workloadPath } from '../../k8s/workloads';
import { httpRequest, RECONCILE } from './requests';
import {
  chain,
  isActive,
  isReady,
  keyOf,
  omitZero,
  owned,
  ownedCounts,
  putStatus,
  record,
  send,
  type CmContext,
  type Step,
} from './state';

/** upstream: replica_set.go BurstReplicas — at most this many creates or deletes per sync */
export const BURST_REPLICAS = 500;
const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** The pod a controller creates from its template. upstream: controller_utils.go GetPodFromTemplate */
export function podFromTemplate(
  owner: KubeObject,
  name: { generateName: string } | { name: string },
): KubeObject {
  const template = specOf(owner).template ?? {};
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...name,
      namespace: owner.metadata.namespace ?? 'default',
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: template.spec ?? {},
  };
}

/**
 * Which pods go first on a scale-down: unassigned before assigned, Pending before Unknown before Running,
 * not ready before ready, then the newest. upstream: controller_utils.go ActivePods Less (simplified:
 * no pod-deletion-cost, restart counts or co-location ranks)
 */
export function podsToDelete(pods: KubeObject[], n: number): KubeObject[] {
  const phaseRank = (p: KubeObject) =>
    ({ Pending: 0, Unknown: 1, Running: 2 })[asPod(p).status?.phase ?? 'Pending'] ?? 0;
  const created = (p: KubeObject) => {
    const t = p.metadata.creationTimestamp;
    return typeof t === 'string' ? t : '';
  };
  const ranked = [...pods].sort(
    (a, b) =>
      Number(!!asPod(a).spec?.nodeName) - Number(!!asPod(b).spec?.nodeName) ||
      phaseRank(a) - phaseRank(b) ||
      Number(isReady(a)) - Number(isReady(b)) ||
      created(b).localeCompare(created(a)) ||
      (b.metadata.name ?? '').localeCompare(a.metadata.name ?? ''),
  );
  return ranked.slice(0, n);
}

const rsPath = (rs: KubeObject) =>
  workloadPath('replicasets', rs.metadata.namespace ?? 'default', rs.metadata.name);

/** Sends the next slow-start batch of creates. */
function createBatch(ctx: CmContext, key: string): Step {
  const s = ctx.slowStart[key];
  if (!s || s.inflight > 0 || s.remaining === 0) return { ctx, out: [] };
  const size = Math.min(s.size, s.remaining);
  let c: CmContext = {
    ...ctx,
    slowStart: {
      ...ctx.slowStart,
      [key]: { ...s, remaining: s.remaining - size, inflight: size, size: size * 2 },
    },
  };
  const out = [];
  const ns = s.pod.metadata.namespace ?? 'default';
  for (let i = 0; i < size; i++) {
    const r = send(c, { kind: 'createPod', controller: 'replicaset', owner: key }, (id) =>
      httpRequest(id, 'replicaset', 'POST', `/api/v1/namespaces/${ns}/pods`, s.pod, RECONCILE),
    );
    c = r.ctx;
    out.push(...r.out);
  }
  return { ctx: c, out };
}

function manageReplicas(ctx: CmContext, rs: KubeObject, active: KubeObject[]): Step {
  const key = keyOf(rs);
  const diff = active.length - (specOf(rs).replicas ?? 1);
  if (diff < 0) {
    const n = Math.min(-diff, BURST_REPLICAS);
    const pod = podFromTemplate(rs, { generateName: `${rs.metadata.name ?? ''}-` });
    const c: CmContext = {
      ...ctx,
      expectations: { ...ctx.expectations, [key]: { add: n, del: 0 } },
      slowStart: {
        ...ctx.slowStart,
        [key]: { remaining: n, inflight: 0, size: SLOW_START_INITIAL_BATCH_SIZE, pod },
      },
    };
    return createBatch(c, key);
  }
  if (diff > 0) {
    const victims = podsToDelete(active, Math.min(diff, BURST_REPLICAS));
    let c: CmContext = {
      ...ctx,
      expectations: { ...ctx.expectations, [key]: { add: 0, del: victims.length } },
    };
    const out = [];
    for (const pod of victims) {
      const podKey = keyOf(pod);
      c = { ...c, deleting: { ...c.deleting, [podKey]: key } };
      const path = `/api/v1/namespaces/${pod.metadata.namespace ?? 'default'}/pods/${pod.metadata.name ?? ''}`;
      const r = send(c, { kind: 'deletePod', controller: 'replicaset', owner: key, pod: podKey }, (id) =>
        httpRequest(id, 'replicaset', 'DELETE', path, {}, { ...RECONCILE, pod: podKey }),
      );
      c = r.ctx;
      out.push(...r.out);
    }
    return { ctx: c, out };
  }
  return { ctx, out: [] };
}

/** upstream: replica_set_utils.go calculateStatus (minReadySeconds 0: available = ready) */
export function rsStatus(rs: KubeObject, active: KubeObject[]): Record<string, unknown> {
  return rsStatusOf(rs, active.length, active.filter(isReady).length);
}

function rsStatusOf(rs: KubeObject, replicas: number, ready: number): Record<string, unknown> {
  return omitZero(
    {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    },
    ['replicas'],
  );
}

/** upstream: replica_set.go syncReplicaSet */
export function syncReplicaSet(ctx: CmContext, key: string): Step {
  const rs = ctx.cache.replicasets[key];
  if (!rs || rs.metadata.deletionTimestamp) return { ctx, out: [] };
  // Counted without listing the pods: the list is only built when there are pods to create or delete.
  const counts = ownedCounts(ctx, rs);
  const active = () => owned(ctx, 'pods', rs).filter(isActive);
  const exp = ctx.expectations[key];
  const satisfied = !exp || (exp.add <= 0 && exp.del <= 0);
  const manage = satisfied && !ctx.slowStart[key] && counts.active !== (specOf(rs).replicas ?? 1);
  return chain(
    ctx,
    (c) => (manage ? manageReplicas(c, rs, active()) : { ctx: c, out: [] }),
    (c) => putStatus(c, 'replicaset', rsPath(rs), rs, rsStatusOf(rs, counts.active, counts.ready)),
  );
}

/** A pod create answered: record the event, then the next batch once this one is done. */
export function podCreated(ctx: CmContext, key: string, ok: boolean, pod: KubeObject | null): Step {
  const s = ctx.slowStart[key];
  if (!s) return { ctx, out: [] };
  const inflight = s.inflight - 1;
  let c: CmContext = { ...ctx, slowStart: { ...ctx.slowStart, [key]: { ...s, inflight } } };
  if (!ok) {
    // upstream: slowStartBatch stops at the first error; the skipped creates are no longer expected.
    const exp = c.expectations[key] ?? { add: 0, del: 0 };
    c = {
      ...c,
      expectations: { ...c.expectations, [key]: { ...exp, add: exp.add - 1 - s.remaining } },
      slowStart: { ...c.slowStart, [key]: { ...s, inflight, remaining: 0 } },
    };
  }
  const rs = c.cache.replicasets[key];
  const steps: ((x: CmContext) => Step)[] = [];
  if (ok && pod && rs) {
    const name = pod.metadata.name ?? '';
    steps.push((x) => record(x, 'replicaset', rs, 'SuccessfulCreate', `Created pod: ${name}`, keyOf(pod)));
  }
  steps.push((x) => {
    const cur = x.slowStart[key]!;
    if (cur.inflight > 0) return { ctx: x, out: [] };
    if (cur.remaining > 0) return createBatch(x, key);
    const { [key]: _done, ...rest } = x.slowStart;
    return { ctx: { ...x, slowStart: rest }, out: [] };
  });
  return chain(c, ...steps);
}

export function podDeleted(ctx: CmContext, key: string, ok: boolean, podKey: string): Step {
  const rs = ctx.cache.replicasets[key];
  if (!ok || !rs) return { ctx, out: [] };
  const name = podKey.split('/')[1] ?? '';
  return record(ctx, 'replicaset', rs, 'SuccessfulDelete', `Deleted pod: ${name}`, podKey);
}
