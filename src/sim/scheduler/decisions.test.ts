import { describe, expect, it } from 'vitest';
import { CLUSTER_PRESETS } from '../../scenario/clusterPresets';
import { getPreset, parseBuiltIn } from '../../scenario/presets';
import { simulate } from '../cluster/simulate';
import { mainPod, podObjectAt } from '../trace/at';
import type { Trace } from '../trace/types';
import { cycleAt } from './decisions';

function run(text: string): { trace: Trace; pod: string } {
  const trace = simulate(parseBuiltIn(text, 'test'));
  return { trace, pod: mainPod(trace) ?? '' };
}

const zoned = run(CLUSTER_PRESETS.find((p) => p.id === 'zoned')?.text ?? '');
const pending = run(getPreset('unschedulable-selector')?.text ?? '');

const seqsOf = (t: Trace, pod: string, activity: number): number[] =>
  t.messages.filter((m) => m.activity === activity && m.pod === pod).map((m) => m.seq);

describe('cycleAt', () => {
  it('is null before the scheduler has started a cycle for the pod', () => {
    const first = seqsOf(zoned.trace, zoned.pod, 7)[0] ?? 0;
    expect(cycleAt(zoned.trace, first - 1, zoned.pod)).toBeNull();
  });

  it('reads the PreFilter results and every Filter decision of the cycle, in examination order', () => {
    const first = seqsOf(zoned.trace, zoned.pod, 7)[0] ?? 0;
    const c = cycleAt(zoned.trace, first, zoned.pod);
    expect(c?.preFilter).toContainEqual({ plugin: 'PodTopologySpread', result: 'Success' });
    expect(c?.filters.map((f) => [f.node, f.feasible])).toEqual([
      ['zone-a-1', false],
      ['zone-a-2', false],
      ['zone-b-1', true],
      ['zone-b-2', true],
      ['zone-c-1', true],
      ['zone-c-2', true],
    ]);
    expect(c?.filters[0]).toMatchObject({
      plugin: 'PodTopologySpread',
      reasons: ["node(s) didn't match pod topology spread constraints"],
      code: 'Unschedulable',
    });
    expect(c?.filters.every((f) => f.seq > first)).toBe(true);
  });

  it('reads the scores and the selected node', () => {
    const c = cycleAt(zoned.trace, zoned.trace.messages.length, zoned.pod);
    expect(c?.scores.map((s) => s.node)).toEqual(['zone-b-1', 'zone-b-2', 'zone-c-1', 'zone-c-2']);
    expect(c?.scores[1]?.scores.map((s) => s.plugin)).toContain('NodeResourcesFit');
    expect(c?.select).toMatchObject({ node: 'zone-b-2', acceptableNodes: ['zone-b-2'], message: null });
    expect(c?.nodes).toHaveLength(6);
  });

  it('carries the FailedScheduling message the pod condition shows', () => {
    const end = pending.trace.messages.length;
    const c = cycleAt(pending.trace, end, pending.pod);
    const pod = podObjectAt(pending.trace, end, pending.pod) as {
      status?: { conditions?: { type: string; message?: string }[] };
    } | null;
    const condition = pod?.status?.conditions?.find((x) => x.type === 'PodScheduled');
    expect(c?.select?.node).toBeNull();
    expect(c?.select?.message).toMatch(/^0\/3 nodes are available: /);
    expect(c?.select?.message).toBe(condition?.message);
  });

  it('picks the latest cycle at or before the playhead when the pod is retried', () => {
    const starts = seqsOf(pending.trace, pending.pod, 7);
    expect(starts.length).toBeGreaterThan(1);
    const last = starts.at(-1) ?? 0;
    expect(cycleAt(pending.trace, last, pending.pod)?.preFilterSeq).toBe(last);
    expect(cycleAt(pending.trace, last - 1, pending.pod)?.preFilterSeq).toBe(starts.at(-2));
  });
});
