import { describe, expect, it } from 'vitest';
import { simulate } from '../../sim/cluster/simulate';
import { DEFAULT_SCENARIO, getPreset, parseScenario } from '../../scenario';
import { queueAt } from './queue';

describe('queueAt', () => {
  it('is empty before the scheduler has queued anything', () => {
    expect(queueAt(simulate(DEFAULT_SCENARIO), 10)).toBeNull();
  });

  it('reads the counts of the latest queue message at or before the playhead', () => {
    const parsed = parseScenario(getPreset('unschedulable-selector')!.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const trace = simulate(parsed.scenario);
    const flush = trace.messages.filter((m) => m.activity === 6 && m.detail.queue).at(-1)!;
    const view = queueAt(trace, trace.messages.length)!;
    expect(view.seq).toBe(flush.seq);
    expect(view.counts).toEqual(flush.detail.queue);
    expect(view.counts.activeQ + view.counts.backoffQ + view.counts.unschedulable).toBeGreaterThanOrEqual(0);
  });
});
