// Machines compute what to send as plain data (an outbox), then hand it to XState's scheduler as delayed
// sends on the virtual clock. Keeping the "what" pure makes each machine's logic testable without actors.
import type { ActorSystem, AnyActorRef } from 'xstate';
import type { SimEvent } from './events';

export interface Outgoing {
  to: string;
  event: SimEvent;
  delay: number;
}

type Lookup = { get: (id: string) => AnyActorRef | undefined };

interface EnqueueSend {
  sendTo: (
    to: (args: { system: Lookup }) => AnyActorRef,
    event: SimEvent,
    options: { delay: number; id: string },
  ) => void;
}

/**
 * An id for every delayed send. Without one XState makes its own from Math.random per send, which cost
 * about 4% of a run; the ids only key XState's timer table (no send is ever cancelled), so a plain
 * counter does, and nothing in the trace depends on it.
 */
let sendSeq = 0;

/**
 * Enqueues every outgoing message. The target is looked up when the send is resolved, after any child
 * spawned earlier in the same step exists; a target that no longer exists (a deleted runc) drops it.
 */
export function dispatch(
  enqueue: EnqueueSend,
  _system: ActorSystem<never> | Lookup,
  out: readonly Outgoing[],
): void {
  for (const m of out)
    enqueue.sendTo(({ system }) => system.get(m.to) as AnyActorRef, m.event, {
      delay: m.delay,
      id: `s${(sendSeq++).toString(36)}`,
    });
}
