// containerd's CRI plugin, one RPC at a time, as a sequence of steps: each step reacts to the reply of
// the previous one (kernel, runc) and says what to send next. upstream: containerd internal/cri/server/
// sandbox_run.go, container_create.go, container_start.go, container_stop.go, sandbox_stop.go
import type { CriCall, NamespaceType, SimEvent } from '../../cluster/events';
import { note, type Note } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { conmonId, containerdId, kataShimId, kernelId, runcId } from '../../cluster/systemIds';
import { LATENCY, pullDurationMs } from '../../time/latencies';
import { Random } from '../../time/random';
import { newContainerId } from '../../time/ids';
import { lookupImage, normalizeImage } from '../../k8s/images';
import { pullNotFoundError } from './pullError';
import type { RuncInput } from '../runc/runcMachine';
import type { KataShimInput } from '../kata/kataShimMachine';
import type { ConmonInput } from '../crio/conmonMachine';
import { asPod, podKey } from '../../k8s/pod';
import { namespacesForPod, pauseNamespaces, type NamespaceOption } from '../../node/namespaceOptions';

export interface Job {
  callId: string;
  call: CriCall;
  replyTo: string;
  note: Note;
  step: number;
  data: Record<string, unknown>;
}

export interface Sandbox {
  podKey: string;
  podUid: string;
  netnsPath: string;
  ip: string;
  pauseNamespaces: Partial<Record<NamespaceType, number>>;
  cgroupParent: string;
  /** The pod's CRI NamespaceOption (host*, shareProcessNamespace, hostUsers). */
  namespaceOptions?: NamespaceOption;
  /** The RuntimeClass handler the sandbox runs with: 'kata' for containerd-shim-kata-v2, else runc. */
  handler?: string;
}

export interface ContainerRecord {
  sandboxId: string;
  name: string;
  image: string;
  state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
  exitCode: number | null;
  /** Set by a TaskExit: Completed, Error or OOMKilled. */
  reason?: string;
  /** The image's STOPSIGNAL, and whether PID 1 ignores it (then SIGKILL follows after the timeout). */
  stopSignal?: number;
  ignoresStop?: boolean;
}

import type { SimEnv } from '../../cluster/env';

export interface ContainerdState {
  node: string;
  rng: number;
  sandboxes: Record<string, Sandbox>;
  containers: Record<string, ContainerRecord>;
  /** Image cache: full reference → size, shared with the scheduler's ImageLocality through node status. */
  images: Record<string, number>;
  /** The host, to ask whether a container's process is frozen (SimEnv.isFrozen). */
  env?: SimEnv;
  /** CRI-O serves this node's CRI instead of containerd: pinns, one conmon per container. */
  runtime?: 'cri-o';
  /** This actor's systemId (containerd:<node>, or crio:<node>). */
  self?: string;
}

export const selfOf = (s: ContainerdState): string => s.self ?? containerdId(s.node);

/** A step's result before the job runner decides whether the job is done. */
export type PartialStep = Omit<StepResult, 'done'> & { done?: boolean };

export interface StepResult {
  state: ContainerdState;
  job: Job;
  out: Outgoing[];
  spawn: RuncInput[];
  /** A Kata sandbox: containerd starts containerd-shim-kata-v2 for the pod instead of runc's shim. */
  spawnShim?: KataShimInput[];
  /** CRI-O: the container's conmon, which runs runc create and watches the process. */
  spawnConmon?: ConmonInput[];
  done: boolean;
}

/** Handlers served by the Kata shim (kata, kata-qemu, kata-clh, …); any other runs with runc. */
export const isKataHandler = (h: string | undefined): boolean =>
  h === 'kata' || (h ?? '').startsWith('kata-');

/**
 * The runtimes the node's containerd has configured ([plugins."io.containerd.cri.v1.runtime".containerd.
 * runtimes]): runc, the default, and the Kata handlers. Any other handler fails RunPodSandbox before
 * anything is created; the sandbox id is already generated, so it is in the message.
 * upstream: containerd internal/cri/server/sandbox_run.go RunPodSandbox (`unable to get OCI runtime for
 * sandbox %q: %w`), internal/cri/config/config.go GetSandboxRuntime (`no runtime for %q is configured`);
 * the CRI server hands a plain error back as gRPC code Unknown (errgrpc.ToGRPC).
 */
export function unknownHandlerError(
  s: ContainerdState,
  sandboxId: string,
  handler: string | undefined,
): string | null {
  if (s.runtime === 'cri-o' || !handler || handler === 'runc' || isKataHandler(handler)) return null;
  return `rpc error: code = Unknown desc = unable to get OCI runtime for sandbox ${JSON.stringify(sandboxId)}: no runtime for ${JSON.stringify(handler)} is configured`;
}

/** The Kata shim serving the pod of sandbox or container `id`, or null when runc runs it. */
export function kataShimOf(s: ContainerdState, id: string): string | null {
  const sandboxId = s.sandboxes[id] ? id : s.containers[id]?.sandboxId;
  return sandboxId && isKataHandler(s.sandboxes[sandboxId]?.handler) ? kataShimId(sandboxId) : null;
}

/**
 * A task call for a container: to its runc (through the runc shim), or to the pod's Kata shim, which
 * takes the shim v2 Task API's names (Create, Start, Kill, Delete) and the container's id.
 */
export function toRuntime(
  s: ContainerdState,
  id: string,
  n: Note,
  command: 'create' | 'start' | 'kill' | 'delete',
  label: string,
  signal?: number,
  delay?: number,
  shim: string | null = kataShimOf(s, id),
): Outgoing {
  const o = toRunc(id, n, command, label, signal, delay);
  if (!shim || o.event.type !== 'oci.command') return o;
  const taskLabel = label.replace(/^runc (\w)/, (_m, c: string) => c.toUpperCase());
  return {
    ...o,
    to: shim,
    event: { ...o.event, containerId: id, note: { ...o.event.note, label: taskLabel } },
  };
}

export type Reply = Extract<SimEvent, { type: 'kernel.result' | 'oci.state' | 'oci.error' }> | null;

export const withPhase = (n: Note, activity: number | null, phase: Note['phase']): Note => ({
  ...n,
  activity,
  phase,
});

export function toKernel(
  s: ContainerdState,
  job: Job,
  n: Note,
  call: Extract<SimEvent, { type: 'kernel.call' }>['call'],
  label: string,
  delay = LATENCY.localCall,
): Outgoing {
  return {
    to: kernelId(s.node),
    delay,
    event: {
      type: 'kernel.call',
      note: note(n, 'request', label, { ...call }),
      callId: job.callId,
      call,
      replyTo: selfOf(s),
    },
  };
}

export function toRunc(
  containerId: string,
  n: Note,
  command: 'create' | 'start' | 'kill' | 'delete',
  label: string,
  signal?: number,
  delay: number = LATENCY.localCall,
): Outgoing {
  return {
    to: runcId(containerId),
    delay,
    event: {
      type: 'oci.command',
      note: note(n, 'request', label, { containerId, command }),
      command,
      ...(signal ? { signal } : {}),
    },
  };
}

export function reply(
  job: Job,
  s: ContainerdState,
  ok: boolean,
  result: Record<string, unknown>,
  label: string,
  delay: number = LATENCY.localCall,
): Outgoing {
  return {
    to: job.replyTo,
    delay,
    event: {
      type: 'cri.response',
      note: note(job.note, 'response', label, { method: job.call.method, ok, ...result }),
      callId: job.callId,
      ok,
      result,
    },
  };
}

export const short = (id: string) => id.slice(0, 13);

/**
 * CRI-O creates a container by starting its conmon (which runs `runc create`); runc reports the created
 * container and its exit to conmon. The cgroup is crio-<id>.scope under the pod's slice.
 * upstream: cri-o internal/oci/runtime_oci.go CreateContainer (conmon args: -c, -r, -b, --exit-dir)
 */
export function crioCreate(
  s: ContainerdState,
  runc: RuncInput,
  n: Note,
  name: string,
): Pick<StepResult, 'out' | 'spawn' | 'spawnConmon'> {
  const cid = runc.containerId;
  const monitor = conmonId(s.node, cid);
  const label = `conmon -c ${short(cid)} -r /usr/bin/runc --exit-dir /var/run/crio/exits (${name})`;
  const cgroup = runc.cgroup.replace(/:cri-containerd:/, ':crio:');
  return {
    out: [
      {
        to: monitor,
        delay: LATENCY.localCall,
        event: {
          type: 'conmon.spawn',
          note: note(n, 'request', label, { containerId: cid }),
          containerId: cid,
          name,
        },
      },
    ],
    spawn: [{ ...runc, cgroup, monitor }],
    spawnConmon: [{ node: s.node, containerId: cid, crio: selfOf(s) }],
  };
}

export function runPodSandbox(
  s: ContainerdState,
  job: Job,
  ev: Reply,
): Omit<StepResult, 'done'> & { done?: boolean } {
  const call = job.call as Extract<CriCall, { method: 'RunPodSandbox' }>;
  const net = withPhase(job.note, 13, 'Sandbox');
  const ns = namespacesForPod(asPod(call.pod));
  if (job.step === 0) {
    const rnd = new Random(s.rng);
    const sandboxId = newContainerId(rnd);
    const unknown = unknownHandlerError(s, sandboxId, call.runtimeHandler);
    if (unknown)
      return {
        state: { ...s, rng: rnd.state },
        job,
        out: [
          reply(
            job,
            s,
            false,
            { error: unknown },
            `RunPodSandbox: no runtime for "${call.runtimeHandler ?? ''}"`,
          ),
        ],
        spawn: [],
        done: true,
      };
    // A host-network pod gets no pinned netns and no CNI ADD: the pause container keeps the node's.
    // upstream: containerd internal/cri/server/sandbox_run.go (`if !hostNetwork(config)` around the
    // netns creation and setupPodNetwork)
    if (ns.network === 'NODE') {
      const j = { ...job, step: 2, data: { sandboxId, netnsPath: '', ip: '' } };
      return { ...spawnPause(s, j, ns, null), state: { ...s, rng: rnd.state } };
    }
    const j = { ...job, step: 1, data: { sandboxId } };
    return {
      state: { ...s, rng: rnd.state },
      job: j,
      out: [
        toKernel(
          s,
          j,
          net,
          { op: 'netns.create', sandboxId },
          // CRI-O pins the pod's namespaces with pinns. upstream: cri-o internal/config/nsmgr/nsmgr.go NewPodNamespaces
          s.runtime === 'cri-o'
            ? 'pinns -d /var/run -f <uuid> -i -u -n: pin ipc, uts, net'
            : 'unshare(CLONE_NEWNET); pin netns',
        ),
      ],
      spawn: [],
    };
  }
  const sandboxId = job.data.sandboxId as string;
  const r = ev?.type === 'kernel.result' ? ev.result : {};
  if (job.step === 1) {
    const j = { ...job, step: 2, data: { ...job.data, netnsPath: r.path, netInode: r.inode } };
    const cni = toKernel(
      s,
      j,
      net,
      { op: 'cni.add', sandboxId, podKey: podKey(call.pod), podUid: String(call.pod.metadata.uid) },
      'CNI ADD eth0 (bridge, host-local)',
    );
    return { state: s, job: j, out: [cni], spawn: [] };
  }
  if (job.step === 2)
    return spawnPause(s, { ...job, data: { ...job.data, ip: r.ip } }, ns, job.data.netInode as number);
  if (job.step === 3 && ev?.type === 'oci.state' && ev.status === 'created') {
    const shim = isKataHandler(call.runtimeHandler) ? kataShimId(sandboxId) : null;
    return {
      state: s,
      job: { ...job, step: 4, data: { ...job.data, pauseNs: ev.namespaces ?? {} } },
      out: [
        toRuntime(
          s,
          sandboxId,
          withPhase(job.note, 12, 'Sandbox'),
          'start',
          `runc start ${short(sandboxId)} (pause)`,
          undefined,
          undefined,
          shim,
        ),
      ],
      spawn: [],
    };
  }
  if (job.step === 4 && ev?.type === 'oci.state' && ev.status === 'running') {
    const sb: Sandbox = {
      podKey: podKey(call.pod),
      podUid: String(call.pod.metadata.uid),
      netnsPath: String(job.data.netnsPath),
      ip: String(job.data.ip),
      pauseNamespaces: {
        ...(ns.network === 'NODE' ? {} : { net: job.data.netInode as number }),
        ...pauseNsFrom(job),
      },
      cgroupParent: call.cgroupParent,
      namespaceOptions: ns,
      ...(call.runtimeHandler ? { handler: call.runtimeHandler } : {}),
    };
    const state = { ...s, sandboxes: { ...s.sandboxes, [sandboxId]: sb } };
    return {
      state,
      job,
      out: [
        reply(
          job,
          s,
          true,
          { podSandboxId: sandboxId },
          `RunPodSandbox → ${short(sandboxId)}`,
          LATENCY.sandbox,
        ),
      ],
      spawn: [],
      done: true,
    };
  }
  return { state: s, job, out: [], spawn: [] };
}

/** runc create for the pause container, with the namespaces the pod's NamespaceOption asks for. */
function spawnPause(
  s: ContainerdState,
  job: Job,
  ns: NamespaceOption,
  netInode: number | null,
): Omit<StepResult, 'done'> {
  const call = job.call as Extract<CriCall, { method: 'RunPodSandbox' }>;
  const sandboxId = job.data.sandboxId as string;
  const j: Job = { ...job, step: 3 };
  const runc: RuncInput = {
    node: s.node,
    containerId: sandboxId,
    owner: selfOf(s),
    unshare: pauseNamespaces(ns),
    join: netInode === null ? {} : { net: netInode },
    cgroup: `${call.cgroupParent}:cri-containerd:${sandboxId}`,
    ...(ns.userns ? { idMappings: ns.userns } : {}),
    // /pause exits 0 on SIGINT/SIGTERM. upstream: kubernetes build/pause/linux/pause.c
    behaviour: { exit: null, onStopSignal: 0, summary: '/pause' },
  };
  const pauseNote = withPhase(job.note, 12, 'Sandbox');
  if (isKataHandler(call.runtimeHandler)) {
    // containerd starts containerd-shim-kata-v2 for the pod and hands it the sandbox's bundle: the VM,
    // not runc, will hold the pause container. upstream: kata-containers docs/design/architecture/README.md
    const shim = kataShimId(sandboxId);
    const label = `runc create ${short(sandboxId)} (pause)`;
    const create = toRuntime(s, sandboxId, pauseNote, 'create', label, undefined, undefined, shim);
    const bundle = { name: 'pause', unshare: runc.unshare, join: {}, behaviour: runc.behaviour };
    return {
      state: s,
      job: j,
      out: [{ ...create, event: { ...create.event, bundle } as typeof create.event }],
      spawn: [],
      spawnShim: [{ node: s.node, sandboxId, owner: selfOf(s) }],
    };
  }
  if (s.runtime === 'cri-o') return { state: s, job: j, ...crioCreate(s, runc, pauseNote, 'pause') };
  return {
    state: s,
    job: j,
    out: [toRunc(sandboxId, pauseNote, 'create', `runc create ${short(sandboxId)} (pause)`)],
    spawn: [runc],
  };
}

function pauseNsFrom(job: Job): Partial<Record<NamespaceType, number>> {
  return (job.data.pauseNs as Partial<Record<NamespaceType, number>>) ?? {};
}

export function imageCall(s: ContainerdState, job: Job): StepResult {
  const call = job.call as Extract<CriCall, { method: 'ImageStatus' | 'PullImage' }>;
  const ref = normalizeImage(call.image);
  if (call.method === 'ImageStatus') {
    const size = s.images[ref];
    const label = size !== undefined ? `ImageStatus: ${ref} present` : `ImageStatus: ${ref} not found`;
    return {
      state: s,
      job,
      out: [reply(job, s, true, { image: size !== undefined ? { ref, size } : null }, label)],
      spawn: [],
      done: true,
    };
  }
  const info = lookupImage(call.image);
  if (!info) {
    // The runtime's error for a tag the registry does not have (pullError.ts).
    const error = pullNotFoundError(ref, s.runtime);
    return {
      state: s,
      job,
      out: [reply(job, s, false, { error }, 'PullImage: not found', LATENCY.localCall * 500)],
      spawn: [],
      done: true,
    };
  }
  const ms = pullDurationMs(info.sizeBytes);
  const state = { ...s, images: { ...s.images, [ref]: info.sizeBytes } };
  const label = `PullImage: ${ref} (${info.sizeBytes} bytes)`;
  return {
    state,
    job,
    out: [
      reply(
        job,
        s,
        true,
        { imageRef: `${ref.replace(/:[^:/]+$/, '')}@${info.digest}`, size: info.sizeBytes, durationMs: ms },
        label,
        ms,
      ),
    ],
    spawn: [],
    done: true,
  };
}
