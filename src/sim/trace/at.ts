// Views of a trace at a playhead (`seq` = how many messages have been delivered). Pure, so the page,
// the CLI and tests read the same moment the same way.
import type { KubeObject } from '../scenario';
import { LANES, type Lane, type Trace } from './types';
import { isGuest, laneOf, nodeOf } from '../cluster/systemIds';

/** The pod as stored after `seq` messages: the object, null once deleted, undefined before it exists. */
export function podObjectAt(trace: Trace, seq: number, podKey: string): KubeObject | null | undefined {
  const [ns, name] = podKey.split('/');
  const key = `/registry/pods/${ns}/${name}`;
  let found: KubeObject | null | undefined;
  for (const o of trace.objects) {
    if (o.seq > seq) break;
    if (o.key === key) found = o.object as KubeObject | null;
  }
  return found;
}

/** Event objects written for the pod up to `seq`, oldest first. */
export function eventsAt(trace: Trace, seq: number, podName: string, namespace = 'default'): KubeObject[] {
  const prefix = `/registry/events/${namespace}/${podName}.`;
  return trace.objects
    .filter((o) => o.seq <= seq && o.key.startsWith(prefix) && o.object)
    .map((o) => o.object as KubeObject);
}

/** The pod the trace is mostly about: the first pod any message names. */
export function mainPod(trace: Trace): string | null {
  return trace.messages.find((m) => m.pod)?.pod ?? null;
}

export function statesAt(trace: Trace, seq: number): Map<string, string> {
  const states = new Map<string, string>();
  for (const d of trace.states) {
    if (d.seq > seq) break;
    states.set(d.actor, d.state);
  }
  return states;
}

export interface HeadView {
  actor: string | null;
  sub: string | undefined;
  state: string | undefined;
}

function subLabel(actor: string, trace: Trace): string | undefined {
  const lane = laneOf(actor);
  if (lane === 'runc') {
    const id = actor.slice('runc:'.length);
    const m = trace.messages.find(
      (x) => x.toActor === actor && typeof x.label === 'string' && x.label.startsWith('runc create'),
    );
    const name = m ? /\(([^)]+)\)\s*$/.exec(m.label)?.[1] : undefined;
    return `${name ?? 'container'} ${id.slice(0, 8)}`;
  }
  return nodeOf(actor) ?? undefined;
}

/**
 * For every lane: the lane's own actor that last took part in a message, where it runs, and its state.
 * Guests on a lane (the operator's runc commands on the kubectl lane) do not take over its head.
 */
export function headsAt(trace: Trace, seq: number): Record<Lane, HeadView> {
  const lastActor = new Map<Lane, string>();
  const upto = Math.max(seq, 1);
  for (const m of trace.messages) {
    if (m.seq > upto) break;
    if (!isGuest(m.fromActor)) lastActor.set(m.from, m.fromActor);
    if (!isGuest(m.toActor)) lastActor.set(m.to, m.toActor);
  }
  const states = statesAt(trace, seq);
  const out = {} as Record<Lane, HeadView>;
  for (const lane of LANES) {
    const actor = lastActor.get(lane) ?? null;
    out[lane] = {
      actor,
      sub: actor ? subLabel(actor, trace) : undefined,
      state: actor ? states.get(actor) : undefined,
    };
  }
  return out;
}

/** seq of the first message of activity `n`, or null when the trace never reaches it. */
export function firstSeqOfActivity(trace: Trace, n: number): number | null {
  return trace.messages.find((m) => m.activity === n)?.seq ?? null;
}

export function terminalAt(trace: Trace, seq: number) {
  return trace.terminal.filter((l) => l.seq <= seq);
}
