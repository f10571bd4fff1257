// Runs one machine alone on the virtual clock, with recording stand-ins ("peers") for every systemId it
// talks to. A test sends it events, steps the clock, and reads what each peer received and when.
import {
  createActor,
  createMachine,
  enqueueActions,
  fromTransition,
  type AnyActorRef,
  type AnyStateMachine,
  type InputFrom,
  type SnapshotFrom,
} from 'xstate';
import type { SimEvent } from '../cluster/events';
import type { SimEnv } from '../cluster/env';
import { VirtualClock } from '../time/clock';

export interface Received {
  t: number;
  to: string;
  event: SimEvent;
}

export interface Harness<M extends AnyStateMachine> {
  clock: VirtualClock;
  env: SimEnv;
  received: Received[];
  subject: AnyActorRef;
  send(event: SimEvent): void;
  /** Fires every pending timer (delivers every delayed message). */
  flush(): void;
  snapshot(): SnapshotFrom<M>;
  /** Events a peer received, in delivery order. */
  to(peer: string): SimEvent[];
}

export function runAlone<M extends AnyStateMachine>(
  machine: M,
  opts: { systemId: string; peers: string[]; input: (env: SimEnv) => InputFrom<M> },
): Harness<M> {
  const clock = new VirtualClock();
  const env: SimEnv = { now: () => clock.now() };
  const received: Received[] = [];
  const sink = (id: string) =>
    fromTransition((n: number, event: SimEvent) => {
      received.push({ t: clock.now(), to: id, event });
      return n + 1;
    }, 0);
  const root = createMachine({
    entry: enqueueActions(({ enqueue }) => {
      // Peers first: the subject's entry actions may already address them.
      for (const p of opts.peers) enqueue.spawnChild(sink(p), { id: p, systemId: p });
      enqueue.spawnChild(machine, { id: 'subject', systemId: opts.systemId, input: opts.input(env) });
    }),
  });
  const actor = createActor(root, { clock });
  actor.start();
  const subject = actor.system.get(opts.systemId) as AnyActorRef;
  return {
    clock,
    env,
    received,
    subject,
    send: (event) => subject.send(event),
    flush: () => {
      while (clock.step());
    },
    snapshot: () => subject.getSnapshot() as SnapshotFrom<M>,
    to: (peer) => received.filter((r) => r.to === peer).map((r) => r.event),
  };
}
