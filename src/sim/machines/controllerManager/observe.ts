// The informers' event handlers: update the cache, settle expectations, and queue the owners to sync.
// upstream: replica_set.go (addPod, updatePod, deletePod, enqueueRS), deployment_controller.go
// (addReplicaSet, updateReplicaSet → enqueue the owning Deployment), stateful_set.go (addPod, updatePod)
import type { SimEvent, WatchEventType } from '../../cluster/events';
import type { Note } from '../../cluster/note';
import type { KubeObject } from '../../scenario';
import { controllerUid } from '../../k8s/workloads';
import { dropKey, recreatePodDeleted } from './deployment';
import { podChanged } from './disruption';
import { chain, enqueue, keyOf, storeObject, type CmContext, type Resource, type Step } from './state';

const RESOURCE_OF: Record<string, Resource> = {
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  Pod: 'pods',
  PodDisruptionBudget: 'poddisruptionbudgets',
};

function ownerKey(ctx: CmContext, resource: Resource, obj: KubeObject): string | null {
  const uid = controllerUid(obj);
  if (!uid) return null;
  const owner = Object.values(ctx.cache[resource]).find((o) => o.metadata.uid === uid);
  return owner ? keyOf(owner) : null;
}

function store(ctx: CmContext, obj: KubeObject, deleted: boolean): CmContext {
  const resource = RESOURCE_OF[obj.kind];
  if (!resource) return ctx;
  const key = keyOf(obj);
  // In place: only the newest context is read, and a copy per watch event is quadratic in pods.
  storeObject(ctx.cache[resource], key, deleted ? null : obj);
  return ctx;
}

/** A pod seen by the ReplicaSet controller lowers the expectation it settles. */
function settle(
  ctx: CmContext,
  rsKey: string,
  pod: KubeObject,
  type: WatchEventType,
  old: KubeObject | undefined,
): CmContext {
  const exp = ctx.expectations[rsKey];
  if (!exp) return ctx;
  const podKey = keyOf(pod);
  if (type === 'ADDED' && !old)
    return { ...ctx, expectations: { ...ctx.expectations, [rsKey]: { ...exp, add: exp.add - 1 } } };
  const gone = type === 'DELETED' || !!pod.metadata.deletionTimestamp;
  if (gone && ctx.deleting[podKey] === rsKey)
    return {
      ...ctx,
      deleting: dropKey(ctx.deleting, podKey),
      expectations: { ...ctx.expectations, [rsKey]: { ...exp, del: exp.del - 1 } },
    };
  return ctx;
}

/** Every informer handler for the object: the workload controllers', then the disruption controller's. */
function onObject(ctx: CmContext, obj: KubeObject, type: WatchEventType, why: Note | null): Step {
  const resource = RESOURCE_OF[obj.kind];
  if (resource === 'poddisruptionbudgets') {
    // upstream: disruption.go addDB, updateDB, removeDB — each queues the PDB's key.
    const c = store(ctx, obj, type === 'DELETED');
    return enqueue(c, 'disruption', keyOf(obj), why);
  }
  const r = onWorkloadObject(ctx, obj, type, why);
  if (resource !== 'pods') return r;
  return chain(
    r.ctx,
    () => r,
    (x) => podChanged(x, obj, why),
  );
}

function onWorkloadObject(ctx: CmContext, obj: KubeObject, type: WatchEventType, why: Note | null): Step {
  const resource = RESOURCE_OF[obj.kind];
  if (!resource) return { ctx, out: [] };
  const old = ctx.cache[resource][keyOf(obj)];
  let c = store(ctx, obj, type === 'DELETED');
  const key = keyOf(obj);
  if (resource === 'deployments') return enqueue(c, 'deployment', key, why);
  if (resource === 'statefulsets') return enqueue(c, 'statefulset', key, why);
  if (resource === 'replicasets') {
    const owner = ownerKey(c, 'deployments', obj);
    if (owner && c.waiting[`deployment:${owner}`] === obj.metadata.name)
      c = { ...c, waiting: dropKey(c.waiting, `deployment:${owner}`) };
    return chain(
      c,
      (x) => enqueue(x, 'replicaset', key, why),
      (x) => (owner ? enqueue(x, 'deployment', owner, why) : { ctx: x, out: [] }),
    );
  }
  const rs = ownerKey(c, 'replicasets', obj);
  if (rs && type === 'DELETED')
    return chain(
      settle(c, rs, obj, type, old),
      (x) => enqueue(x, 'replicaset', rs, why),
      (x) => recreatePodDeleted(x, rs, why),
    );
  if (rs) return enqueue(settle(c, rs, obj, type, old), 'replicaset', rs, why);
  const set = ownerKey(c, 'statefulsets', obj);
  if (!set) return { ctx: c, out: [] };
  const w = c.waiting[`statefulset:${set}`];
  // A create is seen when the pod first appears, a delete when the pod starts terminating or is gone.
  const seen = w === key && (type === 'DELETED' || !old || !!obj.metadata.deletionTimestamp);
  if (seen) c = { ...c, waiting: dropKey(c.waiting, `statefulset:${set}`) };
  return enqueue(c, 'statefulset', set, why);
}

export function observe(
  ctx: CmContext,
  ev: Extract<SimEvent, { type: 'watch.listed' | 'watch.event' }>,
): Step {
  if (ev.type === 'watch.event') return onObject(ctx, ev.object, ev.eventType, ev.note);
  let c = ctx;
  const out = [];
  for (const o of ev.items) {
    const r = onObject(c, o, 'ADDED', null);
    c = r.ctx;
    out.push(...r.out);
  }
  return { ctx: c, out };
}
