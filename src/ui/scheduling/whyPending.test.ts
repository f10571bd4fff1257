import { describe, expect, it } from 'vitest';
import { CLUSTER_PRESETS } from '../../scenario/clusterPresets';
import { getPreset, parseBuiltIn } from '../../scenario/presets';
import { simulate } from '../../sim/cluster/simulate';
import { cycleAt } from '../../sim/scheduler/decisions';
import type { FilterDecision } from '../../sim/scheduler/decisions';
import type { Trace } from '../../sim/trace/types';
import { cycleFixes, cycleRequests, fixInputAt, nameList, pendingSentence, whyPending } from './whyPending';
import type { CycleDecisions } from '../../sim/scheduler/decisions';

const explainCycle = (trace: Trace, cycle: CycleDecisions, delivered: number) => {
  const fixes = cycleFixes(trace, cycle);
  return { fixes, sentence: pendingSentence(cycle, delivered, cycleRequests(trace, cycle)) };
};

const traceOf = (text: string): Trace => simulate(parseBuiltIn(text, 'test'));
const verdict = (node: string, plugin: string, ...reasons: string[]): FilterDecision => ({
  seq: 1,
  node,
  feasible: false,
  plugin,
  reasons,
  code: 'Unschedulable',
});

describe('whyPending', () => {
  it('groups nodes by verdict, with the pod’s request in the resource clause', () => {
    const s = whyPending(
      'nginx',
      [
        verdict('control-plane', 'TaintToleration', 'node(s) had untolerated taint(s)'),
        verdict('worker-1', 'NodeResourcesFit', 'Insufficient cpu'),
        verdict('worker-2', 'NodeResourcesFit', 'Insufficient cpu'),
      ],
      { cpu: 2000 },
    );
    expect(s).toBe(
      "No node can take nginx: control-plane has a taint the pod doesn't tolerate; worker-1 and worker-2 don't have 2 cpu free.",
    );
  });

  it('joins several reasons of one node and falls back to the verbatim reason', () => {
    const s = whyPending(
      'api',
      [
        verdict('n1', 'NodeResourcesFit', 'Too many pods', 'Insufficient memory'),
        verdict('n2', 'DynamicResources', 'cannot allocate all claims'),
      ],
      { memory: 2 * 1024 ** 3 },
    );
    expect(s).toBe(
      "No node can take api: n1 has no pod slot left and doesn't have 2Gi memory free; n2 is rejected: cannot allocate all claims.",
    );
  });

  it('keeps long node lists short', () => {
    expect(nameList(['a', 'b', 'c', 'd'])).toBe('a, b, c and d');
    expect(nameList(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c and 3 other nodes');
  });
});

describe('explainCycle', () => {
  it('explains the nodeSelector preset and offers a label (cluster) and toleration + label (control plane)', () => {
    const trace = traceOf(getPreset('unschedulable-selector')?.text ?? '');
    const end = trace.messages.length;
    const cycle = cycleAt(trace, end, 'default/nginx');
    if (!cycle) throw new Error('no cycle');
    const input = fixInputAt(trace, cycle.preFilterSeq, cycle.pod);
    expect(input?.nodes.map((n) => n.metadata?.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);
    expect(input?.assignedPods.length).toBeGreaterThan(0);
    const e = explainCycle(trace, cycle, end);
    expect(e.sentence).toBe(
      "No node can take nginx: control-plane has a taint the pod doesn't tolerate; worker-1 and worker-2 " +
        "don't match the pod's nodeSelector or node affinity.",
    );
    expect(e.fixes.get('worker-1')?.map((f) => f.text)).toEqual(['label worker-1 with disktype=ssd']);
    expect(e.fixes.get('control-plane')?.map((f) => f.text)).toEqual([
      'add toleration node-role.kubernetes.io/control-plane:NoSchedule',
      'label control-plane with disktype=ssd',
    ]);
  });

  it('says nothing before the failed cycle is reached', () => {
    const trace = traceOf(getPreset('unschedulable-selector')?.text ?? '');
    const pre = trace.messages.find((m) => m.activity === 7)?.seq ?? 0;
    const cycle = cycleAt(trace, pre, 'default/nginx');
    if (!cycle) throw new Error('no cycle');
    expect(explainCycle(trace, cycle, pre).sentence).toBeNull();
  });

  it('offers the free amount on the nearly full nodes', () => {
    const text = CLUSTER_PRESETS.find((p) => p.id === 'nearly-full')?.text ?? '';
    const trace = traceOf(text);
    const pod = trace.messages.find((m) => m.activity === 7)?.pod ?? '';
    const cycle = cycleAt(trace, trace.messages.length, pod);
    if (!cycle) throw new Error('no cycle');
    const e = explainCycle(trace, cycle, trace.messages.length);
    expect(e.sentence).toBeNull(); // node-4 takes it
    expect(e.fixes.get('node-1')?.map((f) => f.text)).toEqual(['requests.cpu ≤ 500m']);
    expect(e.fixes.get('node-2')?.map((f) => f.text)).toEqual(['requests.memory ≤ 1Gi']);
    expect(e.fixes.get('node-3')?.[0]?.text).toMatch(/^node-3 runs 2 pods, all its allocatable pods allow/);
  });
});
