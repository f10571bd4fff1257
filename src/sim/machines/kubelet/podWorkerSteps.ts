// The pod worker's steps as pure functions: (context, event) → next context and messages. Each names
// the upstream code whose behaviour it reproduces. The sync itself is in podSync.ts, a container's start
// in podImageSteps.ts.
import { asPod, qosClass, type Pod } from '../../k8s/pod';
import { normalizeImage } from '../../k8s/images';
import { seedFor } from '../../time/random';
import { LATENCY } from '../../time/latencies';
import { emptyCorrelator } from '../../node/eventCorrelator';
import type { PodWorkerInput } from './podWorkerMachine';
import { cri, deleteObject, kernel } from './podWorkerIO';
import { cause, chain, ids, patch, type Ev, type PodWorkerContext, type Step } from './podWorkerContext';
import { running, type ContainerRuntime } from './containerRuntime';
import { beginSync, decide, endSync, skipBackoff, skipInvalid, startNext } from './podSync';
import * as image from './podImageSteps';
import { killUnhealthy, probeTick } from './podProbes';
import * as termination from './podTermination';
import { sandboxFailed } from './podSandboxFailure';

export type { PodWorkerContext };

const resultOf = (e: Ev): Record<string, unknown> => (e.type === 'cri.response' ? e.result : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The systemd cgroup slice of the pod. upstream: pkg/kubelet/cm/cgroup_manager_linux.go (systemd driver) */
export function podCgroup(pod: Pod, uid: string): string {
  const qos = qosClass(pod);
  const u = uid.replace(/-/g, '_');
  return qos === 'Guaranteed' ? `kubepods-pod${u}.slice` : `kubepods-${qos.toLowerCase()}-pod${u}.slice`;
}

function runtimeOf(pod: Pod): ContainerRuntime[] {
  const of = (init: boolean) => (c: { name: string; image?: string; restartPolicy?: string }) => ({
    name: c.name,
    image: normalizeImage(c.image ?? ''),
    init,
    ...(init && c.restartPolicy === 'Always' ? { sidecar: true } : {}),
    current: null,
    previous: null,
  });
  return [...(pod.spec?.initContainers ?? []).map(of(true)), ...(pod.spec?.containers ?? []).map(of(false))];
}

/** A container's state as a CRI reply reports it: exited with code and reason, or still running. */
function recordStatus(c: PodWorkerContext, e: Ev): PodWorkerContext {
  const r = resultOf(e);
  const i = c.runtime.findIndex((rt) => rt.current?.containerId === str(r.containerId));
  const rt = c.runtime[i];
  if (!rt?.current || !running(rt.current) || r.exitCode === null || r.exitCode === undefined) return c;
  if (r.state !== undefined && r.state !== 'CONTAINER_EXITED') return c;
  const code = Number(r.exitCode);
  const current = {
    ...rt.current,
    exitCode: code,
    finishedAtMs: c.exitedAt[rt.current.containerId] ?? c.env.now(),
    reason: str(r.reason) || (code === 0 ? 'Completed' : 'Error'),
  };
  const runtime = [...c.runtime];
  runtime[i] = { ...rt, current };
  return { ...c, runtime };
}

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
      runtime: runtimeOf(pod),
      index: 0,
      todo: [],
      finished: false,
      reasons: {},
      syncError: { backoffAtMs: null, other: false },
      crashBackoff: {},
      imageBackoff: {},
      pullErrors: {},
      correlator: emptyCorrelator(),
      rng: seedFor(0, uid),
      resyncMs: null,
      changed: [],
      exitedAt: {},
      imageRef: '',
      newContainerId: '',
      pullStartMs: 0,
      transitions: {},
      lastSig: {},
      lastStatus: '',
      lastPhase: pod.status?.phase ?? 'Pending',
      startTimeMs: input.env.now(),
      deleting: Boolean(input.pod.metadata.deletionTimestamp),
      sandboxStopped: false,
      awaiting: 0,
      probes: {},
      unhealthy: null,
    };
  },
  /** upstream: pkg/kubelet/kubelet.go SyncPod — status first, then the pod's cgroup. */
  startSync(c: PodWorkerContext): Step {
    const p = patch(c, cause(c, 12, 'Sandbox'), (s) => `Pending, ${waitingReason(s)}`, 0, true);
    const call = { op: 'cgroup.create' as const, path: c.cgroupParent };
    const cg = kernel(ids(c, 1), cause(c, 12, 'Sandbox'), call, `create cgroup ${c.cgroupParent}`);
    return { ctx: p.ctx, out: [...p.out, cg] };
  },
  runSandbox(c: PodWorkerContext): Step {
    // The RuntimeClass's handler goes with the request. upstream: pkg/kubelet/kuberuntime/
    // kuberuntime_sandbox.go createPodSandbox (runtimeHandler from LookupRuntimeHandler)
    const handler = c.env.runtimeHandler?.(asPod(c.pod).spec?.runtimeClassName) ?? '';
    const call = {
      method: 'RunPodSandbox' as const,
      pod: c.pod,
      cgroupParent: c.cgroupParent,
      ...(handler ? { runtimeHandler: handler } : {}),
    };
    const label = handler ? `RunPodSandbox (runtime handler ${handler})` : 'RunPodSandbox';
    return { ctx: c, out: [cri(ids(c), cause(c, 12, 'Sandbox'), call, label)] };
  },
  sandboxFailed,
  sandboxStatus(c: PodWorkerContext, e: Ev): Step {
    const sandboxId = str(resultOf(e).podSandboxId);
    const call = { method: 'PodSandboxStatus' as const, sandboxId };
    return {
      ctx: { ...c, sandboxId },
      out: [cri(ids(c), cause(c, 12, 'Sandbox'), call, 'PodSandboxStatus')],
    };
  },
  sandboxReady(c: PodWorkerContext, e: Ev): Step {
    // containerd reports no IP for a host-network sandbox; the pod takes the node's IPs.
    // upstream: containerd internal/cri/server/sandbox_status.go getIPs (NamespaceMode_NODE → "");
    // pkg/kubelet/kubelet_pods.go generateAPIPodStatus ("HostNetwork Pods inherit the node IPs as PodIPs")
    const hostNet = asPod(c.pod).spec?.hostNetwork === true;
    const withIp = { ...c, podIP: hostNet ? c.hostIP : str(resultOf(e).ip) || null };
    const label = `podIP ${withIp.podIP ?? ''}, PodReadyToStartContainers=True`;
    return chain(withIp, (x) => patch(x, cause(c, 12, 'Sandbox'), label), beginSync);
  },
  beginSync,
  skipInvalid,
  skipBackoff,
  startNext,
  endSync,
  neverPull: image.neverPull,
  pullBackOff: image.pullBackOff,
  pull: image.pull,
  pullFailed: image.pullFailed,
  imagePresent: image.imagePresent,
  pulled: image.pulled,
  created: image.created,
  started: image.started,
  probeTick,
  killUnhealthy,
  /** The liveness kill is done: the same sync (whose status was written before the kill) starts it again. */
  unhealthyKilled(c: PodWorkerContext, e: Ev): Step {
    return { ctx: decide(recordStatus(c, e)), out: [] };
  },
  /** PLEG's relist asks the runtime about every container that changed. upstream: pkg/kubelet/pleg/generic.go relist */
  relist(c: PodWorkerContext): Step {
    const out = c.changed.map((id, i) =>
      cri(
        ids(c, i),
        cause(c, 12, 'Start'),
        { method: 'ContainerStatus', containerId: id },
        'ContainerStatus (PLEG relist)',
      ),
    );
    return { ctx: { ...c, awaiting: out.length, changed: [] }, out };
  },
  relisted(c: PodWorkerContext, e: Ev): Step {
    return { ctx: { ...recordStatus(c, e), awaiting: c.awaiting - 1 }, out: [] };
  },
  lastRelisted(c: PodWorkerContext, e: Ev): Step {
    return beginSync({ ...recordStatus(c, e), awaiting: 0 });
  },
  /** containerd's container event: the exit happened two local hops ago (kernel → shim → containerd → here). */
  noteExit(c: PodWorkerContext, e: Ev): Step {
    if (e.type !== 'pleg.event') return { ctx: c, out: [] };
    const exitedAt = { ...c.exitedAt, [e.containerId]: c.env.now() - 2 * LATENCY.localCall };
    const changed = c.changed.includes(e.containerId) ? c.changed : [...c.changed, e.containerId];
    return { ctx: { ...c, changed, exitedAt }, out: [] };
  },
  kill: termination.kill,
  hookDone: termination.hookDone,
  execHookDone: termination.execHookDone,
  containerStopped(c: PodWorkerContext, e: Ev): Step {
    const next = { ...recordStatus(c, e), awaiting: c.awaiting - 1 };
    return termination.released(next, str(resultOf(e).containerId));
  },
  stopSandbox(c: PodWorkerContext, e: Ev): Step {
    const next = e.type === 'cri.response' ? recordStatus(c, e) : c;
    const call = { method: 'StopPodSandbox' as const, sandboxId: c.sandboxId ?? '' };
    const cz = c.deleting ? cause(c, 15, 'Delete') : cause(c, 14, 'Running');
    return {
      ctx: { ...next, awaiting: 0 },
      out: c.sandboxId ? [cri(ids(c), cz, call, 'StopPodSandbox')] : [],
    };
  },
  /** upstream: pkg/kubelet/kubelet_pods.go getPhase (podIsTerminal) — Succeeded when every container exited 0 */
  reportTerminal(c: PodWorkerContext): Step {
    const cz = c.deleting ? cause(c, 15, 'Delete') : cause(c, 14, 'Running');
    return patch({ ...c, sandboxStopped: true }, cz, (s) => String(s.phase), 0, true);
  },
  deleteObject(c: PodWorkerContext): Step {
    return { ctx: c, out: [deleteObject(ids(c), cause(c, 15, 'Delete'))] };
  },
  /** Container GC, a minute later. upstream: pkg/kubelet/kuberuntime/kuberuntime_gc.go */
  removeContainers(c: PodWorkerContext): Step {
    const all = c.runtime.flatMap((rt) => [rt.previous, rt.current]).filter((i) => i !== null);
    const out = all.map((inst, i) =>
      cri(
        ids(c, i),
        cause(c, 15, 'Delete'),
        { method: 'RemoveContainer', containerId: inst.containerId },
        'RemoveContainer (GC)',
      ),
    );
    return { ctx: { ...c, awaiting: out.length }, out };
  },
  countDown(c: PodWorkerContext): Step {
    return { ctx: { ...c, awaiting: c.awaiting - 1 }, out: [] };
  },
  removeSandbox(c: PodWorkerContext): Step {
    const call = { method: 'RemovePodSandbox' as const, sandboxId: c.sandboxId ?? '' };
    return { ctx: c, out: [cri(ids(c), cause(c, 15, 'Delete'), call, 'RemovePodSandbox (GC)')] };
  },
};

function waitingReason(s: Record<string, unknown>): string {
  const all = [
    ...((s.initContainerStatuses as unknown[]) ?? []),
    ...((s.containerStatuses as unknown[]) ?? []),
  ];
  const first = all[0] as { state?: { waiting?: { reason?: string } } } | undefined;
  return first?.state?.waiting?.reason ?? '';
}

export type StepName = Exclude<keyof typeof steps, 'initial'>;
export type { Ev };
