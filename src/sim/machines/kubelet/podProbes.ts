// The kubelet's prober workers for one pod: each liveness or readiness probe of a running container
// runs on its period in virtual time; readiness sets the container's `ready`, liveness failures make the
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
import type { ProbeRun } from './probeState';

const TYPES: ProbeType[] = ['readiness', 'liveness'];
const TITLE: Record<ProbeType, string> = { readiness: 'Readiness', liveness: 'Liveness' };

const specOf = (c: PodWorkerContext, name: string) =>
  (podOf(c).spec?.containers ?? []).find((s) => s.name === name);

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
 */
export function startProbes(c: PodWorkerContext, name: string, containerId: string): Step {
  const spec = specOf(c, name);
  if (!spec) return { ctx: c, out: [] };
  const now = c.env.now();
  const probes = { ...c.probes };
  const out: Outgoing[] = [];
  for (const type of TYPES) {
    const p = probeOf(spec, type);
    if (!p) continue;
    const t = probeTiming(p);
    probes[`${type}:${name}`] = {
      containerId,
      startedAtMs: now,
      successes: 0,
      failures: 0,
      ok: type === 'liveness',
      onHold: false,
    };
    const first = Math.max(now + 1, now + t.initialDelayMs);
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
  // The probe reaches the process through the node: a frozen one (runc pause) answers nothing.
  const frozen = c.env.isFrozen?.(c.node, e.containerId) === true;
  const result = (frozen ? frozenProbeOutcome : probeOutcome)(spec, p, c.podIP ?? '', now - run.startedAtMs);
  const successes = result.ok ? run.successes + 1 : 0;
  const failures = result.ok ? 0 : run.failures + 1;
  let ok = run.ok;
  if (result.ok && successes >= t.successThreshold) ok = true;
  if (!result.ok && failures >= t.failureThreshold) ok = false;
  const hold = e.probe === 'liveness' && !ok;
  const updated: ProbeRun = { ...run, successes, failures, ok, onHold: hold };
  const ctx: PodWorkerContext = {
    ...c,
    probes: { ...c.probes, [key]: updated },
    ...(hold ? { unhealthy: { name: e.container, containerId: e.containerId } } : {}),
  };
  const cz = cause(c, 14, 'Running');
  const message = `${TITLE[e.probe]} probe failed: ${result.output}`;
  return chain(
    ctx,
    (x) => (result.ok ? { ctx: x, out: [] } : event(x, cz, 'Warning', 'Unhealthy', message, e.container, 0)),
    // The status manager patches when readiness changed the status.
    (x) => (e.probe === 'readiness' ? patch(x, cz, summary) : { ctx: x, out: [] }),
    (x) => ({ ctx: x, out: hold ? [] : [next] }),
  );
}

/** upstream: kuberuntime_manager.go computePodActions — "Container %s failed liveness probe" + ", will be restarted" */
export function killUnhealthy(c0: PodWorkerContext): Step {
  const target = c0.unhealthy!;
  const cz = cause(c0, 14, 'Running');
  // SyncPod writes the status first (the container still running), then kills and restarts it.
  const p = patch(c0, cz, summary);
  const c = { ...p.ctx, seq: p.ctx.seq + p.out.length };
  const spec = specOf(c, target.name);
  const pod = podOf(c);
  // The probe's own terminationGracePeriodSeconds wins. upstream: kuberuntime_container.go killContainer (min 2 s)
  const grace = Math.max(
    2,
    Number(
      spec?.livenessProbe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30,
    ),
  );
  const message = `Container ${target.name} failed liveness probe, will be restarted`;
  const ev = event(c, cz, 'Normal', 'Killing', message, target.name, 0);
  const call = { method: 'StopContainer' as const, containerId: target.containerId, timeout: grace };
  const stop = cri(ids(ev.ctx, ev.out.length), cz, call, `StopContainer ${target.name} (timeout ${grace}s)`);
  return { ctx: { ...ev.ctx, unhealthy: null }, out: [...p.out, ...ev.out, stop] };
}
