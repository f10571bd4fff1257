// What the kubelet's probe results manager holds for one pod, and the readiness it gives each container.
// upstream: pkg/kubelet/prober/results/results_manager.go; pkg/kubelet/prober/prober_manager.go UpdatePodStatus
import type { Pod } from '../../k8s/pod';
import type { ContainerRuntime } from './containerRuntime';

/** One prober worker's state, keyed `<probe>:<container>`. */
export interface ProbeRun {
  containerId: string;
  startedAtMs: number;
  successes: number;
  failures: number;
  /** The result the results manager holds: readiness starts as Failure, liveness as Success. */
  ok: boolean;
  /** A liveness failure stops probing until a new container ID. */
  onHold: boolean;
}

/** Readiness of each app container with a readiness probe (the others are ready while running). */
export function readinessOf(
  pod: Pod,
  runtime: readonly ContainerRuntime[],
  probes: Readonly<Record<string, ProbeRun>>,
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const rt of runtime) {
    const spec = (pod.spec?.containers ?? []).find((s) => s.name === rt.name);
    if (!spec?.readinessProbe || rt.init) continue;
    const run = probes[`readiness:${rt.name}`];
    out[rt.name] = run !== undefined && run.containerId === rt.current?.containerId && run.ok;
  }
  return out;
}
