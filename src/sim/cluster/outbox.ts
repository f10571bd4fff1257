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
    options: { delay: number },
  ) => void;
}

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
    enqueue.sendTo(({ system }) => system.get(m.to) as AnyActorRef, m.event, { delay: m.delay });
}
