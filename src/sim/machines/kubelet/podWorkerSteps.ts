// The pod worker's steps as pure functions: (context, event) → next context and messages. Each names
// the upstream code whose behaviour it reproduces.
import type { SimEvent } from '../../cluster/events';
import type { Cause } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import type { Phase } from '../../trace/types';
import type { KubeObject } from '../../scenario';
import { asPod, qosClass, type Pod } from '../../k8s/pod';
import { lookupImage, normalizeImage } from '../../k8s/images';
import { goDuration } from '../../k8s/duration';
import type { PodWorkerInput } from './podWorkerMachine';
import { cri, deleteObject, kernel, patchStatus, postEvent, type WorkerIds } from './podWorkerIO';
import { conditionSignature, generatePodStatus, type ContainerView } from './podStatus';

export interface PodWorkerContext {
  env: PodWorkerInput['env'];
  node: string;
  hostIP: string;
  pod: KubeObject;
  uid: string;
  seq: number;
  cgroupParent: string;
  sandboxId: string | null;
  podIP: string | null;
  containers: ContainerView[];
  containerIds: string[];
  imageIds: string[];
  index: number;
  pullStartMs: number;
  transitions: Record<string, number>;
  lastSig: Record<string, string>;
  startTimeMs: number;
  deleting: boolean;
  sandboxStopped: boolean;
  awaiting: number;
}

type Step = { ctx: PodWorkerContext; out: Outgoing[] };
type Ev = SimEvent;

const podOf = (c: PodWorkerContext): Pod => asPod(c.pod);
const specContainers = (c: PodWorkerContext) => podOf(c).spec?.containers ?? [];
const keyOf = (c: PodWorkerContext) =>
  `${c.pod.metadata.namespace ?? 'default'}/${c.pod.metadata.name ?? ''}`;
const cause = (c: PodWorkerContext, activity: number, phase: Phase): Cause => ({
  activity,
  phase,
  pod: keyOf(c),
});
/** Identity for requests; `offset` keeps ids unique when a step sends several messages. */
function ids(c: PodWorkerContext, offset = 0): WorkerIds {
  return {
    node: c.node,
    uid: c.uid,
    namespace: c.pod.metadata.namespace ?? 'default',
    name: c.pod.metadata.name ?? '',
    seq: c.seq + offset,
  };
}

/** The systemd cgroup slice of the pod. upstream: pkg/kubelet/cm/cgroup_manager_linux.go (systemd driver) */
export function podCgroup(pod: Pod, uid: string): string {
  const qos = qosClass(pod);
  const u = uid.replace(/-/g, '_');
  return qos === 'Guaranteed' ? `kubepods-pod${u}.slice` : `kubepods-${qos.toLowerCase()}-pod${u}.slice`;
}

function status(
  c: PodWorkerContext,
  terminal: 'Succeeded' | 'Failed' | null = null,
): { ctx: PodWorkerContext; status: Record<string, unknown> } {
  const now = c.env.now();
  const draft = {
    pod: podOf(c),
    hostIP: c.hostIP,
    startTimeMs: c.startTimeMs,
    podIP: c.podIP,
    sandboxReady: c.sandboxId !== null && c.podIP !== null && !c.sandboxStopped,
    containers: c.containers,
    terminal,
  };
  const sig = conditionSignature(generatePodStatus({ ...draft, transitions: c.transitions }));
  const transitions = { ...c.transitions };
  for (const [type, value] of Object.entries(sig)) if (c.lastSig[type] !== value) transitions[type] = now;
  return { ctx: { ...c, transitions, lastSig: sig }, status: generatePodStatus({ ...draft, transitions }) };
}

function patch(
  c: PodWorkerContext,
  cz: Cause,
  summary: string,
  terminal: 'Succeeded' | 'Failed' | null = null,
  offset = 0,
): Step {
  const s = status(c, terminal);
  return { ctx: s.ctx, out: [patchStatus(ids(c, offset), cz, s.status, summary)] };
}

function event(
  c: PodWorkerContext,
  cz: Cause,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  container: string | undefined,
  offset: number,
): Outgoing {
  return postEvent(ids(c, offset), c.pod, cz, type, reason, message, c.env.now(), container);
}

function setContainer(c: PodWorkerContext, i: number, view: ContainerView): PodWorkerContext {
  const containers = [...c.containers];
  containers[i] = view;
  return { ...c, containers };
}

function imageStatus(c: PodWorkerContext, offset = 0): Outgoing {
  const image = specContainers(c)[c.index]?.image ?? '';
  return cri(ids(c, offset), cause(c, 12, 'Pull'), { method: 'ImageStatus', image }, `ImageStatus ${image}`);
}

function createContainer(c: PodWorkerContext, offset: number): Outgoing {
  const spec = specContainers(c)[c.index];
  return cri(
    ids(c, offset),
    cause(c, 12, 'Start'),
    {
      method: 'CreateContainer',
      sandboxId: c.sandboxId ?? '',
      pod: c.pod,
      container: spec?.name ?? '',
      image: normalizeImage(spec?.image ?? ''),
    },
    `CreateContainer ${spec?.name ?? ''}`,
  );
}

const current = (c: PodWorkerContext) => specContainers(c)[c.index];
const resultOf = (e: Ev): Record<string, unknown> => (e.type === 'cri.response' ? e.result : {});
/** A string field of a CRI reply ('' when absent). */
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const steps = {
  initial(input: PodWorkerInput): PodWorkerContext {
    const pod = asPod(input.pod);
    const uid = String(input.pod.metadata.uid ?? '');
    return {
      env: input.env,
      node: input.node,
      hostIP: input.hostIP,
      pod: input.pod,
      uid,
      seq: 1,
      cgroupParent: podCgroup(pod, uid),
      sandboxId: null,
      podIP: null,
      containers: (pod.spec?.containers ?? []).map((sc) => ({
        name: sc.name,
        image: normalizeImage(sc.image ?? ''),
        state: 'waiting',
        reason: 'ContainerCreating',
      })),
      containerIds: [],
      imageIds: [],
      index: 0,
      pullStartMs: 0,
      transitions: {},
      lastSig: {},
      startTimeMs: input.env.now(),
      deleting: Boolean(input.pod.metadata.deletionTimestamp),
      sandboxStopped: false,
      awaiting: 0,
    };
  },
  /** upstream: pkg/kubelet/kubelet.go SyncPod — status first, then the pod's cgroup. */
  startSync(c: PodWorkerContext): Step {
    const p = patch(c, cause(c, 12, 'Sandbox'), 'Pending, ContainerCreating');
    const cg = kernel(
      ids(c, 1),
      cause(c, 12, 'Sandbox'),
      { op: 'cgroup.create', path: c.cgroupParent },
      `create cgroup ${c.cgroupParent}`,
    );
    return { ctx: p.ctx, out: [...p.out, cg] };
  },
  runSandbox(c: PodWorkerContext): Step {
    return {
      ctx: c,
      out: [
        cri(
          ids(c),
          cause(c, 12, 'Sandbox'),
          { method: 'RunPodSandbox', pod: c.pod, cgroupParent: c.cgroupParent },
          'RunPodSandbox',
        ),
      ],
    };
  },
  sandboxStatus(c: PodWorkerContext, e: Ev): Step {
    const sandboxId = str(resultOf(e).podSandboxId);
    return {
      ctx: { ...c, sandboxId },
      out: [
        cri(ids(c), cause(c, 12, 'Sandbox'), { method: 'PodSandboxStatus', sandboxId }, 'PodSandboxStatus'),
      ],
    };
  },
  sandboxReady(c: PodWorkerContext, e: Ev): Step {
    const withIp = { ...c, podIP: str(resultOf(e).ip) || null };
    const p = patch(
      withIp,
      cause(c, 12, 'Sandbox'),
      `podIP ${withIp.podIP ?? ''}, PodReadyToStartContainers=True`,
    );
    return { ctx: p.ctx, out: [...p.out, imageStatus(p.ctx, 1)] };
  },
  /** upstream: pkg/kubelet/images/image_manager.go EnsureImageExists (image already present, v1.35+ text) */
  imagePresent(c: PodWorkerContext): Step {
    const spec = current(c)!;
    const info = lookupImage(spec.image ?? '');
    const imageIds = [...c.imageIds];
    imageIds[c.index] = info
      ? `${normalizeImage(spec.image ?? '').replace(/:[^:/]+$/, '')}@${info.digest}`
      : '';
    const msg = `Container image "${spec.image ?? ''}" already present on machine and can be accessed by the pod`;
    const next = { ...c, imageIds };
    return {
      ctx: next,
      out: [
        event(next, cause(c, 12, 'Pull'), 'Normal', 'Pulled', msg, spec.name, 0),
        createContainer(next, 1),
      ],
    };
  },
  pull(c: PodWorkerContext): Step {
    const spec = current(c)!;
    const out = [
      event(
        c,
        cause(c, 12, 'Pull'),
        'Normal',
        'Pulling',
        `Pulling image "${spec.image ?? ''}"`,
        spec.name,
        0,
      ),
      cri(
        ids(c, 1),
        cause(c, 12, 'Pull'),
        { method: 'PullImage', image: spec.image ?? '' },
        `PullImage ${spec.image ?? ''}`,
      ),
    ];
    return { ctx: { ...c, pullStartMs: c.env.now() }, out };
  },
  pulled(c: PodWorkerContext, e: Ev): Step {
    const spec = current(c)!;
    const r = resultOf(e);
    const d = goDuration(c.env.now() - c.pullStartMs);
    const msg = `Successfully pulled image "${spec.image ?? ''}" in ${d} (${d} including waiting). Image size: ${String(r.size)} bytes.`;
    const imageIds = [...c.imageIds];
    imageIds[c.index] = str(r.imageRef);
    const next = { ...c, imageIds };
    return {
      ctx: next,
      out: [
        event(next, cause(c, 12, 'Pull'), 'Normal', 'Pulled', msg, spec.name, 0),
        createContainer(next, 1),
      ],
    };
  },
  pullFailed(c: PodWorkerContext, e: Ev): Step {
    const spec = current(c)!;
    const err = str(resultOf(e).error);
    const withState = setContainer(c, c.index, {
      name: spec.name,
      image: normalizeImage(spec.image ?? ''),
      state: 'waiting',
      reason: 'ErrImagePull',
      message: err,
    });
    const cz = cause(c, 12, 'Pull');
    const p = patch(withState, cz, 'ErrImagePull', null, 2);
    return {
      ctx: p.ctx,
      out: [
        event(c, cz, 'Warning', 'Failed', `Failed to pull image "${spec.image ?? ''}": ${err}`, spec.name, 0),
        event(c, cz, 'Warning', 'Failed', 'Error: ErrImagePull', spec.name, 1),
        ...p.out,
      ],
    };
  },
  created(c: PodWorkerContext, e: Ev): Step {
    const spec = current(c)!;
    const containerIds = [...c.containerIds];
    containerIds[c.index] = str(resultOf(e).containerId);
    const next = { ...c, containerIds };
    const start = cri(
      ids(c, 1),
      cause(c, 12, 'Start'),
      { method: 'StartContainer', containerId: containerIds[c.index]! },
      `StartContainer ${spec.name}`,
    );
    return {
      ctx: next,
      out: [event(c, cause(c, 12, 'Start'), 'Normal', 'Created', 'Container created', spec.name, 0), start],
    };
  },
  started(c: PodWorkerContext): Step {
    const spec = current(c)!;
    const view: ContainerView = {
      name: spec.name,
      image: normalizeImage(spec.image ?? ''),
      state: 'running',
      startedAtMs: c.env.now(),
      containerId: c.containerIds[c.index] ?? '',
      imageId: c.imageIds[c.index] ?? '',
    };
    const next = setContainer(c, c.index, view);
    return {
      ctx: next,
      out: [event(c, cause(c, 12, 'Start'), 'Normal', 'Started', 'Container started', spec.name, 0)],
    };
  },
  startedNext(c: PodWorkerContext): Step {
    const s = steps.started(c);
    const next = { ...s.ctx, index: c.index + 1 };
    return { ctx: next, out: [...s.out, imageStatus(next, 1)] };
  },
  /** PLEG's relist sees the containers running. upstream: pkg/kubelet/pleg/generic.go relist */
  relist(c: PodWorkerContext): Step {
    const out = c.containerIds.map((id, i) =>
      cri(
        ids(c, i),
        cause(c, 12, 'Start'),
        { method: 'ContainerStatus', containerId: id },
        'ContainerStatus (PLEG relist)',
      ),
    );
    return { ctx: { ...c, awaiting: out.length }, out };
  },
  countDown(c: PodWorkerContext): Step {
    return { ctx: { ...c, awaiting: c.awaiting - 1 }, out: [] };
  },
  reportRunning(c: PodWorkerContext): Step {
    return patch(c, cause(c, 14, 'Running'), 'Running, Ready=True');
  },
  /** upstream: pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer (min grace 2s) */
  kill(c: PodWorkerContext): Step {
    const grace = Math.max(
      2,
      Number(c.pod.metadata.deletionGracePeriodSeconds ?? podOf(c).spec?.terminationGracePeriodSeconds ?? 30),
    );
    const cz = cause(c, 15, 'Delete');
    const out = specContainers(c).flatMap((sc, i) => [
      event(c, cz, 'Normal', 'Killing', `Stopping container ${sc.name}`, sc.name, 2 * i),
      cri(
        ids(c, 2 * i + 1),
        cz,
        { method: 'StopContainer', containerId: c.containerIds[i] ?? '', timeout: grace },
        `StopContainer ${sc.name} (timeout ${grace}s)`,
      ),
    ]);
    return { ctx: { ...c, awaiting: specContainers(c).length }, out };
  },
  containerStopped(c: PodWorkerContext, e: Ev): Step {
    return { ctx: recordExit(c, e), out: [] };
  },
  stopSandbox(c: PodWorkerContext, e: Ev): Step {
    const next = recordExit(c, e);
    const call = { method: 'StopPodSandbox' as const, sandboxId: c.sandboxId ?? '' };
    return {
      ctx: next,
      out: c.sandboxId ? [cri(ids(c), cause(c, 15, 'Delete'), call, 'StopPodSandbox')] : [],
    };
  },
  /** upstream: pkg/kubelet/kubelet_pods.go getPhase — terminal: Succeeded when every container exited 0 */
  reportTerminal(c: PodWorkerContext): Step {
    const failed = c.containers.some((v) => v.state !== 'terminated' || v.exitCode !== 0);
    return patch(
      { ...c, sandboxStopped: true },
      cause(c, 15, 'Delete'),
      failed ? 'Failed' : 'Succeeded',
      failed ? 'Failed' : 'Succeeded',
    );
  },
  deleteObject(c: PodWorkerContext): Step {
    return { ctx: c, out: [deleteObject(ids(c), cause(c, 15, 'Delete'))] };
  },
  /** Container GC, a minute later. upstream: pkg/kubelet/kuberuntime/kuberuntime_gc.go */
  removeContainers(c: PodWorkerContext): Step {
    const out = c.containerIds.map((id, i) =>
      cri(
        ids(c, i),
        cause(c, 15, 'Delete'),
        { method: 'RemoveContainer', containerId: id },
        'RemoveContainer (GC)',
      ),
    );
    return { ctx: { ...c, awaiting: out.length }, out };
  },
  removeSandbox(c: PodWorkerContext): Step {
    return {
      ctx: c,
      out: [
        cri(
          ids(c),
          cause(c, 15, 'Delete'),
          { method: 'RemovePodSandbox', sandboxId: c.sandboxId ?? '' },
          'RemovePodSandbox (GC)',
        ),
      ],
    };
  },
};

function recordExit(c: PodWorkerContext, e: Ev): PodWorkerContext {
  if (e.type !== 'cri.response' || e.result.exitCode === undefined) return { ...c, awaiting: c.awaiting - 1 };
  const i = c.containerIds.indexOf(str(e.result.containerId));
  const v = c.containers[i];
  if (!v || v.state !== 'running') return { ...c, awaiting: c.awaiting - 1 };
  const code = Number(e.result.exitCode);
  const view: ContainerView = {
    ...v,
    state: 'terminated',
    reason: code === 0 ? 'Completed' : 'Error',
    exitCode: code,
    finishedAtMs: c.env.now(),
  };
  return { ...setContainer(c, i, view), awaiting: c.awaiting - 1 };
}

export type StepName = Exclude<keyof typeof steps, 'initial'>;
