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
  /** Containers with a startup probe: whether it has succeeded (the others are started while running). */
  started?: Readonly<Record<string, boolean>>;
  /** The CRI runtime's name, the containerID scheme (containerd://, cri-o://); containerd when unset. */
  runtimeName?: string;
}

type Status = Record<string, unknown>;
const cid = (i: Instance, runtime = 'containerd') => `${runtime}://${i.containerId}`;

function terminated(i: Instance & { exitCode: number }, runtime?: string) {
  return {
    terminated: {
      exitCode: i.exitCode,
      reason: i.reason ?? (i.exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: rfc3339(i.startedAtMs),
      finishedAt: rfc3339(i.finishedAtMs ?? i.startedAtMs),
      containerID: cid(i, runtime),
    },
  };
}

function containerStatus(rt: ContainerRuntime, s: StatusInput, hasInit: boolean): Status {
  const cur = rt.current;
  const prev = exited(rt.previous) ? terminated(rt.previous, s.runtimeName) : {};
  // Object literals in the order the fields are written (name, image, restartCount first), not spreads:
  // this runs for every container on every status the kubelet generates.
  const { name, image } = rt;
  const cached = s.reasons[name];
  if (!cur) {
    const reason = cached?.reason ?? (hasInit ? 'PodInitializing' : 'ContainerCreating');
    const waiting = { reason, ...(cached?.message ? { message: cached.message } : {}) };
    const state = { waiting };
    return { name, image, restartCount: 0, lastState: {}, imageID: '', ready: false, started: false, state };
  }
  const restartCount = cur.attempt ?? 0;
  const containerID = cid(cur, s.runtimeName);
  const imageID = cur.imageId;
  if (running(cur)) {
    const state = { running: { startedAt: rfc3339(cur.startedAtMs) } };
    // upstream: pkg/kubelet/prober/prober_manager.go UpdatePodStatus — started once the startup probe
    // succeeded (or there is none); ready = started and the readiness result; a regular init container
    // is never ready while it runs, a sidecar is.
    const started = s.started?.[rt.name] ?? true;
    const ready = started && (!rt.init || rt.sidecar === true) && (s.readiness?.[rt.name] ?? true);
    return { name, image, restartCount, lastState: prev, containerID, imageID, ready, started, state };
  }
  const done = cur as Instance & { exitCode: number };
  if (cached && shouldRestart(rt, restartPolicyOf(s.pod))) {
    const state = { waiting: { reason: cached.reason, message: cached.message } };
    const lastState = terminated(done, s.runtimeName);
    return {
      name,
      image,
      restartCount,
      lastState,
      containerID,
      imageID,
      ready: false,
      started: false,
      state,
    };
  }
  const ready = rt.init && !rt.sidecar && done.exitCode === 0;
  const state = terminated(done, s.runtimeName);
  return { name, image, restartCount, lastState: prev, containerID, imageID, ready, started: false, state };
}

/** upstream: kubelet_pods.go getPhase */
export function getPhase(s: StatusInput): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  const policy = restartPolicyOf(s.pod);
  const inits = s.containers.filter((c) => c.init && !c.sidecar);
  const failedInit = inits.some((c) => exited(c.current) && c.current.exitCode !== 0);
  const pendingInit = inits.some((c) => !exited(c.current) || c.current.exitCode !== 0);
  const app = s.containers.filter((c) => !c.init);
  // A sidecar is pending until it has started; an exited one is ignored. upstream: getPhase
  // (pendingRestartableInitContainers, "terminated restartable init containers are ignored")
  const sidecars = s.containers.filter((c) => c.sidecar);
  const pendingSidecar = sidecars.some(
    (c) => c.current === null || (running(c.current) && s.started?.[c.name] === false),
  );
  const initialized = app.some((c) => c.current !== null);
  if (failedInit && policy === 'Never') return 'Failed';
  if (pendingInit || (pendingSidecar && !initialized)) return 'Pending';
  const runningN = [...sidecars, ...app].filter((c) => running(c.current)).length;
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
  const names = (f: (c: ContainerRuntime, st: Status) => boolean) =>
    `[${s.containers
      .filter((c, i) => f(c, statuses[i]!))
      .map((c) => c.name)
      .join(' ')}]`;
  // A regular init container counts once it completed, a sidecar once it has started.
  // upstream: status/generate.go isInitContainerInitialized
  const notInitialized = (c: ContainerRuntime, st: Status) =>
    c.init && (c.sidecar ? st.started !== true : !st.ready);
  const incomplete = s.containers.some((c, i) => notInitialized(c, statuses[i]!));
  const initialized =
    phase === 'Succeeded'
      ? condition('Initialized', true, t, 'PodCompleted')
      : incomplete
        ? condition(
            'Initialized',
            false,
            t,
            'ContainersNotInitialized',
            `containers with incomplete status: ${names(notInitialized)}`,
          )
        : condition('Initialized', true, t);
  // Sidecars count towards ContainersReady, listed first. upstream: status/generate.go GenerateContainersReadyCondition
  const notReady = (c: ContainerRuntime, st: Status) => (!c.init || c.sidecar === true) && !st.ready;
  const unready = s.containers.some((c, i) => notReady(c, statuses[i]!));
  const ready = (type: string) =>
    phase === 'Succeeded' || phase === 'Failed'
      ? condition(type, false, t, phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed')
      : unready
        ? condition(
            type,
            false,
            t,
            'ContainersNotReady',
            `containers with unready status: ${names(notReady)}`,
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
