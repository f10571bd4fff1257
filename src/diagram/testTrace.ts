// A hand-written trace shaped like the simulation's output, for developing and testing the diagram
// before the real simulation exists: `kubectl apply` of one nginx pod onto worker-2 of three nodes,
// then `kubectl delete`. The traffic mirrors what a real cluster does (GET/404 then POST/201, etcd
// txns, watch events fanned out by the API server, scheduler cycles, binding, CRI/OCI/CNI calls).
import type { Lane, MessageKind, Phase, Trace, TraceMessage } from '../sim/trace/types';

const ACTOR: Partial<Record<Lane, string>> = {
  kubectl: 'client',
  'kube-apiserver': 'apiServer',
  etcd: 'etcd',
  'kube-controller-manager': 'controllerManager',
  'kube-scheduler': 'scheduler',
  kubelet: 'kubelet:worker-2',
  containerd: 'containerd:worker-2',
  runc: 'runc:nginx-3f9a',
  kernel: 'kernel:worker-2',
};

type Step = [from: Lane, to: Lane, kind: MessageKind, label: string];
type Activity = [activity: number | null, phase: Phase, steps: Step[]];

const API = 'kube-apiserver';
const POD = '/api/v1/namespaces/default/pods/nginx';

const SCRIPT: Activity[] = [
  [
    null,
    'Setup',
    [
      ['kube-scheduler', API, 'request', 'WATCH /api/v1/pods?fieldSelector=spec.nodeName='],
      ['kubelet', API, 'request', 'WATCH /api/v1/pods?fieldSelector=spec.nodeName=worker-2'],
    ],
  ],
  [
    1,
    'Admission',
    [
      ['kubectl', API, 'request', `GET ${POD}`],
      [API, 'kubectl', 'response', '404 Not Found'],
    ],
  ],
  [
    2,
    'Admission',
    [
      ['kubectl', API, 'request', 'POST /api/v1/namespaces/default/pods'],
      [API, API, 'internal', 'authn · authz · mutating + validating admission'],
    ],
  ],
  [
    3,
    'Persist',
    [
      [API, 'etcd', 'request', 'txn create /registry/pods/default/nginx'],
      ['etcd', API, 'response', 'txn ok rev=1042'],
    ],
  ],
  [4, 'Persist', [[API, 'kubectl', 'response', '201 Created pod/nginx']]],
  [5, 'Schedule', [[API, 'kube-scheduler', 'watch', 'ADDED pod/nginx']]],
  [6, 'Schedule', [['kube-scheduler', 'kube-scheduler', 'internal', 'enqueue activeQ (PrioritySort)']]],
  [7, 'Schedule', [['kube-scheduler', 'kube-scheduler', 'internal', 'Filter: 3 nodes → 2 feasible']]],
  [
    8,
    'Schedule',
    [['kube-scheduler', 'kube-scheduler', 'internal', 'Score: worker-2 = 187, worker-1 = 142']],
  ],
  [
    9,
    'Bind',
    [
      ['kube-scheduler', API, 'request', `POST ${POD}/binding`],
      [API, 'etcd', 'request', 'txn update /registry/pods/default/nginx'],
      ['etcd', API, 'response', 'txn ok rev=1043'],
      [API, 'kube-scheduler', 'response', '201 Created'],
    ],
  ],
  [10, 'Bind', [[API, 'kubelet', 'watch', 'ADDED pod/nginx (nodeName=worker-2)']]],
  [
    11,
    'Sandbox',
    [
      ['kubelet', 'containerd', 'request', 'RunPodSandbox nginx'],
      ['containerd', 'runc', 'request', 'runc create pause'],
      ['runc', 'kernel', 'request', 'unshare(NET|IPC|UTS)'],
      ['kernel', 'runc', 'response', 'ok'],
      ['containerd', 'containerd', 'internal', 'CNI ADD eth0 10.244.2.7/24'],
      ['containerd', 'kubelet', 'response', 'sandbox 7c1e…'],
    ],
  ],
  [
    12,
    'Pull',
    [
      ['kubelet', 'containerd', 'request', 'PullImage nginx:1.27'],
      ['containerd', 'containerd', 'internal', 'fetch 3 layers, unpack'],
      ['containerd', 'kubelet', 'response', 'image sha256:5ef7…'],
    ],
  ],
  [
    13,
    'Start',
    [
      ['kubelet', 'containerd', 'request', 'CreateContainer nginx'],
      ['containerd', 'kubelet', 'response', 'container 3f9a…'],
      ['kubelet', 'containerd', 'request', 'StartContainer 3f9a…'],
      ['containerd', 'runc', 'request', 'runc start 3f9a…'],
      ['runc', 'kernel', 'request', 'execve /docker-entrypoint.sh'],
      ['kernel', 'runc', 'response', 'pid 4711'],
      ['containerd', 'kubelet', 'response', 'ok'],
    ],
  ],
  [
    14,
    'Running',
    [
      ['kubelet', API, 'request', `PATCH ${POD}/status`],
      [API, 'etcd', 'request', 'txn update /registry/pods/default/nginx'],
      ['etcd', API, 'response', 'txn ok rev=1044'],
      [API, 'kubelet', 'response', '200 OK'],
      [API, 'kubectl', 'watch', 'MODIFIED pod/nginx Running'],
    ],
  ],
  [
    15,
    'Delete',
    [
      ['kubectl', API, 'request', `DELETE ${POD}`],
      [API, 'etcd', 'request', 'txn update deletionTimestamp'],
      ['etcd', API, 'response', 'txn ok rev=1045'],
      [API, 'kubectl', 'response', '200 OK'],
      [API, 'kubelet', 'watch', 'MODIFIED pod/nginx (deleting)'],
      ['kubelet', 'containerd', 'request', 'StopContainer 3f9a… timeout=30'],
      ['containerd', 'runc', 'request', 'runc kill SIGTERM'],
      ['runc', 'kernel', 'request', 'kill(4711, SIGTERM)'],
      ['kernel', 'kernel', 'internal', 'exit_group(0)'],
    ],
  ],
];

/** The script above as messages, in order: one pod, about fifty messages. */
export function makeTestMessages(): TraceMessage[] {
  const out: TraceMessage[] = [];
  for (const [activity, phase, steps] of SCRIPT) {
    for (const [from, to, kind, label] of steps) {
      const seq = out.length + 1;
      out.push({
        seq,
        t: seq * 7,
        from,
        to,
        fromActor: ACTOR[from] ?? from,
        toActor: ACTOR[to] ?? to,
        activity,
        phase,
        pod: phase === 'Setup' ? null : 'default/nginx',
        kind,
        label,
        detail: {},
      });
    }
  }
  return out;
}

/** A trace of exactly `count` messages (the script repeated), or the script once by default. */
export function makeTestTrace(count?: number): Trace {
  const script = makeTestMessages();
  const n = count ?? script.length;
  const messages: TraceMessage[] = [];
  for (let i = 0; i < n; i++) {
    const m = script[i % script.length];
    if (m) messages.push({ ...m, seq: i + 1, t: (i + 1) * 7 });
  }
  return {
    version: 1,
    scenario: {
      name: 'test: nginx on 3 nodes',
      cluster: [],
      manifests: [],
      actions: [],
      options: { horizonMs: 600_000 },
      seed: 1,
    },
    messages,
    states: [],
    objects: [],
    terminal: [],
    clusterReadyAt: 0,
    end: { t: (n + 1) * 7, reason: 'idle' },
  };
}
