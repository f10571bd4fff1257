// REST paths → what the request asks for. Only the resources the simulation serves are routed.
import type { HttpRequest } from '../../cluster/events';
import { workloadKey, type WorkloadResource } from '../../k8s/workloads';

export type Route =
  | { kind: 'getPod'; key: string; namespace: string; name: string }
  | { kind: 'createPod'; namespace: string }
  | { kind: 'bindPod'; key: string; namespace: string; name: string }
  | { kind: 'patchPodStatus'; key: string; namespace: string; name: string }
  | { kind: 'deletePod'; key: string; namespace: string; name: string }
  /** PATCH of a pod: `apply` is server-side apply (it creates a missing pod), `merge` a strategic-merge patch. */
  | { kind: 'patchPod'; key: string; namespace: string; name: string; apply: boolean }
  | { kind: 'createEvent'; namespace: string }
  /** The StatefulSet controller's revision history. upstream: pkg/controller/history */
  | { kind: 'createControllerRevision'; namespace: string }
  /** A kubelet registering its node. */
  | { kind: 'createNode' }
  /** The event recorder's PATCH of a repeated event (count, lastTimestamp). */
  | { kind: 'patchEvent'; key: string; namespace: string; name: string }
  /** apps/v1 workloads: create, read, a full update (PUT, also of /status) and the /scale merge patch. */
  | { kind: 'createWorkload'; resource: WorkloadResource; namespace: string }
  | { kind: 'getWorkload'; resource: WorkloadResource; key: string; namespace: string; name: string }
  | {
      kind: 'updateWorkload';
      resource: WorkloadResource;
      key: string;
      namespace: string;
      name: string;
      sub: '' | 'status';
    }
  | { kind: 'scaleWorkload'; resource: WorkloadResource; key: string; namespace: string; name: string }
  /** kubectl apply's second apply: a strategic-merge PATCH of the workload. */
  | { kind: 'patchWorkload'; resource: WorkloadResource; key: string; namespace: string; name: string }
  /** The deployment controller's cleanup of old ReplicaSets (revisionHistoryLimit). */
  | { kind: 'deleteWorkload'; resource: WorkloadResource; key: string; namespace: string; name: string }
  /** The disruption controller's PUT of a PodDisruptionBudget's status subresource. */
  | { kind: 'updatePdbStatus'; key: string; namespace: string; name: string }
  | { kind: 'unknown' };

const POD = /^\/api\/v1\/namespaces\/([^/]+)\/pods(?:\/([^/]+))?(?:\/(binding|status))?$/;
const EVENTS = /^\/(?:api\/v1|apis\/events\.k8s\.io\/v1)\/namespaces\/([^/]+)\/events$/;
const EVENT = /^\/api\/v1\/namespaces\/([^/]+)\/events\/([^/]+)$/;
const REVISIONS = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/controllerrevisions$/;
const PDB_STATUS = /^\/apis\/policy\/v1\/namespaces\/([^/]+)\/poddisruptionbudgets\/([^/]+)\/status$/;
const APPS =
  /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/(deployments|replicasets|statefulsets)(?:\/([^/]+))?(?:\/(status|scale))?$/;

function workloadRoute(req: HttpRequest, m: RegExpExecArray): Route {
  const [, namespace = 'default', res, name, sub] = m;
  const resource = res as WorkloadResource;
  if (!name)
    return req.method === 'POST' ? { kind: 'createWorkload', resource, namespace } : { kind: 'unknown' };
  const key = workloadKey(resource, namespace, name);
  if (!sub && req.method === 'GET') return { kind: 'getWorkload', resource, key, namespace, name };
  if (sub !== 'scale' && req.method === 'PUT')
    return { kind: 'updateWorkload', resource, key, namespace, name, sub: sub === 'status' ? 'status' : '' };
  if (!sub && req.method === 'PATCH') return { kind: 'patchWorkload', resource, key, namespace, name };
  if (!sub && req.method === 'DELETE') return { kind: 'deleteWorkload', resource, key, namespace, name };
  if (sub === 'scale' && req.method === 'PATCH')
    return { kind: 'scaleWorkload', resource, key, namespace, name };
  return { kind: 'unknown' };
}

export function route(req: HttpRequest): Route {
  if (req.path === '/api/v1/nodes' && req.method === 'POST') return { kind: 'createNode' };
  const ev = EVENTS.exec(req.path);
  if (ev && req.method === 'POST') return { kind: 'createEvent', namespace: ev[1]! };
  const one = EVENT.exec(req.path);
  if (one && req.method === 'PATCH') {
    const [, namespace = 'default', name = ''] = one;
    return { kind: 'patchEvent', key: `/registry/events/${namespace}/${name}`, namespace, name };
  }
  const revisions = REVISIONS.exec(req.path);
  if (revisions && req.method === 'POST')
    return { kind: 'createControllerRevision', namespace: revisions[1] ?? 'default' };
  const apps = APPS.exec(req.path);
  if (apps) return workloadRoute(req, apps);
  const pdb = PDB_STATUS.exec(req.path);
  if (pdb && req.method === 'PUT') {
    const [, namespace = 'default', name = ''] = pdb;
    return {
      kind: 'updatePdbStatus',
      key: `/registry/poddisruptionbudgets/${namespace}/${name}`,
      namespace,
      name,
    };
  }
  const m = POD.exec(req.path);
  if (!m) return { kind: 'unknown' };
  const [, namespace = 'default', name, sub] = m;
  if (!name) return req.method === 'POST' ? { kind: 'createPod', namespace } : { kind: 'unknown' };
  const key = `/registry/pods/${namespace}/${name}`;
  if (sub === 'binding' && req.method === 'POST') return { kind: 'bindPod', key, namespace, name };
  if (sub === 'status' && req.method === 'PATCH') return { kind: 'patchPodStatus', key, namespace, name };
  if (!sub && req.method === 'GET') return { kind: 'getPod', key, namespace, name };
  if (!sub && req.method === 'DELETE') return { kind: 'deletePod', key, namespace, name };
  if (!sub && req.method === 'PATCH')
    return {
      kind: 'patchPod',
      key,
      namespace,
      name,
      apply: req.contentType === 'application/apply-patch+yaml',
    };
  return { kind: 'unknown' };
}

export interface RequestInfo {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

/** What the authorizers are asked. upstream: staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go */
export function requestInfo(req: HttpRequest, r: Route): RequestInfo {
  const verb = { GET: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' }[req.method];
  const namespace = 'namespace' in r ? r.namespace : '';
  const name = 'name' in r ? r.name : '';
  const subresource =
    r.kind === 'bindPod'
      ? 'binding'
      : r.kind === 'patchPodStatus'
        ? 'status'
        : r.kind === 'scaleWorkload'
          ? 'scale'
          : r.kind === 'updateWorkload'
            ? r.sub
            : r.kind === 'updatePdbStatus'
              ? 'status'
              : '';
  if ('resource' in r) return { verb, apiGroup: 'apps', resource: r.resource, subresource, namespace, name };
  if (r.kind === 'updatePdbStatus')
    return { verb, apiGroup: 'policy', resource: 'poddisruptionbudgets', subresource, namespace, name };
  if (r.kind === 'createControllerRevision')
    return { verb, apiGroup: 'apps', resource: 'controllerrevisions', subresource, namespace, name };
  if (r.kind === 'createEvent' || r.kind === 'patchEvent') {
    const apiGroup = req.path.startsWith('/apis/events.k8s.io') ? 'events.k8s.io' : '';
    return { verb, apiGroup, resource: 'events', subresource, namespace, name };
  }
  if (r.kind === 'createNode') return { verb, apiGroup: '', resource: 'nodes', subresource, namespace, name };
  return { verb, apiGroup: '', resource: 'pods', subresource, namespace, name };
}

/** The RBAC verb and resource, for the authorization line. */
export function verbAndResource(req: HttpRequest, r: Route): string {
  const i = requestInfo(req, r);
  return `${i.verb} ${i.subresource ? `${i.resource}/${i.subresource}` : i.resource}`;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
};
export function statusLine(code: number): string {
  return `${code} ${REASONS[code] ?? ''}`.trim();
}

/** A `Status` failure body. upstream: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go */
export function statusFailure(
  code: number,
  reason: string,
  message: string,
  details: Record<string, unknown> = {},
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    details,
    code,
  };
}
