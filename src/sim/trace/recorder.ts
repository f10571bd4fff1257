// Builds the trace from XState's inspection stream: every delivery of a component event (one that
// carries a Note) becomes a message; machines whose state changed are recorded against that message;
// etcd's watch notifications give the object revisions; kubectl's emitted lines give the terminal.
import type { InspectionEvent } from 'xstate';
import type { SimEvent } from '../cluster/events';
import { laneOf } from '../cluster/systemIds';
import type { ObjectRevision, StateDelta, TerminalLine, TraceMessage } from './types';

function stateString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => (typeof v === 'string' ? `${k}.${v}` : `${k}.${stateString(v)}`))
      .join(',');
  }
  return String(value);
}

/** Actors are addressed by systemId; XState's inspection types do not expose it, so read it here. */
type ActorLike = { systemId?: string } | undefined;
const systemIdOf = (ref: unknown): string => (ref as ActorLike)?.systemId ?? '';

function isComponentEvent(ev: unknown): ev is SimEvent {
  return (
    typeof ev === 'object' &&
    ev !== null &&
    'note' in ev &&
    typeof (ev as { type?: unknown }).type === 'string'
  );
}

export class TraceRecorder {
  readonly messages: TraceMessage[] = [];
  readonly states: StateDelta[] = [];
  readonly objects: ObjectRevision[] = [];
  readonly terminal: TerminalLine[] = [];
  /** The newest revision of each key, for hosts that wait on an object's state. */
  readonly latest = new Map<string, ObjectRevision>();
  private lastState = new Map<string, string>();

  constructor(private readonly now: () => number) {}

  /** Pass as `inspect` to createActor. */
  readonly inspect = (ev: InspectionEvent): void => {
    if (ev.type === '@xstate.event') this.onEvent(ev.sourceRef, ev.actorRef, ev.event);
    else if (ev.type === '@xstate.snapshot') this.onSnapshot(ev.actorRef, ev.snapshot);
    else if (ev.type === '@xstate.action') this.onAction(ev.action);
  };

  private onEvent(source: unknown, target: unknown, event: unknown): void {
    if (!source || !isComponentEvent(event)) return;
    const fromActor = systemIdOf(source);
    const toActor = systemIdOf(target);
    const from = laneOf(fromActor);
    const to = laneOf(toActor);
    if (!from || !to) return;
    const n = event.note;
    const t = this.now();
    const seq = this.messages.length + 1;
    this.messages.push({
      seq,
      t,
      from,
      to,
      fromActor,
      toActor,
      activity: n.activity,
      phase: n.phase,
      pod: n.pod,
      kind: n.kind,
      label: n.label,
      detail: n.detail,
    });
    if (event.type === 'etcd.result' && event.kvs.length > 0) {
      // The watch cache's start-up LIST: the objects that existed before the run (nodes, running pods).
      for (const kv of event.kvs) {
        const rev: ObjectRevision = { seq, t, key: kv.key, revision: kv.modRevision, object: kv.value };
        this.objects.push(rev);
        this.latest.set(kv.key, rev);
      }
    }
    if (event.type === 'etcd.watchEvent') {
      const value = event.eventType === 'DELETE' ? null : (event.kv?.value ?? null);
      const rev: ObjectRevision = {
        seq,
        t,
        key: event.key,
        revision: Number(event.note.detail.modRevision ?? 0),
        object: value,
      };
      this.objects.push(rev);
      this.latest.set(event.key, rev);
    }
  }

  private onSnapshot(actor: unknown, snapshot: unknown): void {
    const id = systemIdOf(actor);
    if (!id || !laneOf(id)) return;
    const s = snapshot as { value?: unknown; status?: string };
    const state = s.status === 'done' ? 'done' : stateString(s.value);
    if (this.lastState.get(id) === state) return;
    this.lastState.set(id, state);
    this.states.push({ seq: this.messages.length, actor: id, state });
  }

  private onAction(action: { type: string; params?: unknown }): void {
    if (action.type !== 'xstate.emit') return;
    const e = (
      action.params as
        | { event?: { type?: string; stream?: 'stdout' | 'stderr'; command?: string; text?: string } }
        | undefined
    )?.event;
    if (e?.type !== 'terminal.print') return;
    this.terminal.push({
      seq: this.messages.length,
      t: this.now(),
      stream: e.stream ?? 'stdout',
      command: e.command ?? '',
      text: e.text ?? '',
    });
  }
}
