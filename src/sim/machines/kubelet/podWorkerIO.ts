// What a pod worker sends: CRI calls to containerd, and status patches, events and the final DELETE to
// the API server (as the node's identity, system:node:<name>).
import type { CriCall, HttpRequest, KernelCall, SimEvent } from '../../cluster/events';
import { note, type Cause } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { API_SERVER, containerdId, kernelId, podWorkerId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import type { KubeObject } from '../../scenario';
import { kubeletEvent } from '../../k8s/events';
import { rfc3339 } from '../../time/timestamps';

export interface WorkerIds {
  node: string;
  uid: string;
  namespace: string;
  name: string;
  seq: number;
  /** The node's CRI runtime endpoint (systemId); containerd's when unset. */
  cri?: string;
}

const self = (w: WorkerIds) => podWorkerId(w.node, w.uid);

/** Request ids end with their purpose, so the worker can tell its status patch's reply from an event's. */
export function requestId(w: WorkerIds, purpose: string): string {
  return `kubelet-${w.node}-${w.uid}-${w.seq}:${purpose}`;
}

export function cri(w: WorkerIds, cause: Cause, call: CriCall, label?: string): Outgoing {
  return {
    to: w.cri ?? containerdId(w.node),
    delay: LATENCY.network,
    event: {
      type: 'cri.request',
      note: note(cause, 'request', label ?? call.method, {
        method: call.method,
        service: call.method.includes('Image') ? 'runtime.v1.ImageService' : 'runtime.v1.RuntimeService',
      }),
      callId: `${w.uid}:${w.seq}`,
      call,
      replyTo: self(w),
    },
  };
}

export function kernel(w: WorkerIds, cause: Cause, call: KernelCall, label: string): Outgoing {
  return {
    to: kernelId(w.node),
    delay: LATENCY.localCall,
    event: {
      type: 'kernel.call',
      note: note(cause, 'request', label, { ...call }),
      callId: `${w.uid}:${w.seq}`,
      call,
      replyTo: self(w),
    },
  };
}

function http(
  w: WorkerIds,
  cause: Cause,
  method: HttpRequest['method'],
  path: string,
  body: unknown,
  label: string,
  contentType = 'application/json',
  purpose = 'event',
): Outgoing {
  const event: SimEvent = {
    type: 'http.request',
    note: note(cause, 'request', label, { method, path, contentType, body }),
    request: {
      id: requestId(w, purpose),
      method,
      path,
      query: '',
      contentType,
      body,
      user: { name: `system:node:${w.node}`, groups: ['system:nodes', 'system:authenticated'] },
      replyTo: self(w),
    },
  };
  return { to: API_SERVER, delay: LATENCY.network, event };
}

export function patchStatus(
  w: WorkerIds,
  cause: Cause,
  status: Record<string, unknown>,
  summary: string,
): Outgoing {
  const path = `/api/v1/namespaces/${w.namespace}/pods/${w.name}/status`;
  return http(
    w,
    cause,
    'PATCH',
    path,
    { metadata: { uid: w.uid }, status },
    `PATCH ${path} (${summary})`,
    'application/strategic-merge-patch+json',
    'status',
  );
}

export function postEvent(
  w: WorkerIds,
  pod: KubeObject,
  cause: Cause,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  nowMs: number,
  fieldPath?: string,
  name?: string,
): Outgoing {
  const regarding = {
    namespace: w.namespace,
    name: w.name,
    uid: w.uid,
    resourceVersion: pod.metadata.resourceVersion as string | undefined,
    ...(fieldPath ? { fieldPath } : {}),
  };
  const made = kubeletEvent(regarding, w.node, type, reason, message, nowMs);
  const ev = name ? { ...made, metadata: { ...made.metadata, name } } : made;
  return http(w, cause, 'POST', `/api/v1/namespaces/${w.namespace}/events`, ev, `POST event ${reason}`);
}

/**
 * A repeat of an event already recorded: the recorder PATCHes count, lastTimestamp and message (a
 * two-way strategic merge patch against a copy with those fields zeroed).
 * upstream: client-go tools/record/events_cache.go eventObserve; tools/record/event.go recordEvent (sink.Patch)
 */
export function patchEvent(
  w: WorkerIds,
  cause: Cause,
  name: string,
  reason: string,
  message: string,
  count: number,
  nowMs: number,
): Outgoing {
  const path = `/api/v1/namespaces/${w.namespace}/events/${name}`;
  const body = { count, lastTimestamp: rfc3339(nowMs), message };
  const label = `PATCH event ${reason} (count ${count})`;
  return http(w, cause, 'PATCH', path, body, label, 'application/strategic-merge-patch+json');
}

/** The status manager's final DELETE once the pod is terminal. upstream: pkg/kubelet/status/status_manager.go */
export function deleteObject(w: WorkerIds, cause: Cause): Outgoing {
  const path = `/api/v1/namespaces/${w.namespace}/pods/${w.name}`;
  return http(
    w,
    cause,
    'DELETE',
    path,
    { gracePeriodSeconds: 0, preconditions: { uid: w.uid } },
    `DELETE ${path} (grace 0)`,
    'application/json',
    'delete',
  );
}
