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

/** Ascending seqs, each with a value: what was last set at or before a given seq. */
interface Timeline<T> {
  seqs: number[];
  values: T[];
}

function record<K, T>(into: Map<K, Timeline<T>>, key: K, seq: number, value: T): void {
  let t = into.get(key);
  if (!t) into.set(key, (t = { seqs: [], values: [] }));
  t.seqs.push(seq);
  t.values.push(value);
}

function valueAt<T>(t: Timeline<T> | undefined, seq: number): T | undefined {
  if (!t) return undefined;
  let lo = 0;
  let hi = t.seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t.seqs[mid] ?? 0) <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? t.values[lo - 1] : undefined;
}

/** Who acted on each lane and each machine's state, over the whole trace: built once per trace. */
interface HeadsIndex {
  actors: Map<Lane, Timeline<string>>;
  states: Map<string, Timeline<string>>;
  subs: Map<string, string | undefined>;
}

// The page asks for the heads at every seek; scanning 10,000 messages and 5,000 state changes each
// time was a few milliseconds of every frame of scrubbing a long trace.
const headsIndexes = new WeakMap<Trace, HeadsIndex>();

function headsIndex(trace: Trace): HeadsIndex {
  let index = headsIndexes.get(trace);
  if (index) return index;
  index = { actors: new Map(), states: new Map(), subs: new Map() };
  for (const m of trace.messages) {
    // In message order, `to` after `from`: the same lane on both ends ends with the receiver.
    // Guests on a lane (the operator's runc commands on the kubectl lane) do not take over its head.
    if (!isGuest(m.fromActor)) record(index.actors, m.from, m.seq, m.fromActor);
    if (!isGuest(m.toActor)) record(index.actors, m.to, m.seq, m.toActor);
  }
  for (const d of trace.states) record(index.states, d.actor, d.seq, d.state);
  headsIndexes.set(trace, index);
  return index;
}

/**
 * For every lane: the lane's own actor that last took part in a message, where it runs, and its state.
 * Guests on a lane (the operator's runc commands on the kubectl lane) do not take over its head.
 */
export function headsAt(trace: Trace, seq: number): Record<Lane, HeadView> {
  const index = headsIndex(trace);
  const upto = Math.max(seq, 1);
  const out = {} as Record<Lane, HeadView>;
  for (const lane of LANES) {
    const actor = valueAt(index.actors.get(lane), upto) ?? null;
    if (actor && !index.subs.has(actor)) index.subs.set(actor, subLabel(actor, trace));
    out[lane] = {
      actor,
      sub: actor ? index.subs.get(actor) : undefined,
      state: actor ? valueAt(index.states.get(actor), seq) : undefined,
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
