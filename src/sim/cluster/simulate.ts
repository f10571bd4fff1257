// A run: (scenario, seed) → trace. The host loop advances the virtual clock one timer at a time, fires
// the scenario's actions when they are due, and stops when nothing is left or at the horizon.
import { createActor, type AnyActorRef, type InspectionEvent } from 'xstate';
import { MANIFEST_FILE, type Scenario, type Action, type KubeObject } from '../scenario';
import type { Trace } from '../trace/types';
import { TraceRecorder } from '../trace/recorder';
import { VirtualClock } from '../time/clock';
import { clusterMachine } from './clusterMachine';
import { KUBECTL, OPERATOR, kernelId } from './systemIds';
import { asPod } from '../k8s/pod';
import { checkpointCommand, operatorCommand } from './interventions';
import type { KernelState } from '../machines/kernel/kernelState';

export interface SimulateOptions {
  /** Safety net against runaway models: stop after this many messages. */
  maxMessages?: number;
}

function podKeyOf(ref: string): string {
  return ref.includes('/') ? ref : `default/${ref}`;
}

export function simulate(scenario: Scenario, opts: SimulateOptions = {}): Trace {
  const clock = new VirtualClock();
  const recorder = new TraceRecorder(() => clock.now());
  // A process is frozen when its node's kernel says so (read when a probe or a stop signal reaches it).
  const isFrozen = (node: string, containerId: string): boolean => {
    const kernel = root.system.get(kernelId(node)) as AnyActorRef | undefined;
    const snap = kernel?.getSnapshot() as { context?: KernelState } | undefined;
    return snap?.context?.processes[containerId]?.frozen === true;
  };
  const root = createActor(clusterMachine, {
    input: {
      scenario,
      env: { now: () => clock.now(), isFrozen, inPlace: true, horizonMs: scenario.options.horizonMs },
    },
    clock,
  });
  inspectDirectly(root, recorder.inspect);
  scheduleLean(root, clock);
  root.start();
  const horizon = scenario.options.horizonMs;
  const maxMessages = opts.maxMessages ?? 200_000;
  // Boot: the cluster is up once every informer is listed and nothing is pending.
  while (clock.step(horizon));
  const base = clock.now();
  const pending: Action[] = [...scenario.actions];
  const kubectl = root.system.get(KUBECTL) as AnyActorRef | undefined;
  const operator = root.system.get(OPERATOR) as AnyActorRef | undefined;
  const send = (a: Action): void => {
    if (a.kind === 'kubectl') {
      const args = a.args;
      // A file of the scenario's own `spec.files` (a changed Deployment for a rollout), else the manifest.
      const named = fileArg(args);
      const extra = named !== null ? scenario.files?.[named] : undefined;
      kubectl?.send({
        type: 'user.command',
        args,
        manifests: extra ?? scenario.manifests,
        file: extra ? named! : (scenario.manifestFile ?? MANIFEST_FILE),
      });
    } else if (a.kind === 'addNode') root.send({ type: 'cluster.addNode', node: a.node });
    else if (a.kind === 'checkpoint') {
      const nodes = [
        ...scenario.cluster,
        ...scenario.actions.flatMap((x) => (x.kind === 'addNode' ? [x.node] : [])),
      ];
      const cmd = checkpointCommand(a, recorder.messages, nodes);
      if (cmd) operator?.send(cmd);
    } else {
      // The person at the node looks the container up first (crictl ps): no container yet, no command.
      const cmd = operatorCommand(a, recorder.messages);
      if (cmd) operator?.send(cmd);
    }
  };
  let reason: Trace['end']['reason'] = 'idle';
  let revisionsSeen = -1;
  for (;;) {
    // A pod can only have become Running if etcd stored a new revision since the last look.
    if (recorder.objects.length !== revisionsSeen) {
      revisionsSeen = recorder.objects.length;
      fireRunningTriggers(pending, recorder, send);
    }
    const nextAction = nextTimedAction(pending, base);
    const nextTimer = clock.peek();
    const next = Math.min(nextAction?.at ?? Infinity, nextTimer ?? Infinity);
    if (next === Infinity) break;
    if (next > horizon || recorder.messages.length >= maxMessages) {
      reason = 'horizon';
      clock.advanceTo(Math.min(next, horizon));
      break;
    }
    if (nextAction && nextAction.at <= (nextTimer ?? Infinity)) {
      clock.advanceTo(nextAction.at);
      pending.splice(pending.indexOf(nextAction.action), 1);
      send(nextAction.action);
    } else clock.step();
  }
  // No root.stop(): the run's clock and actors are dropped with it, and stopping thousands of actors one
  // by one (XState copies the child list per stop) would cost more than the whole run.
  const end = { t: reason === 'horizon' ? horizon : clock.now(), reason };
  return {
    version: 1,
    scenario,
    messages: recorder.messages,
    states: recorder.states,
    objects: recorder.objects,
    terminal: recorder.terminal,
    clusterReadyAt: base,
    end,
  };
}

/** The file `-f`/`--filename` names, or null. */
function fileArg(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-f' || a === '--filename') return args[i + 1] ?? null;
    const eq = /^(?:-f|--filename)=(.*)$/.exec(a);
    if (eq) return eq[1]!;
  }
  return null;
}

/**
 * Hands XState's inspection events straight to the recorder. Through `inspect`, XState copies every
 * inspection event (each delivery, snapshot, microstep and action: about ten per message) to add a rootId
 * the recorder never reads, which was 5–7% of a big run. The hook is the actor system's internal
 * `_sendInspectionEvent`; should a later XState not have it, the public `inspect` is used instead.
 */
function inspectDirectly(root: AnyActorRef, inspect: (ev: InspectionEvent) => void): void {
  const system = root.system as unknown as {
    _sendInspectionEvent?: unknown;
    inspect: (f: typeof inspect) => void;
  };
  if (typeof system._sendInspectionEvent === 'function') system._sendInspectionEvent = inspect;
  else system.inspect(inspect);
}

type Relay = (source: AnyActorRef, target: AnyActorRef, event: unknown) => void;
interface XStateScheduler {
  schedule(source: AnyActorRef, target: AnyActorRef, event: unknown, delay: number, id?: string): void;
  cancel(source: AnyActorRef, id: string): void;
  cancelAll(source: AnyActorRef): void;
}

/**
 * XState's delayed-event scheduler, without what a run never reads: XState stamps each delayed event with
 * Date.now(), files it under a string key in a persisted-snapshot table, and on every actor stop scans all
 * pending events for that actor's. Here the timers are kept per source actor, with XState's semantics
 * (an id scheduled again replaces the entry; a timer that fires or is cancelled drops it; an actor that
 * stops cancels its own). Same internal hook caveat as inspectDirectly: without it, XState's stays.
 */
function scheduleLean(root: AnyActorRef, clock: VirtualClock): void {
  const system = root.system as unknown as { scheduler?: XStateScheduler; _relay?: Relay };
  const relay = system._relay;
  if (!system.scheduler || typeof relay !== 'function') return;
  const timers = new Map<AnyActorRef, Map<string, number>>();
  let auto = 0;
  const cancel = (source: AnyActorRef, id: string): void => {
    const own = timers.get(source);
    const timer = own?.get(id);
    if (timer === undefined) return;
    own!.delete(id);
    clock.clearTimeout(timer);
  };
  system.scheduler = {
    schedule(source, target, event, delay, id = `lean.${auto++}`) {
      let own = timers.get(source);
      if (!own) {
        own = new Map<string, number>();
        timers.set(source, own);
      }
      const timer = clock.setTimeout(() => {
        own.delete(id);
        system._relay!(source, target, event);
      }, delay);
      own.set(id, timer);
    },
    cancel,
    cancelAll(source) {
      const own = timers.get(source);
      if (!own) return;
      for (const id of [...own.keys()]) cancel(source, id);
      timers.delete(source);
    },
  };
}

function nextTimedAction(pending: Action[], base: number): { action: Action; at: number } | null {
  let best: { action: Action; at: number } | null = null;
  for (const a of pending) {
    if (!('atMs' in a.trigger)) continue;
    const at = base + a.trigger.atMs;
    if (!best || at < best.at) best = { action: a, at };
  }
  return best;
}

/** Fires actions waiting for a pod to be Running, once the stored pod says so. */
function fireRunningTriggers(pending: Action[], recorder: TraceRecorder, send: (a: Action) => void): void {
  for (const a of [...pending]) {
    if (!('whenPodRunning' in a.trigger)) continue;
    const key = podKeyOf(a.trigger.whenPodRunning);
    const [ns, name] = key.split('/');
    const storage = `/registry/pods/${ns}/${name}`;
    const latest = recorder.latest.get(storage)?.object;
    if (latest && asPod(latest as unknown as KubeObject).status?.phase === 'Running') {
      pending.splice(pending.indexOf(a), 1);
      send(a);
    }
  }
}
