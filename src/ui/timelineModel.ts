// Pure helpers for time travel: where each phase begins, and the activity boundaries to step between.
import { PHASES, type Phase, type Trace } from '../sim/trace/types';

export interface Bookmark {
  phase: Phase;
  /** seq of the phase's first message. */
  seq: number;
}

/** The first message of each phase the trace reaches, in lifecycle order (Setup left out). */
export function phaseBookmarks(trace: Trace): Bookmark[] {
  const first = new Map<Phase, number>();
  for (const m of trace.messages) if (!first.has(m.phase)) first.set(m.phase, m.seq);
  return PHASES.filter((p) => p !== 'Setup' && first.has(p)).map((phase) => ({
    phase,
    seq: first.get(phase)!,
  }));
}

/** The step where the next activity run starts after `step` (a run: consecutive messages of one activity). */
export function nextActivityStep(trace: Trace, step: number): number {
  const ms = trace.messages;
  const current = ms[step - 1]?.activity;
  for (let i = step; i < ms.length; i++) if (ms[i]!.activity !== current) return i + 1;
  return ms.length;
}

/** The step where the activity run before `step`'s begins (or the start of the current run). */
export function previousActivityStep(trace: Trace, step: number): number {
  const ms = trace.messages;
  if (step <= 1) return 0;
  let i = step - 2;
  const target = ms[i]?.activity;
  while (i > 0 && ms[i - 1]!.activity === target) i--;
  return i + 1;
}
