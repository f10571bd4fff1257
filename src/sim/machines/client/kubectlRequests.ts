// The requests kubectl sends for each step of a command, and the lines it prints for an answer.
// upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go, cmd/create/create.go, cmd/delete/delete.go
import type { HttpRequest, SimEvent, UserEvent } from '../../cluster/events';
import { note, type Cause } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { API_SERVER, KUBECTL } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import type { KubeObject } from '../../scenario';
import type { WireRequest } from '../apiServer/wire';
import { resourceOfKind, workloadPath, type WorkloadResource } from '../../k8s/workloads';
import type { KubectlCommand } from './kubectlArgs';
import { kubectlErrorLines, type ErrorAction } from './kubectlErrors';
import { kubectlHeaders } from './kubectlHeaders';
import { applyPatch, printed, withLastApplied, writeQuery } from './kubectlOutput';

export type Ev = SimEvent | UserEvent;

/** A line kubectl prints. Emitted (not sent): a terminal is outside the simulation; the recorder keeps it. */
export interface TerminalEmitted {
  type: 'terminal.print';
  stream: 'stdout' | 'stderr';
  command: string;
  text: string;
}
export function terminal(stream: 'stdout' | 'stderr', command: string, text: string): TerminalEmitted {
  return { type: 'terminal.print', stream, command: `kubectl ${command}`, text };
}

interface Req {
  method: HttpRequest['method'];
  path: string;
  query: string;
  body: unknown;
  contentType?: string;
}

export function request(c: KubectlCommand, requests: number, cause: Cause, r: Req): Outgoing {
  const id = `kubectl-${requests + 1}`;
  const contentType = r.body === null ? null : (r.contentType ?? 'application/json');
  const cert = c.credentials.clientCert;
  const user = cert ? { name: cert.cn, groups: cert.o } : { name: '', groups: [] };
  const request: WireRequest = { id, ...r, contentType, user, replyTo: KUBECTL, credentials: c.credentials };
  const headers = kubectlHeaders({
    verb: c.verb,
    contentType,
    credentials: c.credentials,
    session: c.session,
  });
  const detail = {
    method: r.method,
    path: r.path,
    query: r.query,
    contentType,
    accept: 'application/json',
    // TLS, not a header: the certificate kubectl presents in the handshake (admin.conf's client-certificate-data)
    clientCertificate: cert ? `CN=${cert.cn}, O=${cert.o.join(',')}` : null,
    headers,
    body: r.body,
  };
  return {
    to: API_SERVER,
    delay: LATENCY.network,
    event: {
      type: 'http.request',
      note: note(cause, 'request', `${r.method} ${r.path}`, detail),
      request,
    },
  };
}

export function podPath(ns: string, name?: string): string {
  return `/api/v1/namespaces/${ns}/pods${name ? `/${name}` : ''}`;
}

/** Where the command's object lives: a pod, or an apps/v1 workload. */
export function objectPath(c: KubectlCommand, withName = true): string {
  const resource = c.scale?.resource ?? (c.object ? resourceOfKind(c.object.kind) : null);
  const name = withName ? c.name : undefined;
  return resource
    ? workloadPath(resource as WorkloadResource, c.namespace, name)
    : podPath(c.namespace, name);
}

export const keyOf = (c: KubectlCommand): string => `${c.namespace}/${c.name}`;
export const response = (e: Ev) => (e.type === 'http.response' ? e.response : null);

export function emitAll(
  enqueue: { emit: (e: TerminalEmitted) => void },
  c: KubectlCommand,
  event: Ev,
  ok: string | null,
  action: ErrorAction,
): void {
  const res = response(event);
  if (!res) return;
  const warnings =
    event.type === 'http.response' ? ((event.note.detail.warnings as string[] | undefined) ?? []) : [];
  for (const w of warnings) enqueue.emit(terminal('stderr', c.command, `Warning: ${w}`));
  if (res.code < 300 && ok) return enqueue.emit(terminal('stdout', c.command, printed(c, ok)));
  const file = action === 'deleting' || action === 'scaling' ? null : c.file;
  for (const text of kubectlErrorLines(res.code, res.body, action, file, c))
    enqueue.emit(terminal('stderr', c.command, text));
}

export type RequestKind = 'get' | 'post' | 'apply' | 'patch' | 'delete' | 'scale';

function patchReq(c: KubectlCommand, event: Ev): Req {
  const live = (response(event)?.body ?? {}) as KubeObject;
  const query = writeQuery(c, 'kubectl-client-side-apply', { fieldValidation: 'Strict' });
  const contentType = 'application/strategic-merge-patch+json';
  return {
    method: 'PATCH',
    path: objectPath(c),
    query,
    body: applyPatch(live, c.object!),
    contentType,
  };
}

function postReq(c: KubectlCommand): Req {
  const apply = c.verb === 'apply';
  const query = writeQuery(c, apply ? 'kubectl-client-side-apply' : 'kubectl-create', {
    fieldValidation: 'Strict',
  });
  return {
    method: 'POST',
    path: objectPath(c, false),
    query,
    body: apply ? withLastApplied(c.object!) : c.object,
  };
}

/** The request a step of the command sends; `event` is the response that led to it (the live pod for a PATCH). */
export function build(kind: RequestKind, c: KubectlCommand, event: Ev): Req {
  const path = objectPath(c);
  switch (kind) {
    case 'scale':
      // upstream: kubectl/pkg/scale/scale.go ScaleSimple — a merge patch of the scale subresource
      return {
        method: 'PATCH',
        path: `${path}/scale`,
        query: '',
        body: { spec: { replicas: c.scale?.replicas ?? 0 } },
        contentType: 'application/merge-patch+json',
      };
    case 'get':
      return { method: 'GET', path, query: '', body: null };
    case 'post':
      return postReq(c);
    case 'apply': {
      const query = writeQuery(c, 'kubectl', { force: 'false' });
      return { method: 'PATCH', path, query, body: c.object, contentType: 'application/apply-patch+yaml' };
    }
    case 'patch':
      return patchReq(c, event);
    case 'delete':
      return { method: 'DELETE', path, query: '', body: { propagationPolicy: 'Background' } };
  }
}
