import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse';
import { PREEMPTION_PDB_PRESET } from '../../scenario/preemptionPresets';
import { simulate } from '../../sim/cluster/simulate';
import { cycleAt } from '../../sim/scheduler/decisions';
import { schedulingView } from './viewModel';
import { subStepText } from '../narration/substeps';

describe('the Scheduling panel through a preemption (preemption-with-PDB preset)', () => {
  const parsed = parseScenario(PREEMPTION_PDB_PRESET.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const trace = simulate(parsed.scenario);
  const selects = trace.messages.filter(
    (m) => m.from === 'kube-scheduler' && m.to === 'kube-scheduler' && m.activity === 10,
  );

  it('shows the failed cycle’s nomination and victims', () => {
    const at = selects[0]!.seq;
    const view = schedulingView(cycleAt(trace, at, 'default/api')!, at);
    expect(view.phase).toBe('unschedulable');
    expect(view.preemption).toEqual({ node: 'node-2', pods: ['default/cache-0'] });
  });

  it('narrates the failed cycle as a preemption, not as waiting for the cluster to change', () => {
    expect(subStepText(selects[0]!)).toMatch(
      /^No node passed every filter, but DefaultPreemption found lower-priority victims/,
    );
  });

  it('says the next cycle tried only the nominated node, not that the search ended early', () => {
    const at = selects[1]!.seq;
    const cycle = cycleAt(trace, at, 'default/api')!;
    expect(cycle.nominatedNode).toBe('node-2');
    const view = schedulingView(cycle, at);
    expect(view.selected).toBe('node-2');
    expect(view.notExamined).toEqual({
      count: 1,
      reason: 'the pod tried only node-2, the node its preemption nominated, and fits there',
    });
  });
});
