// Stopping a pod's containers (SyncTerminatingPod → killPod): every running container gets the Killing
// event at once; each runs its preStop hook (exec through CRI ExecSync, httpGet or sleep by the kubelet
// itself), whose whole seconds come off the grace period; a sidecar then waits until the app containers and
// the sidecars declared after it have stopped; then StopContainer with what is left of the grace, at least
// 2 s (containerd sends the stop signal, and SIGKILL at the deadline).
// upstream: pkg/kubelet/kuberuntime/kuberuntime_container.go killContainersWithSyncResult, killContainer
// (minimumGracePeriodInSeconds = 2), executePreStopHook ("PreStopHook failed", bounded by the grace period);
// kuberuntime_termination_order.go newTerminationOrdering, waitForTurn; pkg/kubelet/lifecycle/handlers.go
// (an httpGet hook fails only when the request fails, not on a status code)
import type { Outgoing } from '../../cluster/outbox';
import { note } from '../../cluster/note';
import { podWorkerId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { describeProbe, probeOutcome } from '../../node/probes';
import { execOutcome } from '../../node/behaviour';
import type { Container } from '../../k8s/pod';
import { running, type ContainerRuntime } from './containerRuntime';
import { cri } from './podWorkerIO';
import {
  cause,
  chain,
  event,
  ids,
  podOf,
  type Ev,
  type PodWorkerContext,
  type Step,
} from './podWorkerContext';

interface Stage {
  step: 'hook' | 'waiting' | 'stopping' | 'stopped';
  /** Seconds of grace left when this step began. */
  grace: number;
  sinceMs: number;
}

export interface Termination {
  stages: Record<string, Stage>;
}

const MIN_GRACE = 2;
const none = (c: PodWorkerContext): Step => ({ ctx: c, out: [] });
const specOf = (c: PodWorkerContext, name: string): Container | undefined =>
  [...(podOf(c).spec?.initContainers ?? []), ...(podOf(c).spec?.containers ?? [])].find(
    (s) => s.name === name,
  );
const cz = (c: PodWorkerContext) => cause(c, 15, 'Delete');
const wholeSeconds = (ms: number) => Math.floor(ms / 1000);

function setStage(c: PodWorkerContext, name: string, stage: Stage): PodWorkerContext {
  const stages = { ...(c.termination?.stages ?? {}), [name]: stage };
  return { ...c, termination: { stages } };
}

/** The grace period of this kill: the deletion's, else the pod's. upstream: setTerminationGracePeriod */
function gracePeriod(c: PodWorkerContext): number {
  const pod = podOf(c);
  return Number(c.pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
}

/** Containers to stop: app containers, then sidecars from the last declared to the first. */
function killOrder(c: PodWorkerContext): ContainerRuntime[] {
  const live = c.runtime.filter((rt) => running(rt.current));
  return [...live.filter((rt) => !rt.init), ...live.filter((rt) => rt.init).reverse()];
}

/** A sidecar's turn comes when every app container and every later sidecar has stopped. */
function turnHasCome(c: PodWorkerContext, rt: ContainerRuntime): boolean {
  if (!rt.sidecar) return true;
  const stages = c.termination?.stages ?? {};
  const i = c.runtime.indexOf(rt);
  const before = c.runtime.filter((o, j) => !o.init || (o.sidecar === true && j > i));
  return before.every((o) => stages[o.name] === undefined || stages[o.name]!.step === 'stopped');
}

function stopContainer(c: PodWorkerContext, rt: ContainerRuntime, grace: number): Step {
  const timeout = Math.max(MIN_GRACE, grace);
  const call = { method: 'StopContainer' as const, containerId: rt.current!.containerId, timeout };
  const out = cri(ids(c), cz(c), call, `StopContainer ${rt.name} (timeout ${timeout}s)`);
  return { ctx: setStage(c, rt.name, { step: 'stopping', grace, sinceMs: c.env.now() }), out: [out] };
}

/** After the hook: wait for the sidecar's turn, or stop now. */
function proceed(c: PodWorkerContext, rt: ContainerRuntime, grace: number): Step {
  if (grace > 0 && !turnHasCome(c, rt))
    return none(setStage(c, rt.name, { step: 'waiting', grace, sinceMs: c.env.now() }));
  return stopContainer(c, rt, grace);
}

function selfHook(c: PodWorkerContext, name: string, ok: boolean, delay: number, label: string): Outgoing {
  return {
    to: podWorkerId(c.node, c.uid),
    delay,
    event: {
      type: 'lifecycle.hook',
      note: note(cz(c), 'internal', label, { container: name, ok }),
      container: name,
      ok,
    },
  };
}

/** Starts the preStop hook: exec through the runtime, httpGet and sleep by the kubelet itself. */
function startHook(c: PodWorkerContext, rt: ContainerRuntime, grace: number): Step {
  const spec = specOf(c, rt.name)!;
  const hook = spec.lifecycle!.preStop!;
  const ctx = setStage(c, rt.name, { step: 'hook', grace, sinceMs: c.env.now() });
  const graceMs = grace * 1000;
  // The kubelet waits for the hook at most the grace period. upstream: executePreStopHook
  const timeUp = selfHook(c, rt.name, true, graceMs, `preStop ${rt.name}: grace period over`);
  if (hook.exec) {
    const cmd = hook.exec.command ?? [];
    const call = { method: 'ExecSync' as const, containerId: rt.current!.containerId, cmd, timeout: 0 };
    const exec = cri(ids(c), cz(c), call, `ExecSync ${rt.name} ${JSON.stringify(cmd)} (preStop)`);
    // Only a hook that outlasts the grace period meets the kubelet's timer.
    const ends = execOutcome(cmd).afterMs;
    const late = ends === null || ends + 2 * LATENCY.network > graceMs;
    return { ctx, out: late ? [exec, timeUp] : [exec] };
  }
  if (hook.httpGet) {
    const probe = { httpGet: hook.httpGet };
    const what = describeProbe(spec, probe, c.podIP ?? '');
    const ok = probeOutcome(spec, probe, c.podIP ?? '', 0).output.includes('connection refused') === false;
    const label = `preStop ${rt.name}: ${what}${ok ? '' : ': connection refused'}`;
    return { ctx, out: [selfHook(c, rt.name, ok, 2 * LATENCY.network, label)] };
  }
  const seconds = Math.min(Number(hook.sleep?.seconds ?? 0), grace);
  return { ctx, out: [selfHook(c, rt.name, true, seconds * 1000, `preStop ${rt.name}: sleep ${seconds}s`)] };
}

/** killPod: the Killing event for every running container, then its hook or its stop. */
export function kill(c: PodWorkerContext): Step {
  const grace = gracePeriod(c);
  const live = killOrder(c);
  const stages: Record<string, Stage> = {};
  for (const rt of live) stages[rt.name] = { step: 'hook', grace, sinceMs: c.env.now() };
  return chain(
    { ...c, awaiting: live.length, termination: { stages } },
    ...live.flatMap((rt) => [
      (x: PodWorkerContext) =>
        event(x, cz(x), 'Normal', 'Killing', `Stopping container ${rt.name}`, rt.name, 0),
      (x: PodWorkerContext) =>
        specOf(x, rt.name)?.lifecycle?.preStop && grace > 0 ? startHook(x, rt, grace) : proceed(x, rt, grace),
    ]),
  );
}

/** The preStop hook ended (or its time is up): what it took comes off the grace period. */
function hookEnded(c: PodWorkerContext, name: string, ok: boolean): Step {
  const stage = c.termination?.stages[name];
  const rt = c.runtime.find((r) => r.name === name);
  if (!stage || stage.step !== 'hook' || !rt || !running(rt.current)) return none(c);
  const grace = stage.grace - wholeSeconds(c.env.now() - stage.sinceMs);
  return chain(
    c,
    (x) => (ok ? none(x) : event(x, cz(x), 'Warning', 'FailedPreStopHook', 'PreStopHook failed', name, 0)),
    (x) => proceed(x, rt, grace),
  );
}

export function hookDone(c: PodWorkerContext, e: Ev): Step {
  return e.type === 'lifecycle.hook' ? hookEnded(c, e.container, e.ok) : none(c);
}

export function execHookDone(c: PodWorkerContext, e: Ev): Step {
  if (e.type !== 'cri.response') return none(c);
  const rt = c.runtime.find((r) => r.current?.containerId === e.result.containerId);
  return rt ? hookEnded(c, rt.name, e.ok) : none(c);
}

export const isExecReply = (e: Ev): boolean => e.type === 'cri.response' && e.result.exec === true;

/** A container stopped: sidecars whose turn has now come stop, with the seconds they waited taken off. */
export function released(c: PodWorkerContext, containerId: string): Step {
  const rt = c.runtime.find((r) => r.current?.containerId === containerId);
  const stage = rt && c.termination?.stages[rt.name];
  if (!rt || !stage) return none(c);
  const ctx = setStage(c, rt.name, { ...stage, step: 'stopped' });
  const waiting = killOrder(ctx).filter((o) => ctx.termination?.stages[o.name]?.step === 'waiting');
  return chain(
    ctx,
    ...waiting.map((o) => (x: PodWorkerContext) => {
      const st = x.termination!.stages[o.name]!;
      if (!turnHasCome(x, o)) return none(x);
      return stopContainer(x, o, st.grace - wholeSeconds(x.env.now() - st.sinceMs));
    }),
  );
}
