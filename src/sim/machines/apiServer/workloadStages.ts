// The create handler's stages for an apps/v1 workload: decode and defaults with NamespaceLifecycle (the
// only mutating plugin that touches a Deployment here), validation, then the registry's write.
// upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go createHandler
import type { KubeObject } from '../../scenario';
import { kindOfResource } from '../../k8s/workloads';
import { Random } from '../../time/random';
import { defaultedPaths } from '../../admission/diff';
import { namespaceInfo, namespaceLifecycle } from '../../admission/namespaceLifecycle';
import { clusterObjects, respond, type ApiServerContext, type Pending, type Step } from './common';
import type { Outcome } from './admit';
import { statusFailure } from './routes';
import { etcdStep } from './storage';
import { queryParam } from './wire';
import { invalidWorkload, prepareWorkload, workloadDefaults } from './workloadCreate';

export function workloadAdmission(ctx: ApiServerContext, p: Pending): Outcome {
  if (p.route.kind !== 'createWorkload') throw new Error('not a workload create');
  const body = p.request.body as KubeObject;
  const ns = body.metadata.namespace ?? p.route.namespace;
  const decoded = { ...body, metadata: { ...body.metadata, namespace: ns } };
  const objects = clusterObjects(ctx);
  const lifecycle = namespaceLifecycle(namespaceInfo(objects, ns), ns, decoded.metadata.name ?? '');
  if (lifecycle)
    return {
      label: 'decode, set defaults; NamespaceLifecycle: namespace not found',
      detail: { mutatingAdmission: ['NamespaceLifecycle'] },
      object: null,
      failure: {
        code: lifecycle.code,
        body: statusFailure(lifecycle.code, lifecycle.reason, lifecycle.message, lifecycle.details),
      },
    };
  const object = workloadDefaults(p.route.resource, decoded);
  return {
    label: 'decode, set defaults; mutating admission',
    detail: {
      mutatingAdmission: ['NamespaceLifecycle: namespace exists'],
      defaulted: defaultedPaths(decoded, object),
    },
    object,
    failure: null,
  };
}

export function workloadValidation(resource: Parameters<typeof kindOfResource>[0], obj: KubeObject): Outcome {
  const failure = invalidWorkload(resource, obj);
  const kind = kindOfResource(resource);
  if (failure) return { label: `validate the ${kind}: 422 Invalid`, detail: {}, object: obj, failure };
  return {
    label: `validate the ${kind}; validating admission: allowed`,
    detail: {},
    object: obj,
    failure: null,
  };
}

export function writeWorkload(ctx: ApiServerContext, p: Pending, nowMs: number): Step {
  const rnd = new Random(ctx.rng);
  const manager = queryParam(p.request, 'fieldManager') ?? 'kubectl';
  const object = prepareWorkload(p.object!, rnd, nowMs, manager);
  const c2 = { ...ctx, rng: rnd.state };
  if (queryParam(p.request, 'dryRun') === 'All') return respond(c2, p, 201, object, { dryRun: true });
  return etcdStep.begin(c2, { ...p, object }, nowMs);
}
