// The handler chain's stages after authentication, as self-messages so the diagram can show them:
// decode + defaulting + mutating admission, then schema validation + validating admission.
// upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go createHandler
import { note } from '../../cluster/note';
import { API_SERVER } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { Random } from '../../time/random';
import { rfc3339 } from '../../time/timestamps';
import { newUid } from '../../time/ids';
import type { KubeObject } from '../../scenario';
import { asObject, asPod } from '../../k8s/pod';
import { respond, stageCause, type ApiServerContext, type Ev, type Pending, type Step } from './common';
import { applySchemeDefaults, mutatingAdmission, prepareForCreate } from './defaults';
import { invalidMessage, validatePodCreate } from './validation';
import { statusFailure } from './routes';
import { etcdStep } from './storage';

function next(
  ctx: ApiServerContext,
  p: Pending,
  stage: 'admission' | 'validation',
  label: string,
  detail: Record<string, unknown>,
): Step {
  return {
    ctx: { ...ctx, pending: { ...ctx.pending, [p.request.id]: p } },
    out: [
      {
        to: API_SERVER,
        delay: LATENCY.apiServerHandling,
        event: {
          type: 'apiserver.stage',
          note: note(stageCause(p, 'admission'), 'internal', label, detail),
          requestId: p.request.id,
          stage,
        },
      },
    ],
  };
}

function admit(ctx: ApiServerContext, p: Pending): Step {
  const body = p.request.body as KubeObject;
  const rnd = new Random(ctx.rng);
  const defaulted = applySchemeDefaults(
    asPod({
      ...body,
      metadata: {
        ...body.metadata,
        namespace: body.metadata.namespace ?? (p.route as { namespace: string }).namespace,
      },
    }),
  );
  const admitted = mutatingAdmission(defaulted, rnd);
  const object = asObject(admitted.pod);
  return next(
    { ...ctx, rng: rnd.state },
    { ...p, object },
    'validation',
    'validate the Pod; validating admission: allowed',
    {
      validatingAdmission: [
        'PodSecurity (privileged: no labels on the namespace)',
        'ResourceQuota (no quota)',
      ],
    },
  );
}

function validate(ctx: ApiServerContext, p: Pending, nowMs: number): Step {
  const rnd = new Random(ctx.rng);
  const manager = (/fieldManager=([^&]+)/.exec(p.request.query)?.[1] ?? 'kubectl').replace(/%2D/g, '-');
  const prepared = prepareForCreate(asPod(p.object!), rnd, nowMs, manager);
  const errs = validatePodCreate(prepared);
  const c2 = { ...ctx, rng: rnd.state };
  const name = prepared.metadata?.name ?? '';
  if (errs.length > 0) {
    const causes = errs.map((e) => ({
      reason: e.reason,
      message: e.message.slice(e.field.length + 2),
      field: e.field,
    }));
    return respond(
      c2,
      p,
      422,
      statusFailure(422, 'Invalid', invalidMessage('Pod', name, errs), { name, kind: 'Pod', causes }),
    );
  }
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

export function onStage(ctx: ApiServerContext, ev: Ev<'apiserver.stage'>, nowMs: number): Step {
  const p = ctx.pending[ev.requestId];
  if (!p) return { ctx, out: [] };
  switch (ev.stage) {
    case 'authn':
    case 'authz':
      if (p.route.kind === 'createPod')
        return next(ctx, p, 'admission', 'decode, set defaults; mutating admission', {
          mutatingAdmission: ['NamespaceLifecycle', 'ServiceAccount', 'Priority', 'DefaultTolerationSeconds'],
        });
      if (p.route.kind === 'createEvent') return prepareEvent(ctx, p, nowMs);
      if (p.route.kind === 'unknown')
        return respond(
          ctx,
          p,
          404,
          statusFailure(404, 'NotFound', 'the server could not find the requested resource'),
        );
      return etcdStep.begin(ctx, p, nowMs);
    case 'admission':
      return admit(ctx, p);
    case 'validation':
      return validate(ctx, p, nowMs);
  }
}
