// The pod status the kubelet generates at the start of each sync, from what the runtime reports and the
// reason cache of the previous sync, with conditions in the order it writes them.
// upstream: pkg/kubelet/kubelet_pods.go generateAPIPodStatus, convertToAPIContainerStatuses, getPhase;
// pkg/kubelet/status/generate.go
import type { Pod } from '../../k8s/pod';
import { rfc3339 } from '../../time/timestamps';
import {
  exited,
  restartPolicyOf,
  running,
  shouldRestart,
  type ContainerRuntime,
  type Instance,
} from './containerRuntime';

export interface StatusInput {
  pod: Pod;
  hostIP: string;
  startTimeMs: number;
  podIP: string | null;
  sandboxReady: boolean;
  containers: readonly ContainerRuntime[];
  /** The reason cache: the error of each container's last start attempt. */
  reasons: Readonly<Record<string, { reason: string; message: string }>>;
  /** The phase last written; kept while a finished pod's worker has not stopped its sandbox. */
  lastPhase: string;
  /** The worker has stopped the sandbox of a finished pod (SyncTerminatedPod). */
  podIsTerminal: boolean;
  /** When each condition last changed, so lastTransitionTime stays put across patches. */
  transitions: Record<string, number>;
  /** Containers with a readiness probe: its result (the others are ready while running). */
  readiness?: Readonly<Record<string, boolean>>;
}

type Status = Record<string, unknown>;
const cid = (i: Instance) => `containerd://${i.containerId}`;

function terminated(i: Instance & { exitCode: number }) {
  return {
    terminated: {
      exitCode: i.exitCode,
      reason: i.reason ?? (i.exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: rfc3339(i.startedAtMs),
      finishedAt: rfc3339(i.finishedAtMs ?? i.startedAtMs),
      containerID: cid(i),
    },
  };
}

function containerStatus(rt: ContainerRuntime, s: StatusInput, hasInit: boolean): Status {
  const cur = rt.current;
  const prev = exited(rt.previous) ? terminated(rt.previous) : {};
  const base = { name: rt.name, image: rt.image, restartCount: cur?.attempt ?? 0 };
  const cached = s.reasons[rt.name];
  if (!cur) {
    const reason = cached?.reason ?? (hasInit ? 'PodInitializing' : 'ContainerCreating');
    const waiting = { reason, ...(cached?.message ? { message: cached.message } : {}) };
    return { ...base, lastState: {}, imageID: '', ready: false, started: false, state: { waiting } };
  }
  const ids = { containerID: cid(cur), imageID: cur.imageId };
  if (running(cur)) {
    const state = { running: { startedAt: rfc3339(cur.startedAtMs) } };
    // upstream: pkg/kubelet/prober/prober_manager.go UpdatePodStatus (ready = the readiness result)
    const ready = !rt.init && (s.readiness?.[rt.name] ?? true);
    return { ...base, lastState: prev, ...ids, ready, started: true, state };
  }
  const done = cur as Instance & { exitCode: number };
  if (cached && shouldRestart(rt, restartPolicyOf(s.pod))) {
    const state = { waiting: { reason: cached.reason, message: cached.message } };
    return { ...base, lastState: terminated(done), ...ids, ready: false, started: false, state };
  }
  const ready = rt.init && done.exitCode === 0;
  return { ...base, lastState: prev, ...ids, ready, started: false, state: terminated(done) };
}

/** upstream: kubelet_pods.go getPhase */
export function getPhase(s: StatusInput): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  const policy = restartPolicyOf(s.pod);
  const inits = s.containers.filter((c) => c.init);
  const failedInit = inits.some((c) => exited(c.current) && c.current.exitCode !== 0);
  const pendingInit = inits.some((c) => !exited(c.current) || c.current.exitCode !== 0);
  if (failedInit && policy === 'Never') return 'Failed';
  if (pendingInit) return 'Pending';
  const app = s.containers.filter((c) => !c.init);
  const runningN = app.filter((c) => running(c.current)).length;
  const stopped = app.filter((c) => exited(c.current));
  if (app.some((c) => !c.current)) return 'Pending';
  if (runningN > 0) return 'Running';
  const succeeded = stopped.every((c) => c.current?.exitCode === 0);
  if (s.podIsTerminal) return succeeded ? 'Succeeded' : 'Failed';
  if (policy === 'Always') return 'Running';
  if (succeeded) return 'Succeeded';
  return policy === 'Never' ? 'Failed' : 'Running';
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

/** upstream: status/generate.go GeneratePodInitializedCondition, GenerateContainersReadyCondition, GeneratePodReadyCondition */
function conditions(s: StatusInput, statuses: Status[], phase: string): ReturnType<typeof condition>[] {
  const t = s.transitions;
  const names = (f: (st: Status, i: number) => boolean, init: boolean) =>
    `[${s.containers
      .filter((c, i) => c.init === init && f(statuses[i]!, i))
      .map((c) => c.name)
      .join(' ')}]`;
  const incomplete = s.containers.some((c, i) => c.init && !statuses[i]!.ready);
  const initialized =
    phase === 'Succeeded'
      ? condition('Initialized', true, t, 'PodCompleted')
      : incomplete
        ? condition(
            'Initialized',
            false,
            t,
            'ContainersNotInitialized',
            `containers with incomplete status: ${names((st) => !st.ready, true)}`,
          )
        : condition('Initialized', true, t);
  const unready = s.containers.some((c, i) => !c.init && !statuses[i]!.ready);
  const ready = (type: string) =>
    phase === 'Succeeded' || phase === 'Failed'
      ? condition(type, false, t, phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed')
      : unready
        ? condition(
            type,
            false,
            t,
            'ContainersNotReady',
            `containers with unready status: ${names((st) => !st.ready, false)}`,
          )
        : condition(type, true, t);
  const scheduled = (s.pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
  const sandbox = condition('PodReadyToStartContainers', s.sandboxReady && !s.podIsTerminal, t);
  return [
    sandbox,
    initialized,
    ready('Ready'),
    ready('ContainersReady'),
    ...(scheduled ? [scheduled as never] : []),
  ];
}

/** The status the kubelet patches. A finished pod keeps its last phase until the sandbox is stopped (E4). */
export function generatePodStatus(s: StatusInput): Status {
  const hasInit = s.containers.some((c) => c.init);
  const statuses = s.containers.map((c) => containerStatus(c, s, hasInit));
  // A pod the worker has terminated is terminal even if a container never ran. upstream: kubelet_pods.go generateAPIPodStatus
  const raw = getPhase(s);
  const computed = s.podIsTerminal && raw !== 'Succeeded' ? 'Failed' : raw;
  const terminal = computed === 'Succeeded' || computed === 'Failed';
  const phase = terminal && !s.podIsTerminal ? s.lastPhase : computed;
  const init = statuses.filter((_, i) => s.containers[i]!.init);
  return {
    phase,
    conditions: conditions(s, statuses, computed),
    hostIP: s.hostIP,
    hostIPs: [{ ip: s.hostIP }],
    ...(s.podIP ? { podIP: s.podIP, podIPs: [{ ip: s.podIP }] } : {}),
    startTime: rfc3339(s.startTimeMs),
    ...(init.length ? { initContainerStatuses: init } : {}),
    containerStatuses: statuses.filter((_, i) => !s.containers[i]!.init),
    qosClass: s.pod.status?.qosClass,
  };
}

/** Condition values as a comparable signature, to move lastTransitionTime only on change. */
export function conditionSignature(status: Status): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of (status.conditions as { type: string; status: string }[]) ?? []) out[c.type] = c.status;
  return out;
}
