// What the kubelet's probe results manager holds for one pod, and the readiness it gives each container.
// upstream: pkg/kubelet/prober/results/results_manager.go; pkg/kubelet/prober/prober_manager.go UpdatePodStatus
import type { Container, Pod } from '../../k8s/pod';
import type { ContainerRuntime } from './containerRuntime';

/** One prober worker's state, keyed `<probe>:<container>`. */
export interface ProbeRun {
  containerId: string;
  startedAtMs: number;
  successes: number;
  failures: number;
  /** The result the results manager holds: readiness starts as Failure, liveness as Success, startup as Unknown (not ok). */
  ok: boolean;
  /** A liveness or startup failure stops probing until a new container ID. */
  onHold: boolean;
}

/** The spec of a container the prober runs for: an app container or a sidecar. */
export function probedSpec(pod: Pod, name: string): Container | undefined {
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  return [...sidecars, ...(pod.spec?.containers ?? [])].find((s) => s.name === name);
}

/** Readiness of each app container or sidecar with a readiness probe (the others are ready while running). */
export function readinessOf(
  pod: Pod,
  runtime: readonly ContainerRuntime[],
  probes: Readonly<Record<string, ProbeRun>>,
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const rt of runtime) {
    const spec = probedSpec(pod, rt.name);
    if (!spec?.readinessProbe || (rt.init && !rt.sidecar)) continue;
    const run = probes[`readiness:${rt.name}`];
    out[rt.name] = run !== undefined && run.containerId === rt.current?.containerId && run.ok;
  }
  return out;
}

/**
 * Whether each container with a startup probe has started: its probe succeeded for the current instance.
 * upstream: pkg/kubelet/prober/prober_manager.go isContainerStarted (the startup result, Unknown until set)
 */
export function startedOf(
  pod: Pod,
  runtime: readonly ContainerRuntime[],
  probes: Readonly<Record<string, ProbeRun>>,
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const rt of runtime) {
    if (!probedSpec(pod, rt.name)?.startupProbe || (rt.init && !rt.sidecar)) continue;
    const run = probes[`startup:${rt.name}`];
    out[rt.name] = run !== undefined && run.containerId === rt.current?.containerId && run.ok;
  }
  return out;
}
