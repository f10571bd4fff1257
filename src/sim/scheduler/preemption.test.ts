import { describe, expect, it } from 'vitest';
import { scheduleOne } from './index';
import { fixedRandom, node, pod } from './testkit';
import type { SchedulingInput } from './types';

const run = (i: Omit<SchedulingInput, 'nextStartNodeIndex' | 'random'>) =>
  scheduleOne({ ...i, nextStartNodeIndex: 0, random: fixedRandom(0) });
const incoming = (priority: number, extra: Parameters<typeof pod>[1] = {}) =>
  pod('urgent', { priority, requests: { cpu: '2' }, ...extra });

describe('DefaultPreemption', () => {
  it('removes lower-priority pods, reprieves the most important first, and keeps the rest as victims', () => {
    const assigned = [
      pod('low', { nodeName: 'n', priority: 0, requests: { cpu: '2' } }),
      pod('mid', { nodeName: 'n', priority: 50, requests: { cpu: '1' } }),
      pod('high', { nodeName: 'n', priority: 2000, requests: { cpu: '1' } }),
    ];
    const r = run({ pod: incoming(1000), nodes: [node('n')], assignedPods: assigned });
    expect(r.preemption).toEqual({
      eligible: true,
      message: '',
      victims: { node: 'n', pods: ['default/low'] },
    });
  });

  it('leaves the PostFilter part out of the message when preemption nominated a node', () => {
    const assigned = [pod('low', { nodeName: 'n', priority: 0, requests: { cpu: '4' } })];
    expect(run({ pod: incoming(1000), nodes: [node('n')], assignedPods: assigned }).message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu.',
    );
  });

  it('prefers the node whose most important victim has the lowest priority', () => {
    const assigned = [
      pod('a', { nodeName: 'n1', priority: 100, requests: { cpu: '4' } }),
      pod('b', { nodeName: 'n2', priority: 10, requests: { cpu: '4' } }),
    ];
    const r = run({ pod: incoming(1000), nodes: [node('n1'), node('n2')], assignedPods: assigned });
    expect(r.preemption?.victims).toEqual({ node: 'n2', pods: ['default/b'] });
  });

  it('reports no victims on Unschedulable nodes that hold no lower-priority pod', () => {
    const assigned = [pod('same', { nodeName: 'n', priority: 1000, requests: { cpu: '4' } })];
    expect(run({ pod: incoming(1000), nodes: [node('n')], assignedPods: assigned }).message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('reports the filter reason of a node that still fails with every lower-priority pod removed', () => {
    const assigned = [
      pod('low', { nodeName: 'n', priority: 0, requests: { cpu: '1' } }),
      pod('keep', { nodeName: 'n', priority: 5000, requests: { cpu: '3' } }),
    ];
    expect(run({ pod: incoming(1000), nodes: [node('n')], assignedPods: assigned }).preemption?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu.',
    );
  });

  it('is not eligible with preemptionPolicy Never', () => {
    const r = run({
      pod: incoming(1000, { spec: { preemptionPolicy: 'Never' } }),
      nodes: [node('n', { cpu: '1' })],
      assignedPods: [],
    });
    expect(r.preemption).toEqual({
      eligible: false,
      message: 'not eligible due to preemptionPolicy=Never.',
      victims: null,
    });
  });
});
