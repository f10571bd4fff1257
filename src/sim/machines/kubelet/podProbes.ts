// The kubelet's prober workers for one pod: each startup, liveness or readiness probe of a running app
// container or sidecar runs on its period in virtual time. A startup probe holds the other two off until
// it succeeds (`started`); readiness sets the container's `ready`; liveness or startup failures make the
// next sync kill the container ("failed liveness probe, will be restarted") and start it again.
// upstream: pkg/kubelet/prober/worker.go run, doProbe (initialDelaySeconds, resultRun, onHold);
// pkg/kubelet/prober/prober.go probe (Unhealthy events); kuberuntime_manager.go computePodActions
import type { Outgoing } from '../../cluster/outbox';
import { note } from '../../cluster/note';
import { podWorkerId } from '../../cluster/systemIds';
import {
  describeProbe,
  frozenProbeOutcome,
  probeOf,
  probeOutcome,
  probeTiming,
  type ProbeType,
} from '../../node/probes';
import { running } from './containerRuntime';
import { cri } from './podWorkerIO';
import {
  cause,
  chain,
  event,
  ids,
  patch,
  podOf,
  type Ev,
  type PodWorkerContext,
  type Step,
} from './podWorkerContext';
import { summary } from './podSync';
import { probedSpec, type ProbeRun } from './probeState';

const TYPES: ProbeType[] = ['readiness', 'liveness', 'startup'];
const TITLE: Record<ProbeType, string> = { readiness: 'Readiness', liveness: 'Liveness', startup: 'Startup' };

const specOf = (c: PodWorkerContext, name: string) => probedSpec(podOf(c), name);

function tick(
  c: PodWorkerContext,
  type: ProbeType,
  name: string,
  containerId: string,
  delay: number,
): Outgoing {
  const spec = specOf(c, name)!;
  const what = describeProbe(spec, probeOf(spec, type)!, c.podIP ?? '');
  return {
    to: podWorkerId(c.node, c.uid),
    delay,
    event: {
      type: 'probe.tick',
      note: note(cause(c, 14, 'Running'), 'internal', `${type} probe ${name}: ${what}`, {
        probe: type,
        container: name,
        action: what,
      }),
      probe: type,
      container: name,
      containerId,
    },
  };
}

/**
 * A container started: its prober workers reset (new container ID) and probe on their ticker, which runs
 * every period from the worker's start (the pod's admission); no probe counts before initialDelaySeconds.
 * With a startup probe, the liveness and readiness workers tick without probing until it succeeds, so
 * Podwalk arms them only then (a tick that does nothing is not worth a message).
 */
export function startProbes(c: PodWorkerContext, name: string, containerId: string): Step {
  const spec = specOf(c, name);
  if (!spec) return { ctx: c, out: [] };
  const types = TYPES.filter((t) => !spec.startupProbe || t === 'startup');
  return armProbes(c, name, containerId, c.env.now(), types);
}

function armProbes(
  c: PodWorkerContext,
  name: string,
  containerId: string,
  startedAtMs: number,
  types: readonly ProbeType[],
): Step {
  const spec = specOf(c, name)!;
  const now = c.env.now();
  const probes = { ...c.probes };
  const out: Outgoing[] = [];
  for (const type of types) {
    const p = probeOf(spec, type);
    if (!p) continue;
    const t = probeTiming(p);
    probes[`${type}:${name}`] = {
      containerId,
      startedAtMs,
      successes: 0,
      failures: 0,
      // upstream: prober/worker.go newWorker (initialValue: readiness Failure, liveness Success, startup Unknown)
      ok: type === 'liveness',
      onHold: false,
    };
    const first = Math.max(now + 1, startedAtMs + t.initialDelayMs);
    const k = Math.ceil((first - c.startTimeMs) / t.periodMs);
    out.push(tick(c, type, name, containerId, c.startTimeMs + k * t.periodMs - now));
  }
  return { ctx: { ...c, probes }, out };
}

/** One probe run: its outcome, the Unhealthy event on failure, the result after the thresholds. */
export function probeTick(c: PodWorkerContext, e: Ev): Step {
  if (e.type !== 'probe.tick' || c.deleting) return { ctx: c, out: [] };
  const key = `${e.probe}:${e.container}`;
  const run = c.probes[key];
  const rt = c.runtime.find((r) => r.name === e.container);
  const spec = specOf(c, e.container);
  const p = spec && probeOf(spec, e.probe);
  // A worker whose container is gone or replaced, or on hold, does nothing.
  if (!run || !p || run.onHold || run.containerId !== e.containerId) return { ctx: c, out: [] };
  if (!rt?.current || rt.current.containerId !== e.containerId || !running(rt.current))
    return { ctx: c, out: [] };
  const t = probeTiming(p);
  const now = c.env.now();
  const next = tick(c, e.probe, e.container, e.containerId, t.periodMs);
  // A startup probe stops once the container has started. upstream: worker.go doProbe
  if (e.probe === 'startup' && run.ok) return { ctx: c, out: [] };
  // The probe reaches the process through the node: a frozen one (runc pause) answers nothing.
  const frozen = c.env.isFrozen?.(c.node, e.containerId) === true;
  const result = (frozen ? frozenProbeOutcome : probeOutcome)(spec, p, c.podIP ?? '', now - run.startedAtMs);
  const successes = result.ok ? run.successes + 1 : 0;
  const failures = result.ok ? 0 : run.failures + 1;
  let ok = run.ok;
  if (result.ok && successes >= t.successThreshold) ok = true;
  if (!result.ok && failures >= t.failureThreshold) ok = false;
  const failed = !result.ok && failures >= t.failureThreshold;
  const hold = (e.probe === 'liveness' && !ok) || (e.probe === 'startup' && failed);
  const updated: ProbeRun = { ...run, successes, failures, ok, onHold: hold };
  const nowStarted = e.probe === 'startup' && ok && !run.ok;
  const ctx: PodWorkerContext = {
    ...c,
    probes: { ...c.probes, [key]: updated },
    ...(hold
      ? {
          unhealthy: {
            name: e.container,
            containerId: e.containerId,
            probe: e.probe as 'liveness' | 'startup',
          },
        }
      : {}),
    // A startup success syncs the pod: a sidecar that has started lets the next container start.
    // upstream: pkg/kubelet/kubelet.go syncLoopIteration (startupManager.Updates → handleProbeSync)
    ...(nowStarted ? { syncRequested: true } : {}),
  };
  const cz = cause(c, 14, 'Running');
  const message = `${TITLE[e.probe]} probe failed: ${result.output}`;
  return chain(
    ctx,
    (x) => (result.ok ? { ctx: x, out: [] } : event(x, cz, 'Warning', 'Unhealthy', message, e.container, 0)),
    // The status manager patches when readiness or `started` changed the status.
    (x) => (e.probe !== 'liveness' ? patch(x, cz, summary) : { ctx: x, out: [] }),
    (x) => ({ ctx: x, out: hold || nowStarted ? [] : [next] }),
    // Started: liveness and readiness begin on their own tickers.
    (x) =>
      nowStarted
        ? armProbes(x, e.container, e.containerId, run.startedAtMs, ['readiness', 'liveness'])
        : { ctx: x, out: [] },
  );
}

/**
 * upstream: kuberuntime_manager.go computePodActions — "Container %s failed liveness probe" (or startup)
 * + ", will be restarted"; for a sidecar kuberuntime_container.go computeInitContainerActions —
 * "Init container %s failed liveness probe" (no suffix).
 */
export function killUnhealthy(c0: PodWorkerContext): Step {
  const target = c0.unhealthy!;
  const cz = cause(c0, 14, 'Running');
  // SyncPod writes the status first (the container still running), then kills and restarts it.
  const p = patch(c0, cz, summary);
  const c = { ...p.ctx, seq: p.ctx.seq + p.out.length };
  const spec = specOf(c, target.name);
  const pod = podOf(c);
  // The probe's own terminationGracePeriodSeconds wins. upstream: kuberuntime_container.go killContainer (min 2 s)
  const probe = spec && probeOf(spec, target.probe);
  const grace = Math.max(
    2,
    Number(probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30),
  );
  const sidecar = c.runtime.find((r) => r.name === target.name)?.sidecar === true;
  const message = sidecar
    ? `Init container ${target.name} failed ${target.probe} probe`
    : `Container ${target.name} failed ${target.probe} probe, will be restarted`;
  const ev = event(c, cz, 'Normal', 'Killing', message, target.name, 0);
  const call = { method: 'StopContainer' as const, containerId: target.containerId, timeout: grace };
  const stop = cri(ids(ev.ctx, ev.out.length), cz, call, `StopContainer ${target.name} (timeout ${grace}s)`);
  return { ctx: { ...ev.ctx, unhealthy: null, killedInSync: target.name }, out: [...p.out, ...ev.out, stop] };
}
