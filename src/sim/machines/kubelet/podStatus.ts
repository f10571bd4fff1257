// The pod status the kubelet generates at each point of the sync, with conditions in the order it
// writes them. upstream: pkg/kubelet/kubelet_pods.go generateAPIPodStatus; pkg/kubelet/status/generate.go
import type { Pod } from '../../k8s/pod';
import { rfc3339 } from '../../time/timestamps';

export type ContainerView =
  | { name: string; image: string; state: 'waiting'; reason: string; message?: string }
  | {
      name: string;
      image: string;
      state: 'running';
      startedAtMs: number;
      containerId: string;
      imageId: string;
    }
  | {
      name: string;
      image: string;
      state: 'terminated';
      reason: string;
      exitCode: number;
      startedAtMs: number;
      finishedAtMs: number;
      containerId: string;
      imageId: string;
    };

export interface StatusInput {
  pod: Pod;
  hostIP: string;
  startTimeMs: number;
  podIP: string | null;
  sandboxReady: boolean;
  containers: ContainerView[];
  terminal: 'Succeeded' | 'Failed' | null;
  /** When each condition last changed, so lastTransitionTime stays put across patches. */
  transitions: Record<string, number>;
}

function containerStatus(c: ContainerView): Record<string, unknown> {
  const base = { name: c.name, image: c.image, lastState: {}, restartCount: 0 };
  if (c.state === 'waiting')
    return {
      ...base,
      imageID: '',
      ready: false,
      started: false,
      state: { waiting: { reason: c.reason, ...(c.message ? { message: c.message } : {}) } },
    };
  if (c.state === 'running')
    return {
      ...base,
      containerID: `containerd://${c.containerId}`,
      imageID: c.imageId,
      ready: true,
      started: true,
      state: { running: { startedAt: rfc3339(c.startedAtMs) } },
    };
  return {
    ...base,
    containerID: `containerd://${c.containerId}`,
    imageID: c.imageId,
    ready: false,
    started: false,
    state: {
      terminated: {
        exitCode: c.exitCode,
        reason: c.reason,
        startedAt: rfc3339(c.startedAtMs),
        finishedAt: rfc3339(c.finishedAtMs),
        containerID: `containerd://${c.containerId}`,
      },
    },
  };
}

function condition(type: string, ok: boolean, t: Record<string, number>, reason?: string, message?: string) {
  return {
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: rfc3339(t[type] ?? 0),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** The status the kubelet patches; phase Running once a container runs, terminal after deletion. */
export function generatePodStatus(s: StatusInput): Record<string, unknown> {
  const unready = s.containers.filter((c) => c.state !== 'running').map((c) => c.name);
  const ready = unready.length === 0;
  const phase = s.terminal ?? (s.containers.some((c) => c.state === 'running') ? 'Running' : 'Pending');
  // upstream: status/generate.go — "containers with unready status: [a b]" (Go's %s of a []string)
  const notReadyMsg = `containers with unready status: [${unready.join(' ')}]`;
  const terminalReason =
    s.terminal === 'Succeeded'
      ? 'PodCompleted'
      : s.terminal === 'Failed'
        ? 'PodFailed'
        : 'ContainersNotReady';
  const scheduled = (s.pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
  return {
    phase,
    conditions: [
      condition('PodReadyToStartContainers', s.sandboxReady && !s.terminal, s.transitions),
      condition('Initialized', true, s.transitions),
      ready && !s.terminal
        ? condition('Ready', true, s.transitions)
        : condition('Ready', false, s.transitions, terminalReason, s.terminal ? undefined : notReadyMsg),
      ready && !s.terminal
        ? condition('ContainersReady', true, s.transitions)
        : condition(
            'ContainersReady',
            false,
            s.transitions,
            terminalReason,
            s.terminal ? undefined : notReadyMsg,
          ),
      ...(scheduled ? [scheduled] : []),
    ],
    hostIP: s.hostIP,
    hostIPs: [{ ip: s.hostIP }],
    ...(s.podIP ? { podIP: s.podIP, podIPs: [{ ip: s.podIP }] } : {}),
    startTime: rfc3339(s.startTimeMs),
    containerStatuses: s.containers.map(containerStatus),
    qosClass: s.pod.status?.qosClass,
  };
}

/** Condition values as a comparable signature, to move lastTransitionTime only on change. */
export function conditionSignature(status: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of (status.conditions as { type: string; status: string }[]) ?? []) out[c.type] = c.status;
  return out;
}
