import { describe, expect, it } from 'vitest';
import { scheduleOne } from '../index';
import { fixedRandom, node, pod } from '../testkit';
import type { NodeVerdict, SchedulingInput } from '../types';

const run = (i: Omit<SchedulingInput, 'nextStartNodeIndex' | 'random'>) =>
  scheduleOne({ ...i, nextStartNodeIndex: 0, random: fixedRandom(0) });
const scoreOf = (v: NodeVerdict | undefined, plugin: string) => v?.scores.find((s) => s.plugin === plugin);
const zoned = (name: string, zone: string) => node(name, { labels: { zone } });
const affinity = (kind: 'podAffinity' | 'podAntiAffinity', app: string, key = 'zone') => ({
  affinity: {
    [kind]: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app } }, topologyKey: key },
      ],
    },
  },
});

describe('InterPodAffinity', () => {
  it('requires a matching pod in the same topology domain', () => {
    const r = run({
      pod: pod('web', { spec: affinity('podAffinity', 'cache') }),
      nodes: [zoned('a', 'z1'), zoned('b', 'z2'), zoned('c', 'z2')],
      assignedPods: [pod('cache', { nodeName: 'c', labels: { app: 'cache' } })],
    });
    expect(r.nodes[0]?.reasons).toEqual(["node(s) didn't match pod affinity rules"]);
    expect(r.nodes.map((n) => n.feasible)).toEqual([false, true, true]);
  });

  it('lets the first pod of a self-affine group land on any node that has the key', () => {
    const r = run({
      pod: pod('first', { labels: { app: 'web' }, spec: affinity('podAffinity', 'web') }),
      nodes: [zoned('a', 'z1'), node('nokey')],
      assignedPods: [],
    });
    expect(r.node).toBe('a');
    expect(r.nodes[1]?.reasons).toEqual(["node(s) didn't match pod affinity rules"]);
  });

  it('rejects a node whose existing pod has anti-affinity against the incoming pod', () => {
    const guard = pod('guard', {
      nodeName: 'a',
      spec: { nodeName: 'a', ...affinity('podAntiAffinity', 'web') },
    });
    const r = run({
      pod: pod('w', { labels: { app: 'web' } }),
      nodes: [zoned('a', 'z1'), zoned('b', 'z2')],
      assignedPods: [guard],
    });
    expect(r.nodes[0]?.reasons).toEqual(["node(s) didn't satisfy existing pods anti-affinity rules"]);
  });

  it('scores preferred affinity min-max normalized over the feasible nodes', () => {
    const p = pod('w', {
      spec: {
        affinity: {
          podAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 10,
                podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' },
              },
            ],
          },
        },
      },
    });
    const r = run({
      pod: p,
      nodes: [zoned('a', 'z1'), zoned('b', 'z2')],
      assignedPods: [pod('db', { nodeName: 'b', labels: { app: 'db' } })],
    });
    expect([
      scoreOf(r.nodes[0], 'InterPodAffinity')?.normalized,
      scoreOf(r.nodes[1], 'InterPodAffinity')?.normalized,
    ]).toEqual([0, 100]);
    expect(r.node).toBe('b');
  });
});

describe('PodTopologySpread', () => {
  const spread = (when: 'DoNotSchedule' | 'ScheduleAnyway') => ({
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'zone',
        whenUnsatisfiable: when,
        labelSelector: { matchLabels: { app: 'w' } },
      },
    ],
  });

  it('reports a node without the topology key as unresolvable', () => {
    const r = run({
      pod: pod('w', { labels: { app: 'w' }, spec: spread('DoNotSchedule') }),
      nodes: [zoned('a', 'z1'), node('nokey')],
      assignedPods: [],
    });
    expect(r.nodes[1]).toMatchObject({
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"],
    });
  });

  it('counts an empty tainted zone as a domain, so the global minimum is zero', () => {
    const nodes = [
      zoned('a', 'z1'),
      node('t', { labels: { zone: 'z2' }, taints: [{ key: 'k', effect: 'NoSchedule' }] }),
    ];
    const r = run({
      pod: pod('w', { labels: { app: 'w' }, spec: spread('DoNotSchedule') }),
      nodes,
      assignedPods: [pod('w0', { nodeName: 'a', labels: { app: 'w' } })],
    });
    expect(r.nodes[0]?.reasons).toEqual(["node(s) didn't match pod topology spread constraints"]);
    expect(r.node).toBeNull();
  });

  it('scores ScheduleAnyway constraints so the emptier zone wins', () => {
    const nodes = [zoned('a', 'z1'), zoned('b', 'z2')];
    const r = run({
      pod: pod('w', { labels: { app: 'w' }, spec: spread('ScheduleAnyway') }),
      nodes,
      assignedPods: [pod('w0', { nodeName: 'a', labels: { app: 'w' } })],
    });
    // raw: z1 = round(1·ln(4) + 0) = 1, z2 = 0 → normalized 100·(1+0−raw)/1
    expect([
      scoreOf(r.nodes[0], 'PodTopologySpread')?.raw,
      scoreOf(r.nodes[1], 'PodTopologySpread')?.raw,
    ]).toEqual([1, 0]);
    expect([
      scoreOf(r.nodes[0], 'PodTopologySpread')?.normalized,
      scoreOf(r.nodes[1], 'PodTopologySpread')?.normalized,
    ]).toEqual([0, 100]);
  });
});
