// A RunPodSandbox that the runtime refuses (e.g. a RuntimeClass handler containerd has no runtime for):
// SyncPod records a Warning FailedCreatePodSandBox event and returns the error; the pod worker then
// syncs the pod again after its back-off, 10 s with a jitter factor of 0.5, and tries RunPodSandbox
// again. The pod stays Pending with its containers waiting in ContainerCreating.
// upstream: pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod (`m.recorder.Eventf(ref,
// v1.EventTypeWarning, events.FailedCreatePodSandBox, "Failed to create pod sandbox: %v", err)`);
// pkg/kubelet/pod_workers.go completeWork (`wait.Jitter(p.backOffPeriod,
// workerBackOffPeriodJitterFactor)`); pkg/kubelet/kubelet.go (`backOffPeriod = time.Second * 10`)
import { jitter } from '../../node/backoff';
import { cause, event, type Ev, type PodWorkerContext, type Step } from './podWorkerContext';

export const SANDBOX_RETRY_MS = 10_000;
const JITTER = 0.5;

/** The text of the failed RunPodSandbox's gRPC error, as the kubelet's CRI client returns it. */
export function sandboxError(e: Ev): string {
  const err = e.type === 'cri.response' ? e.result.error : undefined;
  return typeof err === 'string' ? err : '';
}

export function sandboxFailed(c: PodWorkerContext, e: Ev): Step {
  const [resyncMs, rng] = jitter(SANDBOX_RETRY_MS, JITTER, c.rng);
  const msg = `Failed to create pod sandbox: ${sandboxError(e)}`;
  // The event has no container, so no fieldPath. upstream: lifecycle.md §4.3 (FailedCreatePodSandBox)
  return event(
    { ...c, resyncMs, rng },
    cause(c, 12, 'Sandbox'),
    'Warning',
    'FailedCreatePodSandBox',
    msg,
    undefined,
    0,
  );
}
