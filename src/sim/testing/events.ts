// Builders for the events that cross between components, so unit and model-based tests of one machine
// can speak to it without the rest of the cluster. Every builder returns a complete, typed SimEvent.
import type { KernelCall, KeyValue, SimEvent, CriCall, HttpRequest, EtcdOp } from '../cluster/events';
import type { Note } from '../cluster/note';
import type { KubeObject } from '../scenario';

export type Of<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;

export function testNote(activity: number | null = null, label = 'test'): Note {
  return { activity, phase: 'Setup', pod: 'default/nginx', kind: 'request', label, detail: {} };
}

/** A minimal nginx Pod as kubectl sends it (no defaults, no uid). */
export function nginxPod(extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', namespace: 'default' },
    spec: {
      containers: [
        { name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
      ],
    },
    ...extra,
  };
}

export function kv(key: string, value: KubeObject, modRevision: number): KeyValue {
  return { key, value, createRevision: modRevision, modRevision };
}

export function etcdTxn(op: EtcdOp, opId = 'op-1', replyTo = 'apiServer'): Of<'etcd.txn'> {
  return { type: 'etcd.txn', note: testNote(3), opId, op, replyTo };
}

export function etcdRange(key: string, prefix: boolean, replyTo = 'apiServer'): Of<'etcd.range'> {
  return { type: 'etcd.range', note: testNote(), opId: 'range-1', key, prefix, replyTo };
}

export function etcdWatch(prefix: string, replyTo = 'apiServer'): Of<'etcd.watch'> {
  return { type: 'etcd.watch', note: testNote(), prefix, replyTo };
}

export function etcdResult(opId: string, extra: Partial<Of<'etcd.result'>> = {}): Of<'etcd.result'> {
  return {
    type: 'etcd.result',
    note: testNote(),
    opId,
    succeeded: true,
    revision: 1,
    kv: null,
    kvs: [],
    deleted: false,
    ...extra,
  };
}

export function httpRequest(
  req: Partial<HttpRequest> & Pick<HttpRequest, 'method' | 'path'>,
): Of<'http.request'> {
  return {
    type: 'http.request',
    note: testNote(1),
    request: {
      id: 'req-1',
      query: '',
      contentType: req.body === undefined ? null : 'application/json',
      body: null,
      user: { name: 'kubernetes-admin', groups: ['system:authenticated'] },
      replyTo: 'kubectl',
      ...req,
    },
  };
}

export function httpResponse(requestId: string, code: number, body: unknown = {}): Of<'http.response'> {
  return { type: 'http.response', note: testNote(), response: { requestId, code, body } };
}

export function watchRegister(
  resource: 'pods' | 'nodes',
  replyTo: string,
  fieldSelector: string | null = null,
): Of<'watch.register'> {
  return {
    type: 'watch.register',
    note: testNote(),
    watchId: `${replyTo}:${resource}`,
    resource,
    fieldSelector,
    replyTo,
  };
}

export function kernelCall(call: KernelCall, replyTo = 'probe', callId = 'call-1'): Of<'kernel.call'> {
  return { type: 'kernel.call', note: testNote(13), callId, call, replyTo };
}

export function kernelResult(result: Record<string, unknown> = {}, callId = 'call-1'): Of<'kernel.result'> {
  return { type: 'kernel.result', note: testNote(13), callId, result };
}

export function ociCommand(command: Of<'oci.command'>['command'], signal?: number): Of<'oci.command'> {
  return { type: 'oci.command', note: testNote(12), command, ...(signal === undefined ? {} : { signal }) };
}

export function criRequest(call: CriCall, callId = 'cri-1', replyTo = 'probe'): Of<'cri.request'> {
  return { type: 'cri.request', note: testNote(12), callId, call, replyTo };
}

export function criResponse(
  ok: boolean,
  result: Record<string, unknown> = {},
  callId = 'cri-1',
): Of<'cri.response'> {
  return { type: 'cri.response', note: testNote(12), callId, ok, result };
}
