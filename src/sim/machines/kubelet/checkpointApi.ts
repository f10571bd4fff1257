// The kubelet's checkpoint API (ContainerCheckpoint, beta and on by default since v1.30):
// POST /checkpoint/{namespace}/{pod}/{container} on the kubelet's port 10250. The kubelet checks that the
// pod and the container exist, names the archive checkpoint-<podFullName>-<container>-<RFC 3339 time>.tar
// under /var/lib/kubelet/checkpoints, and asks the CRI runtime to CheckpointContainer there; the container
// keeps running. The answer is {"items":["<archive>"]}, or 404/500 with the error as text.
// upstream: pkg/kubelet/server/server.go checkpoint; pkg/kubelet/kubelet.go CheckpointContainer
// (options.Location, "container %v not found"); kubernetes website docs/reference/node/kubelet-checkpoint-api.md
// Not modelled: the kubelet's own authn/authz of the caller (x509, then a SubjectAccessReview for
// nodes/checkpoint).
import type { HttpRequest, SimEvent } from '../../cluster/events';
import { note, type Note } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { containerdId, kubeletId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { rfc3339 } from '../../time/timestamps';
import type { KubeObject } from '../../scenario';
import type { SimEnv } from '../../cluster/env';

export const CHECKPOINTS_DIR = '/var/lib/kubelet/checkpoints';

/** What the kubelet knows of a pod on its node for the API: its containers and their current IDs. */
export interface PodContainers {
  names: string[];
  ids: Record<string, string>;
}

export interface PendingCheckpoint {
  request: HttpRequest;
  what: string;
  location: string;
}

export function parseCheckpointPath(
  path: string,
): { namespace: string; pod: string; container: string } | null {
  const m = /^\/checkpoint\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
  return m ? { namespace: m[1]!, pod: m[2]!, container: m[3]! } : null;
}

/** upstream: pkg/kubelet/kubelet.go CheckpointContainer — podFullName is <name>_<namespace>. */
export function checkpointLocation(pod: string, namespace: string, container: string, nowMs: number): string {
  return `${CHECKPOINTS_DIR}/checkpoint-${pod}_${namespace}-${container}-${rfc3339(nowMs)}.tar`;
}

/** The pod's container names and the IDs its status reports (`containerd://<id>` → `<id>`). */
export function podContainers(pod: KubeObject): PodContainers {
  const spec = pod.spec as
    { containers?: { name?: string }[]; initContainers?: { name?: string }[] } | undefined;
  const names = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].map((c) => c.name ?? '');
  const statuses =
    (
      pod.status as
        | { containerStatuses?: { name?: string; containerID?: string; state?: { running?: unknown } }[] }
        | undefined
    )?.containerStatuses ?? [];
  const ids: Record<string, string> = {};
  for (const s of statuses)
    if (s.name && s.containerID && s.state?.running) ids[s.name] = s.containerID.replace(/^[a-z-]+:\/\//, '');
  return { names, ids };
}

export function httpReply(
  node: string,
  cause: Note,
  req: HttpRequest,
  code: number,
  body: unknown,
  label: string,
): Outgoing {
  const ev: SimEvent = {
    type: 'http.response',
    note: note(cause, 'response', label, { code, body }),
    response: { requestId: req.id, code, body },
  };
  return { to: req.replyTo, delay: LATENCY.network, event: ev };
}

/** The request: a 404 at once, or the CRI call to make (and what to remember until it answers). */
export function checkpointRequest(
  node: string,
  env: SimEnv,
  pods: Record<string, PodContainers>,
  ev: Extract<SimEvent, { type: 'http.request' }>,
): { out: Outgoing[]; pending?: [string, PendingCheckpoint] } {
  const req = ev.request;
  const p = parseCheckpointPath(req.path);
  if (!p || req.method !== 'POST')
    return { out: [httpReply(node, ev.note, req, 404, '404 page not found', '404 Not Found')] };
  const what = `${p.namespace}/${p.pod}/${p.container}`;
  const pod = pods[`${p.namespace}/${p.pod}`];
  if (!pod)
    return { out: [httpReply(node, ev.note, req, 404, 'pod does not exist', '404 pod does not exist')] };
  if (!pod.names.includes(p.container)) {
    const msg = `container ${p.container} does not exist`;
    return { out: [httpReply(node, ev.note, req, 404, msg, `404 ${msg}`)] };
  }
  const id = pod.ids[p.container];
  if (!id) {
    const msg = `checkpointing of ${what} failed (container ${p.container} not found)`;
    return { out: [httpReply(node, ev.note, req, 500, msg, '500 Internal Server Error')] };
  }
  const location = checkpointLocation(p.pod, p.namespace, p.container, env.now());
  const callId = `checkpoint:${req.id}`;
  const cri: SimEvent = {
    type: 'cri.request',
    note: note(
      ev.note,
      'request',
      `CheckpointContainer ${p.container} → ${location.slice(CHECKPOINTS_DIR.length + 1)}`,
      {
        method: 'CheckpointContainer',
        service: 'runtime.v1.RuntimeService',
        location,
      },
    ),
    callId,
    call: { method: 'CheckpointContainer', containerId: id, location },
    replyTo: kubeletId(node),
  };
  return {
    out: [{ to: env.criEndpoint?.(node) ?? containerdId(node), delay: LATENCY.localCall, event: cri }],
    pending: [callId, { request: req, what, location }],
  };
}

/** The runtime's answer becomes the HTTP answer. upstream: server.go checkpoint (500 "checkpointing of … failed (…)") */
export function checkpointAnswer(
  node: string,
  p: PendingCheckpoint,
  ev: Extract<SimEvent, { type: 'cri.response' }>,
): Outgoing {
  if (ev.ok) {
    const body = `{"items":["${p.location}"]}`;
    return httpReply(node, ev.note, p.request, 200, body, `200 OK ${body}`);
  }
  const msg = `checkpointing of ${p.what} failed (rpc error: code = Unknown desc = ${typeof ev.result.error === 'string' ? ev.result.error : ''})`;
  return httpReply(node, ev.note, p.request, 500, msg, '500 Internal Server Error');
}
