// Model-based testing helpers over xstate/graph: explore a machine's states with sample events, then
// replay each path on a real actor. States are compared by value only: the machines' contexts grow with
// every event, so a context-aware graph would never close.
import {
  createActor,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventFromLogic,
  type InputFrom,
} from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { VirtualClock } from '../time/clock';

export const byValue = (s: AnyMachineSnapshot): string => JSON.stringify(s.value);

export interface ModelPath {
  /** The state value the path reaches, serialised. */
  state: string;
  events: { type: string }[];
}

/** Shortest paths to every state value reachable with the given sample events. */
export function shortestPaths<M extends AnyStateMachine>(
  machine: M,
  events: EventFromLogic<M>[] | ((s: AnyMachineSnapshot) => EventFromLogic<M>[]),
  input: InputFrom<M>,
): ModelPath[] {
  const paths = getShortestPaths(machine, {
    events: events as never,
    input,
    serializeState: byValue as never,
  });
  return paths.map((p) => ({
    state: byValue(p.state as AnyMachineSnapshot),
    events: p.steps.map((s) => s.event as { type: string }).filter((e) => e.type !== 'xstate.init'),
  }));
}

/** Sends a path's events to a fresh actor and returns the state value it ends in, serialised. */
export function replay<M extends AnyStateMachine>(machine: M, input: InputFrom<M>, path: ModelPath): string {
  const actor = createActor(machine, { input, clock: new VirtualClock() });
  actor.start();
  for (const e of path.events) actor.send(e as EventFromLogic<M>);
  const value = byValue(actor.getSnapshot() as AnyMachineSnapshot);
  actor.stop();
  return value;
}
