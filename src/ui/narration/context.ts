// What the narration must know about the run beyond the message itself, read from the trace's own
// messages: which kind of object kubectl sent (a Pod, a Deployment, a StatefulSet), whether kubectl
// created it or patched an existing one, how the API server answered, and who deleted the pod that is
// terminating (kubectl, or a controller in kube-controller-manager, or the scheduler preempting it).
import type { Trace, TraceMessage } from '../../sim/trace/types';

export interface NarrationContext {
  /** Kind of the object kubectl's request is about, e.g. `Pod`, `Deployment`. */
  kind: string;
  /** Resource of that kind in the URL and etcd key, e.g. `pods`, `deployments`. */
  resource: string;
  /** Name in the request path, when there is one. */
  name: string | null;
  /** `apply` GETs first; `create` POSTs at once (fieldManager=kubectl-create). */
  command: 'apply' | 'create';
  /** apply found the object (GET 200) and PATCHes it instead of POSTing it. */
  patches: boolean;
  /** kubectl got as far as sending the object (a GET refused with 401/403 ends the command). */
  sends: boolean;
  /** kubectl's latest command changed the replica count through the scale subresource (kubectl scale). */
  scales: boolean;
  /** Status code of the last answer to kubectl, if any yet. */
  code: number | null;
  /** The container runtime the pod's node uses, read from the lanes its messages travel. */
  runtime: 'containerd' | 'CRI-O' | 'Kata';
  /** The kubelet's latest status PATCH for this pod, as its label sums it up: `Pending, ErrImagePull`. */
  status: string | null;
  /** Who sent the DELETE for the pod this message is about: `kubectl`, a controller's name, or a lane. */
  deletedBy: string | null;
}

export const KINDS: Record<string, string> = {
  pods: 'Pod',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  replicasets: 'ReplicaSet',
  poddisruptionbudgets: 'PodDisruptionBudget',
};

interface ClientRequest {
  seq: number;
  method: string;
  path: string;
  query: string;
}
interface Deletion {
  seq: number;
  pod: string;
  by: string;
}
interface Index {
  runtimes: Map<string, NarrationContext['runtime']>;
  statuses: { seq: number; pod: string; status: string }[];
  requests: ClientRequest[];
  answers: { seq: number; code: number }[];
  deletions: Deletion[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const indexes = new WeakMap<Trace, Index>();

/** `/api/v1/namespaces/ns/pods/name` → ns, pods, name. */
export function parsePath(path: string): { namespace: string; resource: string; name: string | null } {
  const m = /\/namespaces\/([^/]+)\/([^/?]+)(?:\/([^/?]+))?/.exec(path);
  return { namespace: m?.[1] ?? '', resource: m?.[2] ?? 'pods', name: m?.[3] ?? null };
}

/** Controllers say which one they are (detail.controller); other clients are named by their lane. */
function requester(m: TraceMessage): string {
  return str(m.detail.controller) || m.from;
}

function buildIndex(trace: Trace): Index {
  const index: Index = { runtimes: new Map(), statuses: [], requests: [], answers: [], deletions: [] };
  for (const m of trace.messages) {
    const lanes = [m.from, m.to] as string[];
    if (m.pod && lanes.includes('cri-o')) index.runtimes.set(m.pod, 'CRI-O');
    if (m.pod && lanes.includes('containerd-shim-kata-v2')) index.runtimes.set(m.pod, 'Kata');
    const status = /^PATCH \S+\/status \((.+)\)$/.exec(m.label)?.[1];
    if (m.from === 'kubelet' && m.pod && status) index.statuses.push({ seq: m.seq, pod: m.pod, status });
    if (m.from === 'kubectl' && m.to === 'kube-apiserver' && m.kind === 'request') {
      const method = str(m.detail.method) || (m.label.split(' ')[0] ?? '');
      if (!/watch=true/.test(str(m.detail.query)))
        index.requests.push({ seq: m.seq, method, path: str(m.detail.path), query: str(m.detail.query) });
    }
    if (m.to === 'kubectl' && m.from === 'kube-apiserver' && m.kind === 'response') {
      const code = Number(/^(\d{3})/.exec(m.label)?.[1] ?? NaN);
      if (Number.isFinite(code)) index.answers.push({ seq: m.seq, code });
    }
    // The kubelet's own DELETE (grace 0) ends a deletion someone else began; it is not the decision.
    if (m.kind === 'request' && m.from !== 'kubelet' && /^DELETE /.test(m.label)) {
      const { namespace, name } = parsePath(str(m.detail.path));
      index.deletions.push({ seq: m.seq, pod: `${namespace}/${name ?? ''}`, by: requester(m) });
    }
  }
  return index;
}

function lastAtOrBefore<T extends { seq: number }>(
  list: readonly T[],
  seq: number,
  ok: (x: T) => boolean = () => true,
) {
  for (let i = list.length - 1; i >= 0; i--) {
    const x = list[i];
    if (x && x.seq <= seq && ok(x)) return x;
  }
  return undefined;
}

/** The kind as prose says it: `pod` in lower case as the docs write it, workload kinds as named. */
export function kindNoun(kind: string): string {
  return kind === 'Pod' ? 'pod' : kind;
}

export function narrationContext(trace: Trace | null, m: TraceMessage): NarrationContext {
  const fallback: NarrationContext = {
    kind: 'Pod',
    resource: 'pods',
    name: null,
    command: 'apply',
    patches: false,
    sends: true,
    scales: false,
    code: null,
    deletedBy: m.from === 'kubectl' && /^DELETE /.test(m.label) ? 'kubectl' : null,
    runtime: 'containerd',
    status: null,
  };
  if (!trace) return fallback;
  let index = indexes.get(trace);
  if (!index) {
    index = buildIndex(trace);
    indexes.set(trace, index);
  }
  // The request kubectl's current command starts with: the latest at or before this message, or, before
  // kubectl has sent anything (Setup), the first one.
  const writes = (r: ClientRequest) => r.method !== 'DELETE';
  const current = lastAtOrBefore(index.requests, m.seq, writes) ?? index.requests.find(writes);
  const next = current ? index.requests.find((r) => r.seq > current.seq) : undefined;
  const { resource, name: inPath } = parsePath(current?.path ?? '');
  // A POST's path ends at the collection; apply's GET just before it names the object.
  const read = current ? lastAtOrBefore(index.requests, current.seq, (r) => r.method === 'GET') : undefined;
  const name = inPath ?? (read ? parsePath(read.path).name : null);
  const patches = current?.method === 'PATCH' || (current?.method === 'GET' && next?.method === 'PATCH');
  const deletion = lastAtOrBefore(index.deletions, m.seq, (d) => m.pod === null || d.pod === m.pod);
  return {
    kind: KINDS[resource] ?? resource,
    resource,
    name,
    command: /fieldManager=kubectl-create/.test(current?.query ?? '') ? 'create' : 'apply',
    patches,
    scales: /\/scale$/.test(current?.path ?? ''),
    sends:
      current !== undefined && (current.method !== 'GET' || (next !== undefined && next.method !== 'GET')),
    code: lastAtOrBefore(index.answers, m.seq)?.code ?? null,
    deletedBy: deletion?.by ?? fallback.deletedBy,
    runtime: (m.pod ? index.runtimes.get(m.pod) : undefined) ?? 'containerd',
    // Before the first status PATCH of activity 14, narrate the one it is heading for.
    status:
      (
        lastAtOrBefore(index.statuses, m.seq, (x) => x.pod === m.pod) ??
        index.statuses.find((x) => x.seq > m.seq && x.pod === m.pod)
      )?.status ?? null,
  };
}
