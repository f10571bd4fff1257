import { describe, expect, it } from 'vitest';
import { numFeasibleNodesToFind, scheduleOne } from './index';
import { fitErrorMessage, reasonHistogram } from './message';
import { fixedRandom, node, pod } from './testkit';
import type { Status } from './types';

const status = (...reasons: string[]): Status => ({ plugin: 'X', code: 'Unschedulable', reasons });

describe('scheduler.md §7 worked checks', () => {
  it('scores 500m/512Mi on an empty 4cpu/8Gi node as LA 90, BA 73, TT 300, IL 0, total 463', () => {
    const p = pod('web', { requests: { cpu: '500m', memory: '512Mi' } });
    const r = scheduleOne({
      pod: p,
      nodes: [node('a'), node('b')],
      assignedPods: [],
      nextStartNodeIndex: 0,
      random: fixedRandom(0),
    });
    const a = r.nodes[0];
    const by = Object.fromEntries((a?.scores ?? []).map((s) => [s.plugin, s]));
    expect(by.NodeResourcesFit?.raw).toBe(90);
    expect(by.NodeResourcesBalancedAllocation?.raw).toBe(73);
    expect(by.TaintToleration?.weighted).toBe(300);
    expect(by.ImageLocality?.raw).toBe(0);
    expect(a?.total).toBe(463);
  });

  it('counts four best-effort pods as 5×100m/5×200Mi so LeastAllocated gives 87 and BalancedAllocation skips', () => {
    const existing = [1, 2, 3, 4].map((i) => pod(`be-${i}`, { nodeName: 'node-a' }));
    const r = scheduleOne({
      pod: pod('be'),
      nodes: [node('node-a'), node('node-b')],
      assignedPods: existing,
      nextStartNodeIndex: 0,
      random: fixedRandom(0),
    });
    const scores = r.nodes[0]?.scores ?? [];
    expect(scores.find((s) => s.plugin === 'NodeResourcesFit')?.raw).toBe(87);
    expect(scores.map((s) => s.plugin)).not.toContain('NodeResourcesBalancedAllocation');
  });
});

describe('selection', () => {
  it('binds the only feasible node without scoring it', () => {
    const r = scheduleOne({
      pod: pod('big', { requests: { cpu: '3' } }),
      nodes: [node('small', { cpu: '1' }), node('large')],
      assignedPods: [],
      nextStartNodeIndex: 0,
      random: fixedRandom(0),
    });
    expect(r.node).toBe('large');
    expect(r.nodes.map((n) => n.total)).toEqual([null, null]);
  });

  it('breaks a tie with the seeded random source', () => {
    const input = {
      pod: pod('p'),
      nodes: [node('a'), node('b'), node('c')],
      assignedPods: [],
      nextStartNodeIndex: 0,
    };
    expect(scheduleOne({ ...input, random: fixedRandom(0) }).node).toBe('a');
    expect(scheduleOne({ ...input, random: fixedRandom(0.99) }).node).toBe('c');
    expect(scheduleOne({ ...input, random: fixedRandom(0.5) }).acceptableNodes).toEqual(['a', 'b', 'c']);
  });
});

describe('numFeasibleNodesToFind', () => {
  it('follows the adaptive percentage with a floor of 100 nodes', () => {
    expect([99, 100, 500, 1000, 5000, 6000].map((n) => numFeasibleNodesToFind(n))).toEqual([
      99, 100, 230, 420, 500, 300,
    ]);
  });

  it('honours an explicit percentage but never goes under 100 nodes', () => {
    expect([numFeasibleNodesToFind(1000, 50), numFeasibleNodesToFind(1000, 1)]).toEqual([500, 100]);
  });
});

describe('a 500-node cluster', () => {
  const nodes = Array.from({ length: 500 }, (_, i) => node(`n${String(i).padStart(3, '0')}`));

  it('examines 230 nodes and advances the start index by 230', () => {
    const r = scheduleOne({
      pod: pod('p'),
      nodes,
      assignedPods: [],
      nextStartNodeIndex: 0,
      random: fixedRandom(0),
    });
    expect(r.numFeasibleNodesToFind).toBe(230);
    expect(r.examinedCount).toBe(230);
    expect(r.nodes.filter((n) => n.examined)).toHaveLength(230);
    expect(r.nodes[229]?.examined).toBe(true);
    expect(r.nodes[230]?.examined).toBe(false);
    expect(r.nextStartNodeIndex).toBe(230);
  });

  it('wraps around from a rotating start index', () => {
    const r = scheduleOne({
      pod: pod('p'),
      nodes,
      assignedPods: [],
      nextStartNodeIndex: 400,
      random: fixedRandom(0),
    });
    expect(r.nodes[399]?.examined).toBe(false);
    expect(r.nodes[400]?.examined).toBe(true);
    expect(r.nodes[129]?.examined).toBe(true);
    expect(r.nodes[130]?.examined).toBe(false);
    expect(r.nextStartNodeIndex).toBe(130);
  });
});

describe('FailedScheduling message', () => {
  it('sorts "count reason" byte-wise: digits, then uppercase, then lowercase', () => {
    const h = reasonHistogram(
      [
        status('Insufficient memory'),
        status('Too many pods'),
        status("node(s) didn't match"),
        status('Insufficient cpu'),
        status('Insufficient cpu'),
      ],
      5,
      [],
    );
    expect(h).toEqual([
      '1 Insufficient memory',
      '1 Too many pods',
      "1 node(s) didn't match",
      '2 Insufficient cpu',
    ]);
  });

  it('puts "10 x" before "2 y" because the sort is on the whole string', () => {
    const explicit = [...Array<Status>(10).fill(status('x')), status('y'), status('y')];
    expect(reasonHistogram(explicit, 12, [])).toEqual(['10 x', '2 y']);
  });

  it('reproduces the reference example with taint, cpu and both preemption verdicts', () => {
    const nodes = [
      node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      node('w1', { cpu: '1' }),
      node('w2', { cpu: '1' }),
    ];
    const r = scheduleOne({
      pod: pod('p', { requests: { cpu: '900m' } }),
      nodes,
      assignedPods: [
        pod('a', { nodeName: 'w1', requests: { cpu: '500m' } }),
        pod('b', { nodeName: 'w2', requests: { cpu: '500m' } }),
      ],
      nextStartNodeIndex: 0,
      random: fixedRandom(0),
    });
    expect(r.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('uses the PreFilter message instead of a histogram when a PreFilter rejects', () => {
    expect(
      fitErrorMessage({
        numAllNodes: 2,
        preFilterMsg: 'pod affinity terms conflict',
        explicit: [],
        absentReasons: [],
        postFilterMsg: 'x',
      }),
    ).toBe('0/2 nodes are available: pod affinity terms conflict. x');
  });
});

describe('NodeAffinity PreFilter subset (DaemonSet pin)', () => {
  const pinned = (target: string, cpu: string) =>
    pod('ds', {
      requests: { cpu },
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: [target] }] },
              ],
            },
          },
        },
      },
    });

  it('filters only the pinned node and marks the others as not examined', () => {
    const r = scheduleOne({
      pod: pinned('n2', '1'),
      nodes: [node('n1'), node('n2'), node('n3')],
      assignedPods: [],
      nextStartNodeIndex: 0,
      random: fixedRandom(0),
    });
    expect(r.node).toBe('n2');
    expect(r.preFilter[0]).toEqual({ plugin: 'NodeAffinity', result: 'matchFields metadata.name In [n2]' });
    expect(r.nodes.map((n) => n.examined)).toEqual([false, true, false]);
  });

  it('counts the excluded nodes under the absent status in the message', () => {
    const r = scheduleOne({
      pod: pinned('n2', '8'),
      nodes: [node('n1'), node('n2'), node('n3')],
      assignedPods: [],
      nextStartNodeIndex: 0,
      random: fixedRandom(0),
    });
    expect(r.message).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });
});
