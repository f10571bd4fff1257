// The REST create handler up to the write: decode (400), defaults, mutating admission in upstream order
// (NamespaceLifecycle, LimitRanger, ServiceAccount, Priority, DefaultTolerationSeconds), then schema
// validation (422) and validating admission (PodSecurity, ResourceQuota last). Each half is worked out
// when its self-message is sent, so the message says what happened.
// upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go createHandler; registry/generic/
// registry/store.go Create (BeforeCreate, then createValidation); pkg/kubeapiserver/options/plugins.go
import type { KubeObject } from '../../scenario';
import { asObject, asPod, type Pod } from '../../k8s/pod';
import type { Random } from '../../time/random';
import { defaultedPaths } from '../../admission/diff';
import { limitRangerAdmit } from '../../admission/limitRanger';
import { namespaceInfo, namespaceLifecycle } from '../../admission/namespaceLifecycle';
import { podSecurity } from '../../admission/podSecurity';
import { forbiddenPod, type Rejection } from '../../admission/rejection';
import { resourceQuota } from '../../admission/resourceQuota';
import { runtimeClassAdmit } from '../../admission/runtimeClass';
import { clusterObjects, type ApiServerContext, type Failure, type Pending } from './common';
import { decodePod } from './decode';
import { applySchemeDefaults, mutatingAdmission } from './defaults';
import { priorityClassExists } from '../../k8s/priority';
import { statusFailure } from './routes';
import { invalidMessage, validatePodCreate } from './validation';
import { queryParam } from './wire';

export interface Outcome {
  label: string;
  detail: Record<string, unknown>;
  object: KubeObject | null;
  failure: Failure | null;
  warnings?: string[];
}

const objectsOf = (ctx: ApiServerContext): KubeObject[] => clusterObjects(ctx, true);
const inNamespace = (objs: KubeObject[], kind: string, ns: string): KubeObject[] =>
  objs.filter((o) => o.kind === kind && o.metadata.namespace === ns);

function fail(r: Rejection): Failure {
  return { code: r.code, body: statusFailure(r.code, r.reason, r.message, r.details) };
}

function namespaced(p: Pending): KubeObject {
  const body = p.request.body as KubeObject;
  const namespace = 'namespace' in p.route ? p.route.namespace : 'default';
  return { ...body, metadata: { ...body.metadata, namespace: body.metadata.namespace ?? namespace } };
}

/** Which scheme defaulter sets a field. upstream: pkg/apis/core/v1/defaults.go */
function defaulterOf(path: string): string {
  if (/containers\[\d+\]\.resources/.test(path) || path === 'spec.enableServiceLinks')
    return 'SetDefaults_Pod';
  if (/containers\[\d+\]\.ports\[\d+\]\.protocol/.test(path)) return 'SetDefaults_ContainerPort';
  if (/containers\[\d+\]/.test(path)) return 'SetDefaults_Container';
  return 'SetDefaults_PodSpec';
}

/** Each added field with the defaulter or admission plugin that added it (stage by stage). */
function creditedPaths(decoded: KubeObject, stages: { plugin: string; pod: Pod }[]) {
  let before: unknown = decoded;
  return stages.flatMap((s) => {
    const added = defaultedPaths(before, s.pod).map((d) => ({
      path: d.path,
      by: s.plugin ? `${s.plugin} admission` : `defaults (${defaulterOf(d.path)})`,
    }));
    before = s.pod;
    return added;
  });
}

/** Decode, defaults and mutating admission. */
export function decodeAndAdmit(ctx: ApiServerContext, p: Pending, rnd: Random): Outcome {
  const decoded = namespaced(p);
  const strict = queryParam(p.request, 'fieldValidation') === 'Strict';
  const bad = decodePod(decoded, strict && p.request.method === 'POST');
  if (bad)
    return {
      label: 'decode: 400 Bad Request',
      detail: { decode: bad.why },
      object: null,
      failure: bad.failure,
    };
  const ns = decoded.metadata.namespace ?? 'default';
  const objects = objectsOf(ctx);
  const defaulted = applySchemeDefaults(asPod(decoded));
  const lifecycle = namespaceLifecycle(namespaceInfo(objects, ns), ns, decoded.metadata.name ?? '');
  if (lifecycle) {
    const label = `decode, set defaults; NamespaceLifecycle: ${lifecycle.code === 404 ? 'namespace not found' : 'namespace terminating'}`;
    return {
      label,
      detail: { mutatingAdmission: ['NamespaceLifecycle'] },
      object: null,
      failure: fail(lifecycle),
    };
  }
  const limited = limitRangerAdmit(defaulted, inNamespace(objects, 'LimitRange', ns));
  const priorityClasses = objects.filter((o) => o.kind === 'PriorityClass');
  // upstream: plugin/pkg/admission/priority/admission.go admitPod ("no PriorityClass with name %v was found")
  const pcName = limited.pod.spec?.priorityClassName;
  if (pcName && !priorityClassExists(pcName, priorityClasses))
    return {
      label: 'decode, set defaults; mutating admission: Priority forbids it',
      detail: { mutatingAdmission: ['NamespaceLifecycle: namespace exists', 'ServiceAccount', 'Priority'] },
      object: null,
      failure: fail(
        forbiddenPod(decoded.metadata.name ?? '', `no PriorityClass with name ${pcName} was found`),
      ),
    };
  const admitted = mutatingAdmission(limited.pod, rnd, priorityClasses);
  // RuntimeClass comes after DefaultTolerationSeconds in the plugin order. upstream: pkg/kubeapiserver/
  // options/plugins.go AllOrderedPlugins
  const rc = runtimeClassAdmit(
    admitted.pod,
    objects.filter((o) => o.kind === 'RuntimeClass'),
  );
  if (rc.rejection)
    return {
      label: 'decode, set defaults; mutating admission: RuntimeClass forbids it',
      detail: { mutatingAdmission: [...admitted.mutations, 'RuntimeClass'] },
      object: null,
      failure: fail(rc.rejection),
    };
  const object = asObject(rc.pod);
  const mutations = [
    'NamespaceLifecycle: namespace exists',
    ...(limited.set ? [`LimitRanger: ${limited.set}`] : []),
    ...admitted.mutations,
    ...(rc.summary ? [rc.summary] : []),
  ];
  const stages = [
    { plugin: '', pod: defaulted },
    ...(limited.set ? [{ plugin: 'LimitRanger', pod: limited.pod }] : []),
    ...admitted.steps,
    ...(rc.summary ? [{ plugin: 'RuntimeClass', pod: rc.pod }] : []),
  ];
  const detail = {
    mutatingAdmission: mutations,
    defaulted: defaultedPaths(decoded, object),
    defaultedBy: creditedPaths(decoded, stages),
  };
  return { label: 'decode, set defaults; mutating admission', detail, object, failure: null };
}

function invalid(pod: Pod, name: string): Failure | null {
  const errs = validatePodCreate(pod);
  if (!errs.length) return null;
  const causes = errs.map((e) => ({
    reason: e.reason,
    message: e.message.slice(e.field.length + 2),
    field: e.field,
  }));
  const details = { name, kind: 'Pod', causes };
  return { code: 422, body: statusFailure(422, 'Invalid', invalidMessage('Pod', name, errs), details) };
}

/** Schema validation, then validating admission. */
const FORBIDS = (plugin: string) => `validate the Pod; validating admission: ${plugin} forbids it`;

/** Schema validation, then validating admission. */
export function validateAndCheck(ctx: ApiServerContext, object: KubeObject): Outcome {
  const pod = asPod(object);
  const name = object.metadata.name ?? '';
  const ns = object.metadata.namespace ?? 'default';
  const failure422 = invalid(pod, name);
  if (failure422) return { label: 'validate the Pod: 422 Invalid', detail: {}, object, failure: failure422 };
  const objects = objectsOf(ctx);
  const ps = podSecurity(pod, namespaceInfo(objects, ns).labels);
  const enforce = ps.levels.enforce ? `enforce ${ps.levels.enforce}` : 'privileged: no enforce label';
  const psLine = `PodSecurity (${enforce})`;
  if (ps.violation) {
    const failure = fail(forbiddenPod(name, ps.violation));
    return { label: FORBIDS('PodSecurity'), detail: { validatingAdmission: [psLine] }, object, failure };
  }
  const quotas = inNamespace(objects, 'ResourceQuota', ns);
  const quota = resourceQuota(pod, quotas, inNamespace(objects, 'Pod', ns));
  const names = quotas.map((q) => q.metadata.name ?? '').join(', ');
  const detail = { validatingAdmission: [psLine, `ResourceQuota (${names || 'no quota'})`] };
  if (quota) return { label: FORBIDS('ResourceQuota'), detail, object, failure: fail(quota) };
  const warnings = ps.warning ? [ps.warning] : [];
  return {
    label: 'validate the Pod; validating admission: allowed',
    detail,
    object,
    failure: null,
    warnings,
  };
}
