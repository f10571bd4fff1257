// The Deployment controller: finds or creates the ReplicaSet for the current pod template
// (`<deployment>-<pod-template-hash>`), scales it to spec.replicas, and writes the Deployment's status.
// Rollouts between templates (old ReplicaSets scaled down while a new one surges) are not modelled yet:
// an edited template gets its new ReplicaSet at full size. upstream: pkg/controller/deployment/
// deployment_controller.go syncDeployment, sync.go (getNewReplicaSet, scale, calculateStatus,
// "Scaled %s replica set %s from %d to %d"), util/deployment_util.go (annotations, MaxSurge, conditions)
import type { KubeObject } from '../../scenario';
import { controllerRef, podTemplateHash, specOf, workloadPath } from '../../k8s/workloads';
import { rfc3339 } from '../../time/timestamps';
import { httpRequest } from './requests';
import { chain, keyOf, omitZero, owned, putStatus, record, send, type CmContext, type Step } from './state';

const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';

/** A percentage or a count of replicas, rounded up (surge) or down (unavailable). upstream: intstr.GetScaledValueFromIntOrPercent */
function scaled(v: unknown, total: number, up: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(typeof v === 'string' ? v : '0');
  const x = (Number(m?.[1] ?? 0) * total) / 100;
  return up ? Math.ceil(x) : Math.floor(x);
}

function rolling(d: KubeObject): { maxSurge: number; maxUnavailable: number } {
  const replicas = specOf(d).replicas ?? 1;
  const ru = (
    specOf(d).strategy as { rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } } | undefined
  )?.rollingUpdate;
  const maxSurge = scaled(ru?.maxSurge ?? '25%', replicas, true);
  const maxUnavailable = scaled(ru?.maxUnavailable ?? '25%', replicas, false);
  // upstream: deployment_util.go ResolveFenceposts — both zero would stall, so unavailable becomes 1
  return { maxSurge, maxUnavailable: maxSurge === 0 && maxUnavailable === 0 ? 1 : maxUnavailable };
}

const dPath = (d: KubeObject) =>
  workloadPath('deployments', d.metadata.namespace ?? 'default', d.metadata.name);
const rsPath = (rs: KubeObject) =>
  workloadPath('replicasets', rs.metadata.namespace ?? 'default', rs.metadata.name);

/** upstream: sync.go getNewReplicaSet (the create branch) and deployment_util.go SetNewReplicaSetAnnotations */
export function newReplicaSet(d: KubeObject): KubeObject {
  const spec = specOf(d);
  const hash = podTemplateHash(
    spec.template,
    Number((d.status as { collisionCount?: number } | undefined)?.collisionCount ?? 0),
  );
  const template = spec.template ?? {};
  const labels = { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
  const replicas = spec.replicas ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name ?? ''}-${hash}`,
      namespace: d.metadata.namespace ?? 'default',
      labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + rolling(d).maxSurge),
        [REVISION]: '1',
      },
      ownerReferences: [controllerRef(d)],
    },
    spec: {
      replicas,
      selector: {
        ...spec.selector,
        matchLabels: { ...(spec.selector?.matchLabels ?? {}), [HASH_LABEL]: hash },
      },
      template: { ...template, metadata: { ...template.metadata, labels } },
    },
  };
}

interface Condition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** upstream: deployment_util.go SetDeploymentCondition — an unchanged condition keeps its times */
function setCondition(
  list: Condition[],
  c: Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>,
  now: string,
): Condition[] {
  const cur = list.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return list;
  const transition = cur && cur.status === c.status ? cur.lastTransitionTime : now;
  return [
    ...list.filter((x) => x.type !== c.type),
    { ...c, lastUpdateTime: now, lastTransitionTime: transition },
  ];
}

/** upstream: sync.go calculateStatus, progress.go syncRolloutStatus (no deadline exceeded here) */
export function deploymentStatus(
  d: KubeObject,
  rss: KubeObject[],
  newRS: KubeObject,
  nowMs: number,
): Record<string, unknown> {
  const st = (o: KubeObject, f: string) =>
    Number((o.status as Record<string, unknown> | undefined)?.[f] ?? 0);
  const sum = (f: string) => rss.reduce((n, rs) => n + st(rs, f), 0);
  const replicas = specOf(d).replicas ?? 1;
  const available = sum('availableReplicas');
  const total = sum('replicas');
  const now = rfc3339(nowMs);
  let conditions = ((d.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).slice();
  const minimum = available >= replicas - rolling(d).maxUnavailable;
  conditions = setCondition(
    conditions,
    minimum
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
    now,
  );
  const name = newRS.metadata.name ?? '';
  const complete =
    st(newRS, 'replicas') === replicas && st(newRS, 'availableReplicas') === replicas && total === replicas;
  if (complete)
    conditions = setCondition(
      conditions,
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${name}" has successfully progressed.`,
      },
      now,
    );
  return {
    ...omitZero({
      observedGeneration: d.metadata.generation,
      replicas: total,
      updatedReplicas: st(newRS, 'replicas'),
      readyReplicas: sum('readyReplicas'),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, replicas - available),
    }),
    conditions,
  };
}

function createReplicaSet(ctx: CmContext, d: KubeObject): Step {
  const key = keyOf(d);
  if (ctx.waiting[`deployment:${key}`]) return { ctx, out: [] };
  const rs = newReplicaSet(d);
  const replicas = specOf(rs).replicas ?? 0;
  const r = send(ctx, { kind: 'createRS', deployment: key, replicas }, (id) =>
    httpRequest(
      id,
      'deployment',
      'POST',
      workloadPath('replicasets', rs.metadata.namespace ?? 'default'),
      rs,
    ),
  );
  return {
    ctx: { ...r.ctx, waiting: { ...r.ctx.waiting, [`deployment:${key}`]: rs.metadata.name ?? '' } },
    out: r.out,
  };
}

/** upstream: sync.go scale → scaleReplicaSetAndRecordEvent (one active ReplicaSet: take it to spec.replicas) */
function scaleReplicaSet(ctx: CmContext, d: KubeObject, rs: KubeObject): Step {
  const key = keyOf(d);
  if (ctx.waiting[`deployment:${key}`]) return { ctx, out: [] };
  const from = specOf(rs).replicas ?? 0;
  const to = specOf(d).replicas ?? 1;
  const body: KubeObject = {
    ...rs,
    metadata: {
      ...rs.metadata,
      annotations: {
        ...rs.metadata.annotations,
        'deployment.kubernetes.io/desired-replicas': String(to),
        'deployment.kubernetes.io/max-replicas': String(to + rolling(d).maxSurge),
      },
    },
    spec: { ...specOf(rs), replicas: to },
  };
  const r = send(ctx, { kind: 'scaleRS', deployment: key, from, to }, (id) =>
    httpRequest(id, 'deployment', 'PUT', rsPath(rs), body),
  );
  return {
    ctx: { ...r.ctx, waiting: { ...r.ctx.waiting, [`deployment:${key}`]: rs.metadata.name ?? '' } },
    out: r.out,
  };
}

/** upstream: deployment_controller.go syncDeployment (rolloutRolling with one ReplicaSet) */
export function syncDeployment(ctx: CmContext, key: string): Step {
  const d = ctx.cache.deployments[key];
  if (!d || d.metadata.deletionTimestamp) return { ctx, out: [] };
  const rss = owned(ctx, 'replicasets', d);
  const hash = podTemplateHash(specOf(d).template);
  const newRS = rss.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash);
  if (!newRS) return createReplicaSet(ctx, d);
  const steps: ((c: CmContext) => Step)[] = [];
  if ((specOf(newRS).replicas ?? 0) !== (specOf(d).replicas ?? 1))
    steps.push((c) => scaleReplicaSet(c, d, newRS));
  steps.push((c) =>
    putStatus(c, 'deployment', dPath(d), d, deploymentStatus(d, rss, newRS, c.env.now()), {
      annotations: { ...d.metadata.annotations, [REVISION]: '1' },
    }),
  );
  return chain(ctx, ...steps);
}

/** The ReplicaSet create answered: the ScalingReplicaSet event and the status with NewReplicaSetCreated. */
export function replicaSetCreated(
  ctx: CmContext,
  key: string,
  replicas: number,
  rs: KubeObject | null,
): Step {
  const d = ctx.cache.deployments[key];
  if (!d || !rs) return { ctx: { ...ctx, waiting: dropKey(ctx.waiting, `deployment:${key}`) }, out: [] };
  const name = rs.metadata.name ?? '';
  const now = rfc3339(ctx.env.now());
  const status = {
    observedGeneration: d.metadata.generation,
    conditions: [
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: now,
        lastTransitionTime: now,
        reason: 'NewReplicaSetCreated',
        message: `Created new replica set "${name}"`,
      },
    ],
  };
  return chain(
    ctx,
    (c) =>
      replicas > 0
        ? record(
            c,
            'deployment',
            d,
            'ScalingReplicaSet',
            `Scaled up replica set ${name} from 0 to ${replicas}`,
          )
        : { ctx: c, out: [] },
    (c) =>
      putStatus(c, 'deployment', dPath(d), d, status, {
        annotations: { ...d.metadata.annotations, [REVISION]: '1' },
      }),
  );
}

export function replicaSetScaled(
  ctx: CmContext,
  key: string,
  from: number,
  to: number,
  rs: KubeObject | null,
): Step {
  const d = ctx.cache.deployments[key];
  if (!d || !rs) return { ctx, out: [] };
  const way = from < to ? 'up' : 'down';
  return record(
    ctx,
    'deployment',
    d,
    'ScalingReplicaSet',
    `Scaled ${way} replica set ${rs.metadata.name ?? ''} from ${from} to ${to}`,
  );
}

export function dropKey<T>(r: Record<string, T>, k: string): Record<string, T> {
  const { [k]: _gone, ...rest } = r;
  return rest;
}
