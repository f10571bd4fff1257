// The registry half of each request: which etcd operation it needs, and what the answer becomes.
// upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go (Create, Update, Delete)
import type { EtcdOp, SimEvent } from '../../cluster/events';
import { note } from '../../cluster/note';
import { API_SERVER, ETCD } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import type { KubeObject } from '../../scenario';
import { asPod } from '../../k8s/pod';
import {
  notFound,
  respond,
  stageCause,
  withPending,
  type ApiServerContext,
  type Pending,
  type Step,
} from './common';
import { statusFailure } from './routes';
import { bind, gracePeriod, markDeleting, patchPod, patchStatus } from './podMutations';
import { patchWorkload, updateWorkload } from './workloadCreate';
import { queryParam } from './wire';

type EtcdResult = Extract<SimEvent, { type: 'etcd.result' }>;

function send(ctx: ApiServerContext, p: Pending, op: EtcdOp | { kind: 'range'; key: string }): Step {
  const cause = stageCause(p, 'etcd');
  const event: SimEvent =
    op.kind === 'range'
      ? {
          type: 'etcd.range',
          note: note(cause, 'request', `range ${op.key}`, { key: op.key }),
          opId: p.request.id,
          key: op.key,
          prefix: false,
          replyTo: API_SERVER,
        }
      : {
          type: 'etcd.txn',
          note: note(cause, 'request', `txn ${op.kind} ${op.key}`, {
            key: op.key,
            compare:
              op.kind === 'create'
                ? 'mod_revision == 0 (key absent)'
                : `mod_revision == ${op.expectModRevision}`,
          }),
          opId: p.request.id,
          op,
          replyTo: API_SERVER,
        };
  return { ctx: withPending(ctx, p), out: [{ to: ETCD, delay: LATENCY.network, event }] };
}

/** The write an update-style request makes to the current object, or an error response. */
function mutate(
  p: Pending,
  current: KubeObject,
  nowMs: number,
): { value: KubeObject } | { code: number; body: unknown } {
  const body = p.request.body as Record<string, unknown> | null;
  switch (p.route.kind) {
    case 'bindPod': {
      const pod = asPod(current);
      if (pod.spec?.nodeName) {
        const msg = `pod ${p.route.name} is already assigned to node "${pod.spec.nodeName}"`;
        return {
          code: 409,
          body: statusFailure(
            409,
            'Conflict',
            `Operation cannot be fulfilled on pods/binding "${p.route.name}": ${msg}`,
          ),
        };
      }
      const target = (body?.target as { name?: string } | undefined)?.name ?? '';
      return { value: bind(current, target, nowMs) };
    }
    case 'patchPodStatus':
      return { value: patchStatus(current, (body?.status ?? {}) as Record<string, unknown>) };
    case 'patchPod':
      return { value: patchPod(current, body ?? {}, p.route.apply) };
    case 'updateWorkload':
    case 'scaleWorkload':
      return {
        value: updateWorkload(current, body ?? {}, p.route.kind === 'scaleWorkload' ? 'scale' : p.route.sub),
      };
    case 'patchWorkload':
      return patchWorkload(p.route.resource, current, body ?? {});
    case 'updatePdbStatus':
      // The status strategy keeps the stored spec and metadata and takes the status.
      // upstream: pkg/registry/policy/poddisruptionbudget/strategy.go podDisruptionBudgetStatusStrategy
      return { value: { ...current, status: body?.status ?? {} } };
    case 'patchEvent':
      // A strategic merge of the fields the recorder changes on a repeat: count, lastTimestamp, message.
      return { value: { ...current, ...(body ?? {}), metadata: current.metadata } };
    default:
      return { code: 500, body: statusFailure(500, 'InternalError', 'unexpected update') };
  }
}

function beginDelete(
  ctx: ApiServerContext,
  p: Pending,
  current: KubeObject,
  modRevision: number,
  nowMs: number,
): Step {
  const requested = (p.request.body as { gracePeriodSeconds?: number } | null)?.gracePeriodSeconds ?? null;
  const grace = gracePeriod(current, requested);
  const key = (p.route as { key: string }).key;
  if (grace > 0 && !current.metadata.deletionTimestamp) {
    const value = markDeleting(current, grace, nowMs);
    return send(ctx, { ...p, object: value }, { kind: 'update', key, value, expectModRevision: modRevision });
  }
  if (current.metadata.deletionGracePeriodSeconds !== 0 && current.metadata.deletionTimestamp) {
    // The store first records the shortened grace period (MODIFIED), then deletes (DELETED). lifecycle.md §9.3
    const value = { ...current, metadata: { ...current.metadata, deletionGracePeriodSeconds: 0 } };
    return send(
      ctx,
      { ...p, object: value, step: 'first' },
      { kind: 'update', key, value, expectModRevision: modRevision },
    );
  }
  return send(ctx, { ...p, step: 'finalDelete' }, { kind: 'delete', key, expectModRevision: modRevision });
}

export const etcdStep = {
  /** After admission and validation (creates) or authorization (everything else). */
  begin(ctx: ApiServerContext, p: Pending, nowMs: number): Step {
    const r = p.route;
    switch (r.kind) {
      case 'getPod':
      case 'getWorkload':
        return send(ctx, p, { kind: 'range', key: r.key });
      case 'deleteWorkload': {
        // No finalizers and background propagation (apps/v1's default): the key goes at once.
        const kv = ctx.cache[r.key];
        if (!kv) return notFound(ctx, p);
        return send(ctx, p, { kind: 'delete', key: r.key, expectModRevision: kv.modRevision });
      }
      case 'createNode':
        return send(ctx, p, {
          kind: 'create',
          key: `/registry/minions/${p.object!.metadata.name ?? ''}`,
          value: p.object!,
        });
      case 'createWorkload': {
        const key = `/registry/${r.resource}/${r.namespace}/${p.object!.metadata.name}`;
        return send(ctx, p, { kind: 'create', key, value: p.object! });
      }
      case 'createPod':
      case 'createEvent':
      case 'createControllerRevision': {
        const value = p.object!;
        const dir = { createPod: 'pods', createEvent: 'events', createControllerRevision: 'controllerrevisions' }[r.kind]; // prettier-ignore
        const key = `/registry/${dir}/${r.namespace}/${value.metadata.name}`;
        return send(ctx, p, { kind: 'create', key, value });
      }
      case 'bindPod':
      case 'patchPodStatus':
      case 'patchPod':
      case 'patchEvent':
      case 'updateWorkload':
      case 'scaleWorkload':
      case 'patchWorkload':
      case 'updatePdbStatus':
      case 'deletePod': {
        const kv = ctx.cache[r.key];
        if (!kv) return notFound(ctx, p);
        if (r.kind === 'deletePod') return beginDelete(ctx, p, kv.value, kv.modRevision, nowMs);
        const m = mutate(p, kv.value, nowMs);
        if ('code' in m) return respond(ctx, p, m.code, m.body);
        // upstream: registry/generic/registry/dryrun.go — a dry-run PATCH answers the patched object unstored
        if (
          (r.kind === 'patchPod' || r.kind === 'patchWorkload') &&
          queryParam(p.request, 'dryRun') === 'All'
        )
          return respond(ctx, p, 200, m.value, { dryRun: true });
        return send(
          ctx,
          { ...p, object: m.value },
          { kind: 'update', key: r.key, value: m.value, expectModRevision: kv.modRevision },
        );
      }
      default:
        return respond(
          ctx,
          p,
          404,
          statusFailure(404, 'NotFound', 'the server could not find the requested resource'),
        );
    }
  },

  result(ctx: ApiServerContext, p: Pending, ev: EtcdResult, nowMs: number): Step {
    const r = p.route;
    if (r.kind === 'getPod' || r.kind === 'getWorkload')
      return ev.kv ? respond(ctx, p, 200, ev.kv.value) : notFound(ctx, p);
    if (
      r.kind === 'createPod' ||
      r.kind === 'createEvent' ||
      r.kind === 'createControllerRevision' ||
      r.kind === 'createNode' ||
      r.kind === 'createWorkload'
    ) {
      if (ev.succeeded) {
        const warnings = p.warnings ? { warnings: p.warnings } : {};
        return respond(ctx, p, 201, ev.kv?.value, { resourceVersion: String(ev.revision), ...warnings });
      }
      const name = p.object?.metadata.name ?? '';
      const apps = r.kind === 'createWorkload' || r.kind === 'createControllerRevision';
      const kind =
        r.kind === 'createWorkload'
          ? r.resource
          : r.kind === 'createControllerRevision'
            ? 'controllerrevisions'
            : r.kind === 'createNode'
              ? 'nodes'
              : 'pods';
      const group = apps ? { group: 'apps' } : {};
      const qualified = apps ? `${kind}.apps` : kind;
      return respond(
        ctx,
        p,
        409,
        statusFailure(409, 'AlreadyExists', `${qualified} "${name}" already exists`, {
          name,
          ...group,
          kind,
        }),
      );
    }
    if (!ev.succeeded) {
      // GuaranteedUpdate: the compare failed, so retry against the current value etcd returned.
      if (!ev.kv) return notFound(ctx, { ...p });
      const retryCtx = { ...ctx, cache: { ...ctx.cache, [ev.kv.key]: ev.kv } };
      return etcdStep.begin(retryCtx, p, nowMs);
    }
    if (
      r.kind === 'deletePod' &&
      p.step === 'first' &&
      ev.kv?.value.metadata.deletionGracePeriodSeconds === 0
    ) {
      return send(
        ctx,
        { ...p, step: 'finalDelete' },
        { kind: 'delete', key: r.key, expectModRevision: ev.kv.modRevision },
      );
    }
    if (r.kind === 'deleteWorkload') return respond(ctx, p, 200, deletedStatus(r, ev.kv?.value ?? null));
    if (r.kind === 'bindPod')
      return respond(ctx, p, 201, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        code: 201,
      });
    return respond(ctx, p, 200, ev.kv?.value ?? null);
  },
};

/**
 * A DELETE that removed the object at once answers a Success Status naming it, as the ReplicaSet store
 * does not return the deleted object. upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/
 * store.go Delete (ReturnDeletedObject false) and pkg/endpoints/handlers/delete.go
 */
function deletedStatus(
  r: Extract<Pending['route'], { kind: 'deleteWorkload' }>,
  gone: KubeObject | null,
): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: r.name, group: 'apps', kind: r.resource, uid: gone?.metadata.uid ?? '' },
  };
}
