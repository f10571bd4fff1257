// The handler chain's stages after the filters, as self-messages so the diagram can show them:
// decode + defaulting + mutating admission, then schema validation + validating admission, then the
// write (or, with dryRun=All, the answer without one).
// upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go createHandler
import { note } from '../../cluster/note';
import { API_SERVER } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { Random } from '../../time/random';
import { rfc3339 } from '../../time/timestamps';
import { newNameSuffix, newUid } from '../../time/ids';
import type { KubeObject } from '../../scenario';
import { asObject, asPod, podKey } from '../../k8s/pod';
import {
  respond,
  stageCause,
  withPending,
  type ApiServerContext,
  type Ev,
  type Pending,
  type Step,
} from './common';
import { prepareForCreate } from './defaults';
import { decodeAndAdmit, validateAndCheck, type Outcome } from './admit';
import { statusFailure } from './routes';
import { etcdStep } from './storage';
import { nextFilter } from './chain';
import { queryParam } from './wire';
import { generatedName } from './workloadCreate';
import { workloadAdmission, workloadValidation, writeWorkload } from './workloadStages';

export function next(ctx: ApiServerContext, p: Pending, stage: 'admission' | 'validation', o: Outcome): Step {
  const pending: Pending = { ...p, object: o.object, failure: o.failure };
  if (o.warnings?.length) pending.warnings = o.warnings;
  return {
    ctx: withPending(ctx, pending),
    out: [
      {
        to: API_SERVER,
        delay: LATENCY.apiServerHandling,
        event: {
          type: 'apiserver.stage',
          note: note(stageCause(p, 'admission'), 'internal', o.label, o.detail),
          requestId: p.request.id,
          stage,
        },
      },
    ],
  };
}

function admission(ctx: ApiServerContext, p: Pending): Step {
  const rnd = new Random(ctx.rng);
  if (p.route.kind === 'createWorkload') return next(ctx, p, 'admission', workloadAdmission(ctx, p));
  const admitted = decodeAndAdmit(ctx, p, rnd);
  // A controller's pod has only generateName: the registry's BeforeCreate names it from the seeded source.
  const outcome = admitted.object
    ? { ...admitted, object: generatedName(admitted.object, rnd, newNameSuffix) }
    : admitted;
  // From here on the request's messages name the pod, whose name the controller did not know.
  const named = outcome.object && p.cause.pod === null ? podKey(outcome.object) : null;
  const q = named ? { ...p, cause: { ...p.cause, pod: named } } : p;
  return next({ ...ctx, rng: rnd.state }, q, 'admission', outcome);
}

function write(ctx: ApiServerContext, p: Pending, nowMs: number): Step {
  if (p.route.kind === 'createWorkload') return writeWorkload(ctx, p, nowMs);
  const rnd = new Random(ctx.rng);
  const manager = queryParam(p.request, 'fieldManager') ?? 'kubectl';
  const prepared = prepareForCreate(asPod(p.object!), rnd, nowMs, manager);
  if (p.request.contentType === 'application/apply-patch+yaml')
    prepared.metadata!.managedFields = prepared.metadata!.managedFields!.map((m) => ({
      ...m,
      operation: 'Apply',
    }));
  const c2 = { ...ctx, rng: rnd.state };
  const extra = p.warnings ? { warnings: p.warnings } : {};
  // upstream: registry/generic/registry/dryrun.go — dryRun=All runs everything but the storage write
  if (queryParam(p.request, 'dryRun') === 'All')
    return respond(c2, p, 201, asObject(prepared), { dryRun: true, ...extra });
  return etcdStep.begin(c2, { ...p, object: asObject(prepared) }, nowMs);
}

function prepareEvent(ctx: ApiServerContext, p: Pending, nowMs: number): Step {
  const rnd = new Random(ctx.rng);
  const body = p.request.body as KubeObject;
  const object: KubeObject = {
    ...body,
    metadata: {
      ...body.metadata,
      namespace: (p.route as { namespace: string }).namespace,
      uid: newUid(rnd),
      creationTimestamp: rfc3339(nowMs),
    },
  };
  return etcdStep.begin({ ...ctx, rng: rnd.state }, { ...p, object }, nowMs);
}

/**
 * A kubelet's Node: stored as sent, with the API server's uid and creationTimestamp. The NodeRestriction
 * admission plugin (a node may create only its own Node) and node defaulting are not drawn as stages.
 * upstream: pkg/registry/core/node/strategy.go PrepareForCreate; plugin/pkg/admission/noderestriction
 */
function prepareNode(ctx: ApiServerContext, p: Pending, nowMs: number): Step {
  const rnd = new Random(ctx.rng);
  const body = p.request.body as KubeObject;
  const object: KubeObject = {
    ...body,
    metadata: { ...body.metadata, uid: newUid(rnd), creationTimestamp: rfc3339(nowMs) },
  };
  return etcdStep.begin({ ...ctx, rng: rnd.state }, { ...p, object }, nowMs);
}

/** Server-side apply of a pod that does not exist yet is a create. upstream: handlers/patch.go (forceAllowCreate) */
function afterFilters(ctx: ApiServerContext, p: Pending, nowMs: number): Step {
  const r = p.route;
  if (r.kind === 'createPod' || r.kind === 'createWorkload') return admission(ctx, p);
  if (r.kind === 'patchPod' && r.apply && !ctx.cache[r.key])
    return admission(ctx, { ...p, route: { kind: 'createPod', namespace: r.namespace } });
  if (r.kind === 'createEvent' || r.kind === 'createControllerRevision') return prepareEvent(ctx, p, nowMs);
  if (r.kind === 'createNode') return prepareNode(ctx, p, nowMs);
  if (r.kind === 'unknown')
    return respond(
      ctx,
      p,
      404,
      statusFailure(404, 'NotFound', 'the server could not find the requested resource'),
    );
  return etcdStep.begin(ctx, p, nowMs);
}

export function onStage(ctx: ApiServerContext, ev: Ev<'apiserver.stage'>, nowMs: number): Step {
  const p = ctx.pending[ev.requestId];
  if (!p) return { ctx, out: [] };
  if (p.failure) return respond(ctx, p, p.failure.code, p.failure.body);
  switch (ev.stage) {
    case 'authn':
    case 'impersonate':
    case 'authz':
      return nextFilter(ctx, p) ?? afterFilters(ctx, p, nowMs);
    case 'admission':
      if (p.route.kind === 'createWorkload')
        return next(ctx, p, 'validation', workloadValidation(p.route.resource, p.object!));
      return next(ctx, p, 'validation', validateAndCheck(ctx, p.object!));
    case 'validation':
      return write(ctx, p, nowMs);
  }
}
