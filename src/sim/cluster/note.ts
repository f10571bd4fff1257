// Every message between components carries a Note: what the trace records about it. The sender stamps
// it, because only the sender knows which step of the lifecycle caused the message.
import type { MessageKind, Phase } from '../trace/types';

export interface Note {
  activity: number | null;
  phase: Phase;
  pod: string | null;
  kind: MessageKind;
  label: string;
  detail: Record<string, unknown>;
}

/** The lifecycle step a message belongs to: its activity number and phase. */
export interface Cause {
  activity: number | null;
  phase: Phase;
  pod: string | null;
}

export const SETUP: Cause = { activity: null, phase: 'Setup', pod: null };

export function note(
  cause: Cause,
  kind: MessageKind,
  label: string,
  detail: Record<string, unknown> = {},
): Note {
  return { activity: cause.activity, phase: cause.phase, pod: cause.pod, kind, label, detail };
}

export function cause(activity: number | null, phase: Phase, pod: string | null): Cause {
  return { activity, phase, pod };
}
