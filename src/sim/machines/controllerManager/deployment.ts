// The Deployment controller: finds the ReplicaSet for the current pod template
// (`<deployment>-<pod-template-hash>`) or creates it, rolls pods over from the old ReplicaSets to the new
// one (RollingUpdate within maxSurge and maxUnavailable, or Recreate), keeps the old ReplicaSets at 0 as
// revision history, and writes the Deployment's status and its revision annotation. One ReplicaSet write is
// in flight per Deployment; the next sync follows the informer's view of it.
// upstream: pkg/controller/deployment/deployment_controller.go syncDeployment, sync.go (getNewReplicaSet,
// scaleReplicaSet "Scaled %s replica set %s from %d to %d", calculateStatus), progress.go
// syncRolloutStatus, util/deployment_util.go (SetNewReplicaSetAnnotations, SetDeploymentCondition,
// DeploymentComplete, DeploymentProgressing, reasons and messages)
import type { KubeObject } from '../../scenario';
import type { Note } from '../../cluster/note';
import { controllerRef, controllerUid, podTemplateHash, specOf, workloadPath } from '../../k8s/workloads';
import { parseRfc3339, rfc3339 } from '../../time/timestamps';
import { cleanupDeployment, deploymentComplete } from './cleanup';
import { httpRequest } from './requests';
import {
  isRollingUpdate,
  maxSurge,
  maxUnavailable,
  planRecreate,
  planRolling,
  specReplicas,
  specSum,
  statusOf,
  statusSum,
  type RolloutStep,
} from './rollout';
import {
  chain,
  enqueue,
  enqueueAfter,
  keyOf,
  omitZero,
  owned,
  putStatus,
  record,
  send,
  type CmContext,
  type Step,
} from './state';

const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
// upstream: deployment_util.go annotationsToSkip — the Deployment's annotations a ReplicaSet does not copy
const SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  DESIRED,
  MAX,
  'deprecated.deployment.rollback.to',
]);

const dPath = (d: KubeObject) =>
  workloadPath('deployments', d.metadata.namespace ?? 'default', d.metadata.name);
const rsPath = (rs: KubeObject) =>
  workloadPath('replicasets', rs.metadata.namespace ?? 'default', rs.metadata.name);
const desired = (d: KubeObject) => specOf(d).replicas ?? 1;
const revisionOf = (rs: KubeObject): number => Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;

/** The Deployment's own annotations a new ReplicaSet carries, plus the replica annotations. */
function replicaAnnotations(d: KubeObject): Record<string, string> {
  return { [DESIRED]: String(desired(d)), [MAX]: String(desired(d) + maxSurge(d)) };
}

/** upstream: sync.go getNewReplicaSet (the create branch) and deployment_util.go SetNewReplicaSetAnnotations */
export function newReplicaSet(d: KubeObject, replicas = desired(d), revision = 1): KubeObject {
  const spec = specOf(d);
  const hash = podTemplateHash(
    spec.template,
    Number((d.status as { collisionCount?: number } | undefined)?.collisionCount ?? 0),
  );
  const template = spec.template ?? {};
  const labels = { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
  const copied = Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !SKIP.has(k));
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name ?? ''}-${hash}`,
      namespace: d.metadata.namespace ?? 'default',
      labels,
      annotations: {
        ...Object.fromEntries(copied),
        ...replicaAnnotations(d),
        [REVISION]: String(revision),
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
type NewCondition = Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>;

const conditionsOf = (d: KubeObject): Condition[] =>
  ((d.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).slice();

/** upstream: deployment_util.go SetDeploymentCondition — an unchanged condition keeps its times */
function setCondition(list: Condition[], c: NewCondition, now: string): Condition[] {
  const cur = list.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return list;
  const transition = cur && cur.status === c.status ? cur.lastTransitionTime : now;
  return [
    ...list.filter((x) => x.type !== c.type),
    { ...c, lastUpdateTime: now, lastTransitionTime: transition },
  ];
}

// upstream: deployment_util.go reasons; sync.go and progress.go messages
const available = (ok: boolean): NewCondition =>
  ok
    ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' } // prettier-ignore
    : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }; // prettier-ignore
const progressing = (reason: string, message: string): NewCondition => ({
  type: 'Progressing',
  status: 'True',
  reason,
  message,
});

interface Counts {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
}
const countsOf = (s: Record<string, unknown> | undefined): Counts => ({
  replicas: Number(s?.replicas ?? 0),
  updatedReplicas: Number(s?.updatedReplicas ?? 0),
  readyReplicas: Number(s?.readyReplicas ?? 0),
  availableReplicas: Number(s?.availableReplicas ?? 0),
});

/** upstream: deployment_util.go DeploymentProgressing — more new pods, fewer old, more ready or available */
function madeProgress(before: Counts, now: Counts): boolean {
  return (
    now.updatedReplicas > before.updatedReplicas ||
    now.replicas - now.updatedReplicas < before.replicas - before.updatedReplicas ||
    now.readyReplicas > before.readyReplicas ||
    now.availableReplicas > before.availableReplicas
  );
}

// upstream: deployment_util.go TimedOutReason
const TIMED_OUT = 'ProgressDeadlineExceeded';
const MAX_INT32 = 2147483647;

/** spec.progressDeadlineSeconds, or null when unset or MaxInt32. upstream: deployment_util.go HasProgressDeadline */
function progressDeadline(d: KubeObject): number | null {
  const s = (specOf(d) as { progressDeadlineSeconds?: number }).progressDeadlineSeconds;
  return s === undefined || s === MAX_INT32 ? null : s;
}

/**
 * No progress reported for progressDeadlineSeconds since the Progressing condition's lastUpdateTime.
 * upstream: deployment_util.go DeploymentTimedOut (from.Add(delta).Before(now))
 */
function timedOut(d: KubeObject, conditions: Condition[], nowMs: number): boolean {
  const deadline = progressDeadline(d);
  const c = conditions.find((x) => x.type === 'Progressing');
  if (deadline === null || !c || c.reason === 'NewReplicaSetAvailable') return false;
  if (c.reason === TIMED_OUT) return true;
  return parseRfc3339(c.lastUpdateTime) + deadline * 1000 < nowMs;
}

/**
 * A sync that left the status as it was, in a rollout neither complete nor timed out, queues the
 * Deployment again for when its deadline passes (plus a second against clock skew), so a stuck rollout
 * is noticed. upstream: progress.go requeueStuckDeployment
 */
function requeueStuckDeployment(ctx: CmContext, d: KubeObject, status: Record<string, unknown>): Step {
  const deadline = progressDeadline(d);
  const cur = conditionsOf(d).find((x) => x.type === 'Progressing');
  if (deadline === null || !cur || cur.reason === TIMED_OUT) return { ctx, out: [] };
  if (deploymentComplete({ ...d, status })) return { ctx, out: [] };
  const after = parseRfc3339(cur.lastUpdateTime) + deadline * 1000 - ctx.env.now();
  if (after < 1000) return enqueue(ctx, 'deployment', keyOf(d), null);
  const horizon = ctx.env.horizonMs;
  if (horizon !== undefined && ctx.env.now() + after + 1000 > horizon) return { ctx, out: [] };
  return enqueueAfter(ctx, 'deployment', keyOf(d), after + 1000, 'requeueStuckDeployment: progress check');
}

/** upstream: sync.go calculateStatus, then progress.go syncRolloutStatus */
export function deploymentStatus(
  d: KubeObject,
  rss: KubeObject[],
  newRS: KubeObject | null,
  nowMs: number,
): Record<string, unknown> {
  const now = rfc3339(nowMs);
  const availableReplicas = statusSum(rss, 'availableReplicas');
  const counts: Counts = {
    replicas: statusSum(rss, 'replicas'),
    updatedReplicas: newRS ? statusOf(newRS, 'replicas') : 0,
    readyReplicas: statusSum(rss, 'readyReplicas'),
    availableReplicas,
  };
  let conditions = conditionsOf(d);
  conditions = setCondition(conditions, available(availableReplicas >= desired(d) - maxUnavailable(d)), now);
  const current = conditions.find((c) => c.type === 'Progressing');
  const settled = counts.replicas === counts.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
  const name = newRS?.metadata.name ?? '';
  const complete =
    counts.updatedReplicas === desired(d) &&
    counts.replicas === desired(d) &&
    counts.availableReplicas === desired(d);
  if (!settled && complete)
    conditions = setCondition(
      conditions,
      newRS
        ? progressing('NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`)
        : progressing('NewReplicaSetAvailable', `Deployment "${d.metadata.name ?? ''}" has successfully progressed.`), // prettier-ignore
      now,
    );
  else if (!settled && madeProgress(countsOf(d.status as Record<string, unknown>), counts)) {
    // A Progressing condition is refreshed on every sign of progress, keeping its transition time.
    const c = newRS
      ? progressing('ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`)
      : progressing('ReplicaSetUpdated', `Deployment "${d.metadata.name ?? ''}" is progressing.`);
    const transition = current?.status === 'True' ? current.lastTransitionTime : now;
    conditions = [
      ...conditions.filter((x) => x.type !== 'Progressing'),
      { ...c, lastUpdateTime: now, lastTransitionTime: transition },
    ];
  } else if (!settled && timedOut(d, conditions, nowMs)) {
    const c = newRS
      ? `ReplicaSet "${name}" has timed out progressing.`
      : `Deployment "${d.metadata.name ?? ''}" has timed out progressing.`;
    conditions = setCondition(conditions, { type: 'Progressing', status: 'False', reason: TIMED_OUT, message: c }, now); // prettier-ignore
  }
  return {
    ...omitZero({
      observedGeneration: d.metadata.generation,
      ...counts,
      unavailableReplicas: Math.max(0, specSum(rss) - availableReplicas),
    }),
    conditions,
  };
}

function createReplicaSet(ctx: CmContext, d: KubeObject, replicas: number, revision: number): Step {
  const key = keyOf(d);
  const rs = newReplicaSet(d, replicas, revision);
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

/** upstream: sync.go scaleReplicaSet — a PUT of the ReplicaSet with its size and replica annotations */
function scaleReplicaSet(ctx: CmContext, d: KubeObject, rs: KubeObject, to: number): Step {
  const key = keyOf(d);
  const from = specReplicas(rs);
  const body: KubeObject = {
    ...rs,
    metadata: { ...rs.metadata, annotations: { ...rs.metadata.annotations, ...replicaAnnotations(d) } },
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

/** upstream: recreate.go oldPodsRunning — any pod of an old ReplicaSet not yet Succeeded or Failed */
function oldPodsRunning(ctx: CmContext, old: KubeObject[]): boolean {
  if (statusSum(old, 'replicas') > 0) return true;
  return old.some((rs) =>
    owned(ctx, 'pods', rs).some((p) => {
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      return phase !== 'Succeeded' && phase !== 'Failed';
    }),
  );
}

/** The status PUT that ends a sync, with the revision annotation of the new ReplicaSet. */
function syncStatus(ctx: CmContext, d: KubeObject, rss: KubeObject[], newRS: KubeObject | null): Step {
  let status = deploymentStatus(d, rss, newRS, ctx.env.now());
  // upstream: getNewReplicaSet — a new ReplicaSet found with no Progressing condition yet
  const conds = status.conditions as Condition[];
  if (newRS && !conds.some((c) => c.type === 'Progressing')) {
    const found = progressing('FoundNewReplicaSet', `Found new replica set "${newRS.metadata.name ?? ''}"`);
    status = { ...status, conditions: setCondition(conds, found, rfc3339(ctx.env.now())) };
  }
  const extra = newRS
    ? { annotations: { ...d.metadata.annotations, [REVISION]: String(revisionOf(newRS)) } }
    : {};
  const pending = ctx.statusSent[`${d.kind}:${keyOf(d)}`] !== undefined;
  const r = writeStatus(ctx, d, status, extra);
  // Nothing new to write: requeue a stuck Deployment for its progress check.
  return r.out.length === 0 && !pending ? requeueStuckDeployment(r.ctx, d, status) : r;
}

const ownWrite = (key: string) => `deployment-status:${key}`;

/**
 * A status PUT, after which the controller waits to see its own write in the informer before the next
 * sync: a sync from the stale cached Deployment would undo the condition just written (upstream gets a
 * 409 Conflict there and retries; here the sync simply waits for the watch event).
 */
function writeStatus(
  ctx: CmContext,
  d: KubeObject,
  status: Record<string, unknown>,
  extra: Partial<KubeObject['metadata']>,
): Step {
  const r = putStatus(ctx, 'deployment', dPath(d), d, status, extra);
  if (r.out.length === 0) return r;
  return { ctx: { ...r.ctx, waiting: { ...r.ctx.waiting, [ownWrite(keyOf(d))]: 'inflight' } }, out: r.out };
}

/** The status PUT answered: wait for the watch event with its resourceVersion, or sync if it came first. */
export function deploymentStatusWritten(ctx: CmContext, key: string, body: KubeObject | null): Step {
  const rv = Number(body?.metadata.resourceVersion ?? 0);
  const cached = ctx.cache.deployments[key];
  if (!body || !cached || Number(cached.metadata.resourceVersion ?? 0) >= rv)
    return enqueue({ ...ctx, waiting: dropKey(ctx.waiting, ownWrite(key)) }, 'deployment', key, null);
  return { ctx: { ...ctx, waiting: { ...ctx.waiting, [ownWrite(key)]: String(rv) } }, out: [] };
}

/** Whether the cached Deployment is older than the controller's own last status write. */
function staleCache(ctx: CmContext, d: KubeObject): boolean {
  const w = ctx.waiting[ownWrite(keyOf(d))];
  if (w === undefined) return false;
  return w === 'inflight' || Number(d.metadata.resourceVersion ?? 0) < Number(w);
}

/** upstream: deployment_controller.go syncDeployment → rolloutRolling or rolloutRecreate */
export function syncDeployment(ctx: CmContext, key: string): Step {
  const d = ctx.cache.deployments[key];
  if (!d || d.metadata.deletionTimestamp) return { ctx, out: [] };
  if (ctx.waiting[`deployment:${key}`] || staleCache(ctx, d)) return { ctx, out: [] };
  ctx = ctx.waiting[ownWrite(key)] ? { ...ctx, waiting: dropKey(ctx.waiting, ownWrite(key)) } : ctx;
  const rss = owned(ctx, 'replicasets', d);
  const hash = podTemplateHash(specOf(d).template);
  const newRS = rss.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash) ?? null;
  const old = rss.filter((rs) => rs !== newRS);
  const step: RolloutStep | null = isRollingUpdate(d)
    ? planRolling(d, newRS, old)
    : planRecreate(d, newRS, old, oldPodsRunning(ctx, old));
  if (step?.kind === 'create') {
    const revision = Math.max(0, ...old.map(revisionOf)) + 1;
    return createReplicaSet(ctx, d, step.replicas, revision);
  }
  return chain(
    ctx,
    (c) => (step ? scaleReplicaSet(c, d, step.rs, step.to) : cleanupDeployment(c, d, old)),
    (c) => syncStatus(c, d, rss, newRS),
  );
}

/** The ReplicaSet create answered: the ScalingReplicaSet event, then Progressing NewReplicaSetCreated. */
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
  // upstream: getNewReplicaSet sets the condition on the Deployment's status as cached, and its revision
  const conditions = setCondition(
    conditionsOf(d),
    progressing('NewReplicaSetCreated', `Created new replica set "${name}"`),
    now,
  );
  const status = { ...((d.status as Record<string, unknown> | undefined) ?? {}), conditions };
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
      writeStatus(c, d, status, {
        annotations: { ...d.metadata.annotations, [REVISION]: String(revisionOf(rs)) },
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
  if (!d || !rs || from === to) return { ctx, out: [] };
  const way = from < to ? 'up' : 'down';
  return record(
    ctx,
    'deployment',
    d,
    'ScalingReplicaSet',
    `Scaled ${way} replica set ${rs.metadata.name ?? ''} from ${from} to ${to}`,
  );
}

/**
 * A Recreate Deployment waits for its old pods to be gone: the last pod's deletion queues it.
 * upstream: deployment_controller.go deletePod ("Sync if this Deployment now has no more Pods")
 */
export function recreatePodDeleted(ctx: CmContext, rsKey: string, why: Note | null): Step {
  const rs = ctx.cache.replicasets[rsKey];
  const uid = rs ? controllerUid(rs) : null;
  const d = uid ? Object.values(ctx.cache.deployments).find((x) => x.metadata.uid === uid) : undefined;
  if (!d || isRollingUpdate(d)) return { ctx, out: [] };
  const left = owned(ctx, 'replicasets', d).some((x) => owned(ctx, 'pods', x).length > 0);
  return left ? { ctx, out: [] } : enqueue(ctx, 'deployment', keyOf(d), why);
}

export function dropKey<T>(r: Record<string, T>, k: string): Record<string, T> {
  const { [k]: _gone, ...rest } = r;
  return rest;
}
