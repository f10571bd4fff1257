// The container half of containerd's CRI: create, start, status, stop, remove; and stopping the sandbox.
// upstream: containerd internal/cri/server/container_create.go, container_start.go, container_stop.go,
// sandbox_stop.go; internal/cri/opts/spec_opts.go WithPodNamespaces
import type { CriCall } from '../../cluster/events';
import { LATENCY } from '../../time/latencies';
import { Random } from '../../time/random';
import { newContainerId } from '../../time/ids';
import { signalName, type RuncInput } from '../runc/runcMachine';
import { behaviourOf } from '../../node/behaviour';
import { containerNamespaces, namespacesForPod } from '../../node/namespaceOptions';
import { lookupImage } from '../../k8s/images';
import { allContainers, asPod } from '../../k8s/pod';
import {
  kataShimOf,
  crioCreate,
  reply,
  selfOf,
  short,
  toKernel,
  toRunc,
  toRuntime,
  withPhase,
  type ContainerdState,
  type Job,
  type Reply,
  type PartialStep,
} from './criJobs';

const wait = (s: ContainerdState, job: Job): PartialStep => ({ state: s, job, out: [], spawn: [] });

export function createContainer(s: ContainerdState, job: Job, ev: Reply): PartialStep {
  const call = job.call as Extract<CriCall, { method: 'CreateContainer' }>;
  const sb = s.sandboxes[call.sandboxId];
  if (job.step === 0 && sb) {
    const rnd = new Random(s.rng);
    const cid = newContainerId(rnd);
    const spec = allContainers(asPod(call.pod)).find((c) => c.name === call.container);
    const behaviour = behaviourOf(spec ?? { name: call.container, image: call.image });
    // App containers join the pause container's net, ipc and uts namespaces and get their own mnt, pid
    // and cgroup namespaces (pid is the pause container's with shareProcessNamespace or hostPID; user
    // is the pod's with hostUsers: false). upstream: spec_opts.go WithPodNamespaces
    const nsOpt = sb.namespaceOptions ?? namespacesForPod(asPod(call.pod));
    const { unshare, join } = containerNamespaces(nsOpt, sb.pauseNamespaces);
    const runc: RuncInput = {
      node: s.node,
      containerId: cid,
      owner: selfOf(s),
      unshare,
      join,
      cgroup: `${sb.cgroupParent}:cri-containerd:${cid}`,
      ...(nsOpt.userns ? { idMappings: nsOpt.userns } : {}),
      behaviour,
    };
    const state = {
      ...s,
      rng: rnd.state,
      containers: {
        ...s.containers,
        [cid]: {
          sandboxId: call.sandboxId,
          name: call.container,
          image: call.image,
          state: 'CONTAINER_CREATED' as const,
          exitCode: null,
          stopSignal: lookupImage(call.image)?.stopSignal ?? 15,
          ignoresStop: behaviour.onStopSignal === null,
        },
      },
    };
    const j = { ...job, step: 1, data: { containerId: cid } };
    const label = `runc create ${short(cid)} (${call.container})`;
    const shim = kataShimOf(s, call.sandboxId);
    if (shim) {
      // The pod's Kata shim creates the container inside the VM (through kata-agent); no runc on the host.
      const create = toRuntime(s, cid, job.note, 'create', label, undefined, undefined, shim);
      const bundle = { name: call.container, unshare, join, behaviour };
      const out = [{ ...create, event: { ...create.event, bundle } as typeof create.event }];
      return { state, job: j, out, spawn: [] };
    }
    if (s.runtime === 'cri-o') return { state, job: j, ...crioCreate(s, runc, job.note, call.container) };
    return { state, job: j, out: [toRunc(cid, job.note, 'create', label)], spawn: [runc] };
  }
  if (job.step === 1 && ev?.type === 'oci.state' && ev.status === 'created') {
    const cid = String(job.data.containerId);
    return {
      state: s,
      job,
      out: [reply(job, s, true, { containerId: cid }, `CreateContainer → ${short(cid)}`)],
      spawn: [],
      done: true,
    };
  }
  if (!sb)
    return {
      state: s,
      job,
      out: [
        reply(
          job,
          s,
          false,
          { error: `sandbox ${call.sandboxId} not found` },
          'CreateContainer: sandbox not found',
        ),
      ],
      spawn: [],
      done: true,
    };
  return wait(s, job);
}

function setState(
  s: ContainerdState,
  cid: string,
  state: 'CONTAINER_RUNNING' | 'CONTAINER_EXITED',
  exitCode: number | null,
): ContainerdState {
  const c = s.containers[cid];
  // A task that already exited (TaskExit came first) stays exited.
  if (!c || c.state === 'CONTAINER_EXITED') return s;
  return { ...s, containers: { ...s.containers, [cid]: { ...c, state, exitCode } } };
}

/** containerd's reason for an exit. upstream: containerd internal/cri/server/helpers.go (completeExitReason, errorExitReason, oomExitReason) */
export function exitReason(exitCode: number, oom: boolean): string {
  if (oom) return 'OOMKilled';
  return exitCode === 0 ? 'Completed' : 'Error';
}

/** TaskExit: the container record becomes CONTAINER_EXITED with its reason. upstream: containerd internal/cri/server/events.go handleContainerExit */
export function taskExit(s: ContainerdState, cid: string, exitCode: number, oom: boolean): ContainerdState {
  const c = s.containers[cid];
  if (!c) return s;
  const record = { ...c, state: 'CONTAINER_EXITED' as const, exitCode, reason: exitReason(exitCode, oom) };
  return { ...s, containers: { ...s.containers, [cid]: record } };
}

export function startContainer(s: ContainerdState, job: Job, ev: Reply): PartialStep {
  const cid = (job.call as { containerId: string }).containerId;
  if (job.step === 0)
    return {
      state: s,
      job: { ...job, step: 1 },
      out: [toRuntime(s, cid, job.note, 'start', `runc start ${short(cid)}`)],
      spawn: [],
    };
  if (ev?.type === 'oci.state' && ev.status === 'running')
    return {
      state: setState(s, cid, 'CONTAINER_RUNNING', null),
      job,
      out: [reply(job, s, true, {}, 'StartContainer: ok')],
      spawn: [],
      done: true,
    };
  return wait(s, job);
}

export function stopContainer(s: ContainerdState, job: Job, ev: Reply): PartialStep {
  const call = job.call as Extract<CriCall, { method: 'StopContainer' }>;
  const cid = call.containerId;
  // The stop signal is the image's STOPSIGNAL or SIGTERM; SIGKILL follows after `timeout` seconds when
  // the process is still alive. upstream: containerd internal/cri/server/container_stop.go stopContainer
  if (job.step === 0 && s.containers[cid]?.state === 'CONTAINER_EXITED') {
    const code = s.containers[cid]?.exitCode ?? 0;
    const result = { exitCode: code, containerId: cid };
    return {
      state: s,
      job,
      out: [reply(job, s, true, result, `StopContainer: already exited ${code}`)],
      spawn: [],
      done: true,
    };
  }
  if (job.step === 0) {
    const c = s.containers[cid];
    const sig = c?.stopSignal ?? 15;
    const out = [toRuntime(s, cid, job.note, 'kill', `runc kill ${short(cid)} ${signalName(sig)}`, sig)];
    // A frozen process (runc pause by hand) cannot act on the stop signal either: SIGKILL at the timeout.
    if (c?.ignoresStop || s.env?.isFrozen?.(s.node, cid)) {
      const label = `runc kill ${short(cid)} SIGKILL (timeout ${call.timeout}s)`;
      out.push(toRuntime(s, cid, job.note, 'kill', label, 9, Math.max(0, call.timeout) * 1000));
    }
    return { state: s, job: { ...job, step: 1 }, out, spawn: [] };
  }
  if (ev?.type === 'oci.state' && ev.status === 'stopped') {
    const code = ev.exitCode ?? 0;
    return {
      state: taskExit(s, cid, code, false),
      job,
      out: [reply(job, s, true, { exitCode: code, containerId: cid }, `StopContainer: exited ${code}`)],
      spawn: [],
      done: true,
    };
  }
  return wait(s, job);
}

export function stopPodSandbox(s: ContainerdState, job: Job, ev: Reply): PartialStep {
  const sandboxId = (job.call as { sandboxId: string }).sandboxId;
  const net = withPhase(job.note, 15, 'Delete');
  if (job.step === 0)
    return {
      state: s,
      job: { ...job, step: 1 },
      out: [toRuntime(s, sandboxId, job.note, 'kill', `runc kill ${short(sandboxId)} SIGKILL (pause)`, 9)],
      spawn: [],
    };
  // No pod network to tear down for a host-network sandbox. upstream: containerd internal/cri/server/
  // sandbox_stop.go stopPodSandbox (teardown only `if sandbox.NetNS != nil`)
  const hostNet = s.sandboxes[sandboxId]?.namespaceOptions?.network === 'NODE';
  if (job.step === 1 && ev?.type === 'oci.state' && ev.status === 'stopped' && hostNet)
    return { state: s, job, out: [reply(job, s, true, {}, 'StopPodSandbox: ok')], spawn: [], done: true };
  if (job.step === 1 && ev?.type === 'oci.state' && ev.status === 'stopped')
    return {
      state: s,
      job: { ...job, step: 2 },
      out: [toKernel(s, job, net, { op: 'cni.del', sandboxId }, 'CNI DEL eth0')],
      spawn: [],
    };
  if (job.step === 2 && ev?.type === 'kernel.result')
    return {
      state: s,
      job: { ...job, step: 3 },
      out: [toKernel(s, job, net, { op: 'netns.delete', sandboxId }, 'unmount and remove netns')],
      spawn: [],
    };
  if (job.step === 3 && ev?.type === 'kernel.result')
    return { state: s, job, out: [reply(job, s, true, {}, 'StopPodSandbox: ok')], spawn: [], done: true };
  return wait(s, job);
}

export function removeObject(s: ContainerdState, job: Job, ev: Reply): PartialStep {
  const id =
    job.call.method === 'RemoveContainer'
      ? job.call.containerId
      : (job.call as { sandboxId: string }).sandboxId;
  if (job.step === 0)
    return {
      state: s,
      job: { ...job, step: 1 },
      out: [toRuntime(s, id, job.note, 'delete', `runc delete ${short(id)}`)],
      spawn: [],
    };
  if (ev?.type === 'oci.state' && ev.status === 'deleted') {
    const containers = { ...s.containers };
    const sandboxes = { ...s.sandboxes };
    delete containers[id];
    delete sandboxes[id];
    return {
      state: { ...s, containers, sandboxes },
      job,
      out: [reply(job, s, true, {}, `${job.call.method}: ok`)],
      spawn: [],
      done: true,
    };
  }
  return wait(s, job);
}

export function statusCall(s: ContainerdState, job: Job): PartialStep {
  if (job.call.method === 'PodSandboxStatus') {
    const sb = s.sandboxes[job.call.sandboxId];
    const ip = sb?.ip ?? '';
    return {
      state: s,
      job,
      out: [
        reply(job, s, Boolean(sb), { state: 'SANDBOX_READY', ip }, `PodSandboxStatus: SANDBOX_READY, ${ip}`),
      ],
      spawn: [],
      done: true,
    };
  }
  const cid = (job.call as { containerId: string }).containerId;
  const c = s.containers[cid];
  const st = c?.state ?? 'CONTAINER_UNKNOWN';
  return {
    state: s,
    job,
    out: [
      reply(
        job,
        s,
        Boolean(c),
        { state: st, exitCode: c?.exitCode ?? null, reason: c?.reason ?? null, containerId: cid },
        `ContainerStatus: ${st}`,
        LATENCY.localCall,
      ),
    ],
    spawn: [],
    done: true,
  };
}
