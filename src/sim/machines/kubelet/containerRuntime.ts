// What the kubelet knows of each container of its pod: the current and previous instance in the
// runtime (from CRI replies and PLEG), and the restart rules that decide what the next sync does.
// upstream: pkg/kubelet/container/runtime.go (PodStatus, ContainerStatus); pkg/kubelet/container/helpers.go
// ShouldContainerBeRestarted
import type { Pod } from '../../k8s/pod';

export interface Instance {
  containerId: string;
  imageId: string;
  /** CRI metadata.attempt: 0 for the first instance, the restartCount the status reports. */
  attempt: number;
  startedAtMs: number;
  finishedAtMs: number | null;
  exitCode: number | null;
  /** containerd's reason once exited: Completed, Error or OOMKilled. */
  reason: string | null;
}

export interface ContainerRuntime {
  name: string;
  /** The image as containerd names it (`docker.io/library/busybox:latest`). */
  image: string;
  init: boolean;
  /** A native sidecar: an init container with `restartPolicy: Always` (KEP-753). */
  sidecar?: boolean;
  current: Instance | null;
  previous: Instance | null;
}

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export function restartPolicyOf(pod: Pod): RestartPolicy {
  const p = pod.spec?.restartPolicy;
  return p === 'OnFailure' || p === 'Never' ? p : 'Always';
}

export const exited = (i: Instance | null): i is Instance & { exitCode: number } =>
  i !== null && i.exitCode !== null;
export const running = (i: Instance | null): boolean => i !== null && i.exitCode === null;

/** upstream: pkg/kubelet/container/helpers.go ShouldContainerBeRestarted (init containers: as OnFailure unless Never) */
export function shouldRestart(rt: ContainerRuntime, policy: RestartPolicy): boolean {
  if (!exited(rt.current)) return rt.current === null;
  // A sidecar's own restartPolicy Always wins over the pod's. upstream: pkg/kubelet/container/helpers.go
  if (rt.sidecar) return true;
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' || rt.init) return rt.current.exitCode !== 0;
  return true;
}

export interface PodActions {
  /** Indexes into the runtime list to start in this sync, in order. */
  start: number[];
  /** Every container has finished and none restarts: the pod is done (Succeeded or Failed). */
  finished: boolean;
}

/**
 * Which containers to start: init containers one at a time, then every app container that has not run
 * or should restart. A sidecar does not have to exit: once it runs (and its startup probe, if any, has
 * succeeded: `started`) the next init container starts; it keeps running, and is started again when it
 * exits. upstream: pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions;
 * kuberuntime_container.go computeInitContainerActions
 */
export function computePodActions(
  list: readonly ContainerRuntime[],
  policy: RestartPolicy,
  started: (rt: ContainerRuntime) => boolean = (rt) => running(rt.current),
): PodActions {
  const start: number[] = [];
  // Once an app container has run, the pod has initialised: only sidecars are kept running.
  const initialized = list.some((rt) => !rt.init && rt.current !== null);
  for (let i = 0; i < list.length && list[i]!.init; i++) {
    const rt = list[i]!;
    if (rt.sidecar) {
      if (!running(rt.current)) start.push(i);
      if (!initialized && (!running(rt.current) || !started(rt))) return { start, finished: false };
      continue;
    }
    if (initialized) continue;
    if (running(rt.current)) return { start, finished: false };
    if (exited(rt.current) && rt.current.exitCode === 0) continue;
    if (rt.current && !shouldRestart(rt, policy)) return { start: [], finished: true };
    return { start: [...start, i], finished: false };
  }
  list.forEach((rt, i) => {
    if (!rt.init && shouldRestart(rt, policy)) start.push(i);
  });
  const app = list.filter((rt) => !rt.init);
  const finished = start.every((i) => list[i]!.sidecar) && app.every((rt) => exited(rt.current));
  return { start: finished ? [] : start, finished };
}
