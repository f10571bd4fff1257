// Which pod the diagram follows when a workload made many: every replica repeats the same exchanges
// (scheduling, the kubelet, the runtime), so past a handful the diagram shows one and says so.
import type { Trace } from '../sim/trace/types';

/** Past this many pods the diagram starts on the first replica instead of all of them. */
export const ALL_PODS_UP_TO = 5;

/** Pods a workload's controller created, in order of first appearance (none for a bare-Pod run). */
export function workloadPods(trace: Trace): string[] {
  if (!trace.messages.some((m) => m.from === 'kube-controller-manager')) return [];
  const seen = new Set<string>();
  for (const m of trace.messages) if (m.pod) seen.add(m.pod);
  return [...seen];
}

/** The filter to start with: all pods (null) for a few, the first replica for many. */
export function defaultPodFilter(pods: readonly string[]): string | null {
  return pods.length > ALL_PODS_UP_TO ? (pods[0] ?? null) : null;
}
