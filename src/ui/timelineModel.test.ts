import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/cluster/simulate';
import { DEFAULT_SCENARIO } from '../scenario';
import { nextActivityStep, phaseBookmarks, previousActivityStep } from './timelineModel';

const trace = simulate(DEFAULT_SCENARIO);

describe('timeline', () => {
  it('bookmarks the first message of each phase in lifecycle order', () => {
    const marks = phaseBookmarks(trace);
    expect(marks.map((m) => m.phase)).toEqual([
      'Admission',
      'Persist',
      'Schedule',
      'Bind',
      'Sandbox',
      'Pull',
      'Start',
      'Running',
      'Delete',
    ]);
    for (const m of marks) expect(trace.messages[m.seq - 1]!.phase).toBe(m.phase);
    expect(marks.map((m) => m.seq)).toEqual([...marks.map((m) => m.seq)].sort((a, b) => a - b));
  });

  it('steps to the start of the next activity run and back again', () => {
    const first5 = trace.messages.find((m) => m.activity === 5)!.seq;
    const next = nextActivityStep(trace, first5);
    expect(trace.messages[next - 1]!.activity).not.toBe(5);
    expect(trace.messages[next - 2]!.activity).toBe(5);
    expect(previousActivityStep(trace, next)).toBe(first5);
  });

  it('stops at the ends', () => {
    expect(previousActivityStep(trace, 1)).toBe(0);
    expect(nextActivityStep(trace, trace.messages.length)).toBe(trace.messages.length);
  });
});
