// How a machine's step hands XState its next context.
import type { SimEnv } from './env';

interface EnqueueAssign<C> {
  assign: (assignment: () => Partial<C>) => void;
}

/**
 * Sets the context a step computed (all of it, or the fields it changed, as an assign would). In a run (SimEnv.inPlace) the host reads only each actor's newest
 * snapshot, so the context object is updated in place: an assign makes XState copy the context and build a
 * new snapshot (its state value and state-node sets), a large share of a run's time and garbage. Elsewhere
 * (a model test branching from old snapshots) it is an ordinary assign.
 *
 * Only for actions whose machine never takes an eventless transition that keeps the same states (a
 * targetless or re-entering `always`): XState re-checks eventless transitions only while the snapshot
 * object changes, and an update in place does not change it.
 */
export function commit<C extends { env?: SimEnv }>(
  enqueue: EnqueueAssign<C>,
  context: C,
  next: Partial<C>,
): void {
  if (next === context) return;
  if (context.env?.inPlace) Object.assign(context, next);
  else enqueue.assign(() => next);
}
