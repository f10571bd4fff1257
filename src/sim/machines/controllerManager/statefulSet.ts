// The StatefulSet controller with podManagementPolicy OrderedReady: first a ControllerRevision for the
// current pod template (apps/v1, `<set>-<hash>`), then pods `<set>-0`, `<set>-1`, … one at a time, each only
// once the one before it is Running and Ready, labelled controller-revision-hash with that revision; a
// scale-down removes the highest ordinal first; a changed template rolls the pods over from the highest
// ordinal down (RollingUpdate, partition 0), deleting one and waiting for its replacement to be Ready.
// Volume claim templates and revision history truncation are not modelled.
// upstream: pkg/controller/statefulset/stateful_set_control.go (getStatefulSetRevisions, updateStatefulSet,
// OrderedReady monotonic checks, the rolling update "terminate the Pod with the highest ordinal that does
// not match the update revision", computeReplicaStatus, completeRollingUpdate), stateful_set_utils.go
// (newStatefulSetPod, getPodName, getPodRevision), stateful_pod_control.go recordPodEvent
// ("%s Pod %s in StatefulSet %s successful")
import type { KubeObject } from '../../scenario';
import { asPod } from '../../k8s/pod';
import { specOf, workloadPath } from '../../k8s/workloads';
import { newControllerRevision } from '../../k8s/controllerRevision';
import { httpRequest, RECONCILE } from './requests';
import { podFromTemplate } from './replicaSet';
import {
  chain,
  enqueue,
  isReady,
  keyOf,
  omitZero,
  owned,
  putStatus,
  record,
  send,
  type CmContext,
  type Step,
} from './state';

const ordinalOf = (set: KubeObject, pod: KubeObject): number => {
  const prefix = `${set.metadata.name ?? ''}-`;
  const name = pod.metadata.name ?? '';
  return name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length))
    ? Number(name.slice(prefix.length))
    : -1;
};

const REVISION_LABEL = 'controller-revision-hash';
const podRevision = (pod: KubeObject): string => pod.metadata.labels?.[REVISION_LABEL] ?? '';

/** The ControllerRevisions of `set` the controller knows, and the next revision number. */
function revisionsOf(ctx: CmContext, set: KubeObject): KubeObject[] {
  return Object.values(ctx.revisions ?? {}).filter((r) =>
    (r.metadata.ownerReferences as { uid?: string }[] | undefined)?.some((o) => o.uid === set.metadata.uid),
  );
}

/** The revision of the set's current template: an existing one, or a new one to create. */
function updateRevision(ctx: CmContext, set: KubeObject): { revision: KubeObject; exists: boolean } {
  const known = revisionsOf(ctx, set);
  const next = Math.max(0, ...known.map((r) => Number(r.revision ?? 0))) + 1;
  const fresh = newControllerRevision(set, next);
  const same = known.find((r) => r.metadata.name === fresh.metadata.name);
  return same ? { revision: same, exists: true } : { revision: fresh, exists: false };
}

/** upstream: stateful_set_utils.go newVersionedStatefulSetPod (identity: name, hostname, subdomain, labels) */
export function statefulSetPod(set: KubeObject, ordinal: number, revision: string): KubeObject {
  const name = `${set.metadata.name ?? ''}-${ordinal}`;
  const pod = podFromTemplate(set, { name });
  const labels = {
    ...(pod.metadata.labels ?? {}),
    'apps.kubernetes.io/pod-index': String(ordinal),
    [REVISION_LABEL]: revision,
    'statefulset.kubernetes.io/pod-name': name,
  };
  const serviceName = specOf(set).serviceName;
  return {
    ...pod,
    metadata: { ...pod.metadata, labels },
    spec: { ...(pod.spec as object), hostname: name, ...(serviceName ? { subdomain: serviceName } : {}) },
  };
}

const runningAndReady = (p: KubeObject) => asPod(p).status?.phase === 'Running' && isReady(p);

/** upstream: computeReplicaStatus, then completeRollingUpdate once every pod runs the update revision */
function status(set: KubeObject, pods: KubeObject[], update: string): Record<string, unknown> {
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  const ready = live.filter(isReady).length;
  const stored = (set.status as { currentRevision?: string } | undefined)?.currentRevision;
  let current = stored || update;
  const updated = live.filter((p) => podRevision(p) === update).length;
  let currentReplicas = live.filter((p) => podRevision(p) === current).length;
  const replicas = specOf(set).replicas ?? 1;
  if (updated === replicas && ready === replicas && live.length === replicas) {
    current = update;
    currentReplicas = updated;
  }
  return {
    ...omitZero(
      {
        observedGeneration: set.metadata.generation,
        replicas: live.length,
        readyReplicas: ready,
        currentReplicas,
        updatedReplicas: updated,
      },
      ['replicas'],
    ),
    currentRevision: current,
    updateRevision: update,
    collisionCount: 0,
    ...omitZero({ availableReplicas: ready }, ['availableReplicas']),
  };
}

/** The one create or delete OrderedReady allows now, if any. */
function nextAction(
  set: KubeObject,
  pods: Map<number, KubeObject>,
  update: string,
): { create: number } | { remove: KubeObject } | null {
  const replicas = specOf(set).replicas ?? 1;
  for (let i = 0; i < replicas; i++) {
    const pod = pods.get(i);
    if (!pod) return { create: i };
    if (pod.metadata.deletionTimestamp || !runningAndReady(pod)) return null;
  }
  const condemned = [...pods.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
  const first = condemned[0];
  if (first !== undefined) {
    const pod = pods.get(first)!;
    return pod.metadata.deletionTimestamp ? null : { remove: pod };
  }
  return rollingUpdate(set, pods, update);
}

/**
 * RollingUpdate: from the highest ordinal down to the partition, the first pod of another revision is
 * deleted (its replacement is then created with the update revision); an unhealthy pod on the way stops it.
 */
function rollingUpdate(
  set: KubeObject,
  pods: Map<number, KubeObject>,
  update: string,
): { remove: KubeObject } | null {
  const strategy = specOf(set).updateStrategy as
    { type?: string; rollingUpdate?: { partition?: number } } | undefined;
  if (strategy?.type === 'OnDelete') return null;
  const partition = strategy?.rollingUpdate?.partition ?? 0;
  for (let i = (specOf(set).replicas ?? 1) - 1; i >= partition; i--) {
    const pod = pods.get(i);
    if (!pod) return null;
    if (podRevision(pod) !== update && !pod.metadata.deletionTimestamp) return { remove: pod };
    if (pod.metadata.deletionTimestamp || !runningAndReady(pod)) return null;
  }
  return null;
}

/** The POST of a new ControllerRevision; the sync waits for its answer. */
function createRevision(ctx: CmContext, key: string, set: KubeObject, revision: KubeObject): Step {
  const wait = `statefulset-revision:${key}`;
  if (ctx.waiting[wait]) return { ctx, out: [] };
  const ns = set.metadata.namespace ?? 'default';
  const r = send(ctx, { kind: 'createRevision', owner: key, revision }, (id) =>
    httpRequest(id, 'statefulset', 'POST', `/apis/apps/v1/namespaces/${ns}/controllerrevisions`, revision),
  );
  return {
    ctx: { ...r.ctx, waiting: { ...r.ctx.waiting, [wait]: revision.metadata.name ?? '' } },
    out: r.out,
  };
}

/** The revision create answered (201, or 409 when it already exists): known from now on; sync again. */
export function revisionCreated(ctx: CmContext, key: string, revision: KubeObject, code: number): Step {
  const { [`statefulset-revision:${key}`]: _done, ...waiting } = ctx.waiting;
  const known = code < 300 || code === 409;
  const revisions = known ? { ...ctx.revisions, [keyOf(revision)]: revision } : ctx.revisions;
  return enqueue({ ...ctx, waiting, ...(revisions ? { revisions } : {}) }, 'statefulset', key, null);
}

export function syncStatefulSet(ctx: CmContext, key: string): Step {
  const set = ctx.cache.statefulsets[key];
  if (!set || set.metadata.deletionTimestamp) return { ctx, out: [] };
  const { revision, exists } = updateRevision(ctx, set);
  if (!exists) return createRevision(ctx, key, set, revision);
  const update = revision.metadata.name ?? '';
  const pods = owned(ctx, 'pods', set);
  const byOrdinal = new Map(pods.map((p) => [ordinalOf(set, p), p] as const));
  const path = workloadPath('statefulsets', set.metadata.namespace ?? 'default', set.metadata.name);
  const act = (c: CmContext): Step => {
    if (c.waiting[`statefulset:${key}`]) return { ctx: c, out: [] };
    const next = nextAction(set, byOrdinal, update);
    if (!next) return { ctx: c, out: [] };
    const ns = set.metadata.namespace ?? 'default';
    if ('create' in next) {
      const pod = statefulSetPod(set, next.create, update);
      const r = send(c, { kind: 'createPod', controller: 'statefulset', owner: key }, (id) =>
        httpRequest(id, 'statefulset', 'POST', `/api/v1/namespaces/${ns}/pods`, pod, {
          ...RECONCILE,
          pod: keyOf(pod),
        }),
      );
      return {
        ctx: { ...r.ctx, waiting: { ...r.ctx.waiting, [`statefulset:${key}`]: keyOf(pod) } },
        out: r.out,
      };
    }
    const podKey = keyOf(next.remove);
    const r = send(c, { kind: 'deletePod', controller: 'statefulset', owner: key, pod: podKey }, (id) =>
      httpRequest(
        id,
        'statefulset',
        'DELETE',
        `/api/v1/namespaces/${ns}/pods/${next.remove.metadata.name ?? ''}`,
        {},
        { ...RECONCILE, pod: podKey },
      ),
    );
    return { ctx: { ...r.ctx, waiting: { ...r.ctx.waiting, [`statefulset:${key}`]: podKey } }, out: r.out };
  };
  return chain(ctx, act, (c) => putStatus(c, 'statefulset', path, set, status(set, pods, update)));
}

/** A pod create or delete answered: the event, as the StatefulSet's pod control records it. */
export function statefulSetPodDone(
  ctx: CmContext,
  key: string,
  verb: 'create' | 'delete',
  ok: boolean,
  podKey: string,
): Step {
  const set = ctx.cache.statefulsets[key];
  if (!set) return { ctx, out: [] };
  const name = podKey.split('/')[1] ?? '';
  if (!ok) {
    const { [`statefulset:${key}`]: _gone, ...waiting } = ctx.waiting;
    return { ctx: { ...ctx, waiting }, out: [] };
  }
  const reason = verb === 'create' ? 'SuccessfulCreate' : 'SuccessfulDelete';
  return chain(ctx, (c) =>
    record(
      c,
      'statefulset',
      set,
      reason,
      `${verb} Pod ${name} in StatefulSet ${set.metadata.name ?? ''} successful`,
      podKey,
    ),
  );
}
