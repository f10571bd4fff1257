// The writes the API server makes to a stored Pod for binding, status updates and graceful deletion.
import type { KubeObject } from '../../scenario';
import type { Pod, PodCondition } from '../../k8s/pod';
import { asObject, asPod } from '../../k8s/pod';
import { rfc3339 } from '../../time/timestamps';
import { strategicMerge } from '../../k8s/strategicMerge';

/** upstream: pkg/registry/core/pod/storage/storage.go setPodNodeAndMetadata — nodeName + PodScheduled=True */
export function bind(obj: KubeObject, node: string, nowMs: number): KubeObject {
  const pod = asPod(obj);
  const scheduled: PodCondition = {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: rfc3339(nowMs),
  };
  const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), scheduled];
  return asObject({ ...pod, spec: { ...pod.spec!, nodeName: node }, status: { ...pod.status, conditions } });
}

/**
 * Merges a list by its merge key. The kubelet's patches carry `$setElementOrder`, so the patch's order
 * wins; items only in the old list keep their place after it.
 */
function mergeByKey<T>(
  old: readonly T[] | undefined,
  patch: readonly T[] | undefined,
  key: (t: T) => string,
): T[] | undefined {
  if (!patch) return old ? [...old] : undefined;
  const inPatch = new Set(patch.map(key));
  return [...patch, ...(old ?? []).filter((o) => !inPatch.has(key(o)))];
}

/** A strategic-merge patch of status: conditions merge by type, container statuses by name. */
export function patchStatus(obj: KubeObject, patch: Record<string, unknown>): KubeObject {
  const pod = asPod(obj);
  const p = patch as Pod['status'] & object;
  const status = {
    ...pod.status,
    ...p,
    conditions: mergeByKey(pod.status?.conditions, p.conditions, (c) => c.type),
    containerStatuses: mergeByKey(pod.status?.containerStatuses, p.containerStatuses, (c) => c.name),
  };
  if (!status.conditions) delete status.conditions;
  if (!status.containerStatuses) delete status.containerStatuses;
  // A strategic merge patch's null removes the field (the scheduler's ClearNominatedNodeName).
  for (const [k, v] of Object.entries(p)) if (v === null) delete (status as Record<string, unknown>)[k];
  return asObject({ ...pod, status });
}

/**
 * The grace period a DELETE gets. upstream: pkg/registry/core/pod/strategy.go CheckGracefulDelete —
 * 0 for unscheduled or terminal pods, the spec's period when the request names none, negatives become 1.
 */
export function gracePeriod(obj: KubeObject, requested: number | null): number {
  const pod = asPod(obj);
  const phase = pod.status?.phase;
  if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const g = requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
  return g < 0 ? 1 : g;
}

/** upstream: staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go BeforeDelete */
export function markDeleting(obj: KubeObject, grace: number, nowMs: number): KubeObject {
  const generation = typeof obj.metadata.generation === 'number' ? obj.metadata.generation + 1 : undefined;
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      deletionTimestamp: rfc3339(nowMs + grace * 1000),
      deletionGracePeriodSeconds: grace,
      ...(generation ? { generation } : {}),
    },
  };
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A merge patch: maps merge key by key, null deletes, lists and scalars replace. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return patch;
  const out: Record<string, unknown> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * kubectl apply's PATCH of a live pod: a strategic merge (containers merge by name), or for server-side
 * apply a merge of the applied fields; apply bumps nothing but what it names.
 * upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go (strategicPatcher, applyPatcher)
 * TODO: the pod-update validation (422).
 */
export function patchPod(obj: KubeObject, patch: Record<string, unknown>, apply: boolean): KubeObject {
  const merged = (
    apply ? mergePatch(obj, { metadata: patch.metadata, spec: patch.spec }) : strategicMerge(obj, patch)
  ) as KubeObject;
  return { ...merged, apiVersion: obj.apiVersion, kind: obj.kind, status: obj.status };
}
