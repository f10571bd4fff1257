// One pod-worker sync: the status first, then the actions — start what must start, one container after
// another, unless it is backing off; then when to sync again. upstream: pkg/kubelet/kubelet.go SyncPod;
// pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod, doBackOff; pkg/kubelet/pod_workers.go completeWork
import { goDuration } from '../../k8s/duration';
import { imageNameError } from '../../k8s/images';
import { CRASH_BACKOFF, isInBackOffSince, jitter, nextBackoff } from '../../node/backoff';
import {
  computePodActions,
  exited,
  restartPolicyOf,
  running,
  type ContainerRuntime,
} from './containerRuntime';
import { startedOf } from './probeState';
import { cri, type WorkerIds } from './podWorkerIO';
import {
  cause,
  chain,
  event,
  ids,
  patch,
  podDesc,
  podOf,
  type PodWorkerContext,
  type Step,
} from './podWorkerContext';

/** kubelet.go: the pod worker's back-off after a failed sync, and the jitter factor. */
const WORKER_BACKOFF_MS = 10_000;
const RESYNC_MS = 60_000;
const JITTER = 0.5;

const head = (c: PodWorkerContext) => c.runtime[c.todo[0] ?? -1];
const specOf = (c: PodWorkerContext, name: string) =>
  [...(podOf(c).spec?.initContainers ?? []), ...(podOf(c).spec?.containers ?? [])].find(
    (s) => s.name === name,
  );
export const crashKey = (c: PodWorkerContext, name: string) => `${c.uid}_${name}`;

export function summary(s: Record<string, unknown>): string {
  const all = [
    ...((s.initContainerStatuses as unknown[]) ?? []),
    ...((s.containerStatuses as unknown[]) ?? []),
  ];
  const reasons = all
    .map((x) => (x as { state?: Record<string, { reason?: string }> }).state ?? {})
    .map((st) => st.waiting?.reason ?? st.terminated?.reason ?? '')
    .filter(Boolean);
  const ready = (s.conditions as { type: string; status: string }[]).find((c) => c.type === 'Ready');
  const tail = ready?.status === 'True' ? ['Ready=True'] : [...new Set(reasons)];
  return [String(s.phase), ...tail].join(', ');
}

/** Start of a sync: patch the status if it changed, then decide what to start. */
export function beginSync(c0: PodWorkerContext): Step {
  const c = { ...c0, killedInSync: null, syncRequested: false };
  const p = patch(c, cause(c, 14, 'Running'), summary);
  return { ctx: decide(p.ctx), out: p.out };
}

/** computePodActions: what this sync starts. */
export function decide(c: PodWorkerContext): PodWorkerContext {
  const started = startedOf(podOf(c), c.runtime, c.probes);
  const actions = computePodActions(
    c.runtime,
    restartPolicyOf(podOf(c)),
    (rt) => running(rt.current) && started[rt.name] !== false,
  );
  return {
    ...c,
    todo: actions.start,
    finished: actions.finished,
    syncError: { backoffAtMs: null, other: false },
  };
}

/** The next container's image reference does not parse. upstream: images/image_manager.go EnsureImageExists */
export const nextInvalid = (c: PodWorkerContext): boolean => {
  const rt = head(c);
  return rt !== undefined && imageNameError(specOf(c, rt.name)?.image ?? '') !== null;
};

/**
 * When the newest exited instance of the container finished, as the sync's pod status saw it; null when
 * none has exited. A sync that killed the container for a failed probe read its status before the kill, so
 * its back-off goes by the exit before: a liveness kill every 30 s reaches CrashLoopBackOff only when the
 * back-off (10, 20, 40 s) outgrows that interval, at the 5th kill (kubelet-behaviour.md E8).
 * upstream: kuberuntime_manager.go doBackOff (podStatus.ContainerStatuses, "the finished time of the latest
 * exited container"); SyncPod computes podStatus before killing
 */
export function backoffBasis(c: PodWorkerContext, rt: ContainerRuntime): number | null {
  const inst = c.killedInSync === rt.name ? rt.previous : rt.current;
  return exited(inst) ? (inst.finishedAtMs ?? 0) : null;
}

/** The next container exited and is inside its restart back-off. upstream: kuberuntime_manager.go doBackOff */
export const nextInBackoff = (c: PodWorkerContext): boolean => {
  const rt = head(c);
  const finished = rt ? backoffBasis(c, rt) : null;
  if (!rt || finished === null) return false;
  return isInBackOffSince(c.crashBackoff, crashKey(c, rt.name), finished, c.env.now(), CRASH_BACKOFF);
};

const pop = (c: PodWorkerContext): PodWorkerContext => ({ ...c, todo: c.todo.slice(1) });

export function skipInvalid(c: PodWorkerContext): Step {
  const rt = head(c)!;
  const msg = imageNameError(specOf(c, rt.name)?.image ?? '') ?? '';
  const cz = cause(c, 12, 'Pull');
  const next = {
    ...pop(c),
    reasons: { ...c.reasons, [rt.name]: { reason: 'InvalidImageName', message: msg } },
  };
  return chain(
    { ...next, syncError: { ...c.syncError, other: true } },
    (x) => event(x, cz, 'Warning', 'InspectFailed', msg, rt.name, 0),
    (x) => event(x, cz, 'Warning', 'Failed', 'Error: InvalidImageName', rt.name, 0),
  );
}

export function skipBackoff(c: PodWorkerContext): Step {
  const rt = head(c)!;
  const entry = c.crashBackoff[crashKey(c, rt.name)]!;
  const backoffAt = (backoffBasis(c, rt) ?? 0) + entry.backoffMs;
  const message = `back-off ${goDuration(entry.backoffMs)} restarting failed container=${rt.name} pod=${podDesc(c)}`;
  const prevAt = c.syncError.backoffAtMs;
  const next: PodWorkerContext = {
    ...pop(c),
    reasons: { ...c.reasons, [rt.name]: { reason: 'CrashLoopBackOff', message } },
    syncError: { ...c.syncError, backoffAtMs: prevAt === null ? backoffAt : Math.min(prevAt, backoffAt) },
  };
  const text = `Back-off restarting failed container ${rt.name} in pod ${podDesc(c)}`;
  return event(next, cause(c, 14, 'Running'), 'Warning', 'BackOff', text, rt.name, 0);
}

/** Takes the next container: records the restart in the back-off, then asks for its image. */
export function startNext(c: PodWorkerContext): Step {
  const index = c.todo[0]!;
  const rt = c.runtime[index]!;
  const basis = backoffBasis(c, rt);
  const crashBackoff =
    basis !== null
      ? nextBackoff(c.crashBackoff, crashKey(c, rt.name), basis, c.env.now(), CRASH_BACKOFF)
      : c.crashBackoff;
  const next = { ...pop(c), index, crashBackoff };
  const image = specOf(c, rt.name)?.image ?? '';
  const w: WorkerIds = ids(next);
  return {
    ctx: next,
    out: [cri(w, cause(c, 12, 'Pull'), { method: 'ImageStatus', image }, `ImageStatus ${image}`)],
  };
}

/** End of a sync: when the pod worker runs again. upstream: pod_workers.go completeWork */
export function endSync(c: PodWorkerContext): Step {
  const now = c.env.now();
  const { backoffAtMs, other } = c.syncError;
  if (backoffAtMs === null && !other) return { ctx: { ...c, resyncMs: null }, out: [] };
  const base = backoffAtMs !== null ? Math.min(Math.max(backoffAtMs - now, 0), RESYNC_MS) : WORKER_BACKOFF_MS;
  const [resyncMs, rng] = jitter(base, JITTER, c.rng);
  return { ctx: { ...c, resyncMs, rng }, out: [] };
}
