// The StatefulSet controller with podManagementPolicy OrderedReady: pods `<set>-0`, `<set>-1`, … are
// created one at a time, each only once the one before it is Running and Ready; a scale-down removes the
// highest ordinal first, one at a time. ControllerRevisions and volume claim templates are not modelled:
// the revision label is computed from the template without its ControllerRevision object.
// upstream: pkg/controller/statefulset/stateful_set_control.go (updateStatefulSet, OrderedReady
// monotonic checks), stateful_set_utils.go (newStatefulSetPod, getPodName), stateful_pod_control.go
// recordPodEvent ("%s Pod %s in StatefulSet %s successful")
import type { KubeObject } from '../../scenario';
import { asPod } from '../../k8s/pod';
import { podTemplateHash, specOf, workloadPath } from '../../k8s/workloads';
import { httpRequest, RECONCILE } from './requests';
import { podFromTemplate } from './replicaSet';
import {
  chain,
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

const revision = (set: KubeObject) => `${set.metadata.name ?? ''}-${podTemplateHash(specOf(set).template)}`;

/** upstream: stateful_set_utils.go newVersionedStatefulSetPod (identity: name, hostname, subdomain, labels) */
export function statefulSetPod(set: KubeObject, ordinal: number): KubeObject {
  const name = `${set.metadata.name ?? ''}-${ordinal}`;
  const pod = podFromTemplate(set, { name });
  const labels = {
    ...(pod.metadata.labels ?? {}),
    'apps.kubernetes.io/pod-index': String(ordinal),
    'controller-revision-hash': revision(set),
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

function status(set: KubeObject, pods: KubeObject[]): Record<string, unknown> {
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  const ready = live.filter(isReady).length;
  return {
    ...omitZero(
      {
        observedGeneration: set.metadata.generation,
        replicas: live.length,
        readyReplicas: ready,
        currentReplicas: live.length,
        updatedReplicas: live.length,
      },
      ['replicas'],
    ),
    currentRevision: revision(set),
    updateRevision: revision(set),
    collisionCount: 0,
    ...omitZero({ availableReplicas: ready }, ['availableReplicas']),
  };
}

/** The one create or delete OrderedReady allows now, if any. */
function nextAction(
  set: KubeObject,
  pods: Map<number, KubeObject>,
): { create: number } | { remove: KubeObject } | null {
  const replicas = specOf(set).replicas ?? 1;
  for (let i = 0; i < replicas; i++) {
    const pod = pods.get(i);
    if (!pod) return { create: i };
    if (pod.metadata.deletionTimestamp || !runningAndReady(pod)) return null;
  }
  const condemned = [...pods.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
  const first = condemned[0];
  if (first === undefined) return null;
  const pod = pods.get(first)!;
  return pod.metadata.deletionTimestamp ? null : { remove: pod };
}

export function syncStatefulSet(ctx: CmContext, key: string): Step {
  const set = ctx.cache.statefulsets[key];
  if (!set || set.metadata.deletionTimestamp) return { ctx, out: [] };
  const pods = owned(ctx, 'pods', set);
  const byOrdinal = new Map(pods.map((p) => [ordinalOf(set, p), p] as const));
  const path = workloadPath('statefulsets', set.metadata.namespace ?? 'default', set.metadata.name);
  const act = (c: CmContext): Step => {
    if (c.waiting[`statefulset:${key}`]) return { ctx: c, out: [] };
    const next = nextAction(set, byOrdinal);
    if (!next) return { ctx: c, out: [] };
    const ns = set.metadata.namespace ?? 'default';
    if ('create' in next) {
      const pod = statefulSetPod(set, next.create);
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
  return chain(ctx, act, (c) => putStatus(c, 'statefulset', path, set, status(set, pods)));
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
