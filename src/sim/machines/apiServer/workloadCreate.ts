// apps/v1 workloads through the create handler: scheme defaults, the key validation errors, the fields
// the registry sets, and the writes a controller or `kubectl scale` makes afterwards.
// upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment, SetDefaults_ReplicaSet,
// SetDefaults_StatefulSet); pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec,
// ValidatePodTemplateSpecForReplicaSet, ValidateStatefulSetSpec); pkg/registry/apps/*/strategy.go
import type { KubeObject } from '../../scenario';
import { asObject, type Pod } from '../../k8s/pod';
import { kindOfResource, specOf, type WorkloadResource } from '../../k8s/workloads';
import { isEmptySelector, labelSelectorMatches } from '../../k8s/labelSelector';
import { rfc3339 } from '../../time/timestamps';
import { strategicMerge } from '../../k8s/strategicMerge';
import { newUid } from '../../time/ids';
import type { Random } from '../../time/random';
import { applySchemeDefaults } from './defaults';
import type { FieldError } from './validation';
import { invalidMessage } from './validation';
import { statusFailure } from './routes';
import type { Failure } from './common';

/** The pod template's defaults, as SetDefaults_PodSpec gives every PodTemplateSpec. */
function defaultTemplate(template: Record<string, unknown> | undefined): Record<string, unknown> {
  const t = template ?? {};
  const pod = applySchemeDefaults({ metadata: t.metadata ?? {}, spec: t.spec } as Pod);
  const meta = (t.metadata ?? {}) as Record<string, unknown>;
  return { metadata: { ...meta, creationTimestamp: null }, spec: asObject(pod).spec };
}

interface DeploymentStrategy {
  type?: string;
  rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
  [k: string]: unknown;
}

/** upstream: apps/v1/defaults.go SetDefaults_Deployment — RollingUpdate, each bound 25% when unset */
function deploymentStrategy(s: DeploymentStrategy | undefined): DeploymentStrategy {
  const type = s?.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') return { ...s, type };
  const ru = s?.rollingUpdate ?? {};
  return {
    ...s,
    type,
    rollingUpdate: { ...ru, maxUnavailable: ru.maxUnavailable ?? '25%', maxSurge: ru.maxSurge ?? '25%' },
  };
}

/** upstream: pkg/apis/apps/v1/defaults.go */
export function workloadDefaults(resource: WorkloadResource, obj: KubeObject): KubeObject {
  const spec = specOf(obj);
  const base = {
    ...spec,
    replicas: spec.replicas ?? 1,
    template: defaultTemplate(spec.template),
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
  };
  if (resource === 'deployments')
    return {
      ...obj,
      spec: {
        ...base,
        strategy: deploymentStrategy(spec.strategy as DeploymentStrategy | undefined),
        progressDeadlineSeconds: spec.progressDeadlineSeconds ?? 600,
      },
    };
  if (resource === 'statefulsets')
    return {
      ...obj,
      spec: {
        ...base,
        podManagementPolicy: spec.podManagementPolicy ?? 'OrderedReady',
        updateStrategy: spec.updateStrategy ?? {
          type: 'RollingUpdate',
          rollingUpdate: { partition: 0 },
        },
        persistentVolumeClaimRetentionPolicy: spec.persistentVolumeClaimRetentionPolicy ?? {
          whenDeleted: 'Retain',
          whenScaled: 'Retain',
        },
      },
    };
  const { revisionHistoryLimit: _r, ...rs } = base;
  return { ...obj, spec: rs };
}

const required = (field: string): FieldError => ({
  field,
  reason: 'FieldValueRequired',
  message: `${field}: Required value`,
});

/** Go's %v of a map[string]string is how field.Invalid prints the template labels. */
function goMap(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`).join(', ')}}`;
}

/** The errors a user meets first. upstream: apps/validation/validation.go */
export function validateWorkload(obj: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  if (isEmptySelector(spec.selector)) errs.push(required('spec.selector'));
  if ((spec.replicas ?? 0) < 0)
    errs.push({
      field: 'spec.replicas',
      reason: 'FieldValueInvalid',
      message: `spec.replicas: Invalid value: ${spec.replicas}: must be greater than or equal to 0`,
    });
  const labels = spec.template?.metadata?.labels ?? {};
  if (!isEmptySelector(spec.selector) && !labelSelectorMatches(spec.selector, labels)) {
    // upstream: ValidatePodTemplateSpecForReplicaSet / ValidateStatefulSetSpec, field.Invalid(...labels)
    const field = 'spec.template.metadata.labels';
    errs.push({
      field,
      reason: 'FieldValueInvalid',
      message: `${field}: Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``,
    });
  }
  const containers = (spec.template?.spec?.containers ?? []) as unknown[];
  if (containers.length === 0) errs.push(required('spec.template.spec.containers'));
  return errs;
}

export function invalidWorkload(resource: WorkloadResource, obj: KubeObject): Failure | null {
  const errs = validateWorkload(obj);
  if (!errs.length) return null;
  const name = obj.metadata.name ?? '';
  const kind = kindOfResource(resource);
  const causes = errs.map((e) => ({
    reason: e.reason,
    message: e.message.slice(e.field.length + 2),
    field: e.field,
  }));
  const body = statusFailure(422, 'Invalid', invalidMessage(kind, name, errs), {
    name,
    group: 'apps',
    kind,
    causes,
  });
  return { code: 422, body };
}

/** Fields the registry sets on create. upstream: pkg/registry/apps/deployment/strategy.go PrepareForCreate */
export function prepareWorkload(obj: KubeObject, rnd: Random, nowMs: number, manager: string): KubeObject {
  const created = rfc3339(nowMs);
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      uid: newUid(rnd),
      generation: 1,
      creationTimestamp: created,
      managedFields: [
        { manager, operation: 'Update', apiVersion: 'apps/v1', time: created, fieldsType: 'FieldsV1' },
      ],
    },
    status: {},
  };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A PUT of the object, a PUT of /status, or the merge patch of /scale. The status strategy keeps the
 * stored spec and takes status (and annotations: the deployment controller records the revision so);
 * a spec change bumps metadata.generation. upstream: pkg/registry/apps/deployment/strategy.go
 * PrepareForUpdate, deploymentStatusStrategy.PrepareForUpdate; registry/apps/*\/storage ScaleREST
 */
export function updateWorkload(
  current: KubeObject,
  body: Record<string, unknown>,
  how: '' | 'status' | 'scale',
): KubeObject {
  const meta = (body.metadata ?? {}) as KubeObject['metadata'];
  if (how === 'status')
    return {
      ...current,
      metadata: { ...current.metadata, annotations: meta.annotations ?? current.metadata.annotations },
      status: body.status ?? {},
    };
  const spec =
    how === 'scale'
      ? { ...specOf(current), replicas: (body.spec as { replicas?: number } | undefined)?.replicas ?? 0 }
      : ((body.spec ?? {}) as Record<string, unknown>);
  const generation = Number(current.metadata.generation ?? 1) + (sameJson(spec, current.spec) ? 0 : 1);
  const metadata =
    how === 'scale'
      ? { ...current.metadata, generation }
      : {
          ...current.metadata,
          labels: meta.labels ?? current.metadata.labels,
          annotations: meta.annotations ?? current.metadata.annotations,
          generation,
        };
  return { ...current, metadata, spec };
}

/** The pod-side counterpart: a pod that only has generateName gets its name (BeforeCreate). */
export function generatedName(pod: KubeObject, rnd: Random, suffix: (r: Random) => string): KubeObject {
  if (pod.metadata.name || !pod.metadata.generateName) return pod;
  return { ...pod, metadata: { ...pod.metadata, name: pod.metadata.generateName + suffix(rnd) } };
}

/**
 * kubectl apply's strategic-merge PATCH of a workload: the patch applied to the stored object, decoded
 * with the scheme defaults again (a new container gets its defaults), validated, status kept, and
 * metadata.generation bumped when the spec changed. upstream: endpoints/handlers/patch.go
 * (smpPatcher.applyPatchToCurrentObject), pkg/registry/apps/deployment/strategy.go PrepareForUpdate
 */
export function patchWorkload(
  resource: WorkloadResource,
  current: KubeObject,
  patch: Record<string, unknown>,
): { value: KubeObject } | Failure {
  const merged = strategicMerge(current, patch) as KubeObject;
  const decoded = workloadDefaults(resource, {
    ...merged,
    apiVersion: current.apiVersion,
    kind: current.kind,
    metadata: { ...merged.metadata, name: current.metadata.name, namespace: current.metadata.namespace },
  });
  const failure = invalidWorkload(resource, decoded);
  if (failure) return failure;
  const changed = !sameJson(decoded.spec, current.spec);
  const generation = Number(current.metadata.generation ?? 1) + (changed ? 1 : 0);
  return { value: { ...decoded, metadata: { ...decoded.metadata, generation }, status: current.status } };
}
