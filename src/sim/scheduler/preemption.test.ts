import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { describe, expect, it } from 'vitest';
import { scheduleOne } from './index';
import { calculateNumCandidates, filterPodsWithPDBViolation } from './preemption';
import { fixedRandom, node, pod } from './testkit';
import type { SchedulingInput } from './types';

const run = (i: Omit<SchedulingInput, 'nextStartNodeIndex' | 'random'>, random = fixedRandom(0)) =>
  scheduleOne({ ...i, nextStartNodeIndex: 0, random });
const pdb = (
  allowed: number | undefined,
  app = 'db',
  disruptedPods?: Record<string, string>,
): PodDisruptionBudget => ({
  metadata: { name: `${app}-pdb`, namespace: 'default' },
  spec: { selector: { matchLabels: { app } } },
  status: {
    disruptionsAllowed: allowed as number,
    currentHealthy: 1,
    desiredHealthy: 1,
    expectedPods: 1,
    disruptedPods,
  },
});
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

  it('is not eligible while a pod it preempted still terminates on its nominated node', () => {
    const low = pod('low', { nodeName: 'n', priority: 0, requests: { cpu: '4' } });
    const victim: Pod = {
      ...low,
      metadata: { ...low.metadata, deletionTimestamp: '2026-05-12T10:00:00Z' },
      status: {
        phase: 'Running',
        conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }],
      },
    };
    const preemptor: Pod = { ...incoming(1000), status: { phase: 'Pending', nominatedNodeName: 'n' } };
    const r = run({ pod: preemptor, nodes: [node('n')], assignedPods: [victim] });
    expect(r.preemption?.eligible).toBe(false);
    expect(r.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to a terminating pod on the nominated node.',
    );
    // A pod deleted for another reason (no DisruptionTarget condition) does not block it.
    const deleted: Pod = { ...victim, status: { phase: 'Running' } };
    expect(run({ pod: preemptor, nodes: [node('n')], assignedPods: [deleted] }).preemption?.eligible).toBe(
      true,
    );
  });
});

describe('DefaultPreemption and PodDisruptionBudgets', () => {
  // n1's victim has the lower priority, so without a PDB n1 wins (lowest highest-victim priority).
  const assigned = [
    pod('db-0', { nodeName: 'n1', priority: 10, requests: { cpu: '4' }, labels: { app: 'db' } }),
    pod('batch', { nodeName: 'n2', priority: 100, requests: { cpu: '4' }, labels: { app: 'batch' } }),
  ];
  const nodes = [node('n1'), node('n2')];
  const rows: { name: string; pdbs: PodDisruptionBudget[]; want: string }[] = [
    { name: 'no PDB: the lowest highest-victim priority wins', pdbs: [], want: 'n1' },
    {
      name: 'a PDB with no disruptions allowed makes n1 violating: n2 is chosen',
      pdbs: [pdb(0)],
      want: 'n2',
    },
    { name: 'a PDB without status counts as 0 disruptions allowed', pdbs: [pdb(undefined)], want: 'n2' },
    { name: 'a PDB with one disruption allowed is not violated', pdbs: [pdb(1)], want: 'n1' },
    {
      name: 'a pod already in disruptedPods does not count again',
      pdbs: [pdb(0, 'db', { 'db-0': '2026-05-12T10:00:00Z' })],
      want: 'n1',
    },
    {
      name: 'a PDB in another namespace does not guard the pod',
      pdbs: [{ ...pdb(0), metadata: { name: 'db-pdb', namespace: 'other' } }],
      want: 'n1',
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const r = run({
        pod: incoming(1000),
        nodes,
        assignedPods: assigned,
        listers: { podDisruptionBudgets: row.pdbs },
      });
      expect(r.preemption?.victims?.node).toBe(row.want);
    });
  }

  it('tries to reprieve PDB-violating victims first', () => {
    // Room for one of a (PDB-guarded) and b beside the 2-CPU pod. Without the PDB, b (more important) is
    // reprieved and a is the victim; with it, a is reprieved first and b goes.
    const onNode = [
      pod('a', { nodeName: 'n', priority: 10, requests: { cpu: '2' }, labels: { app: 'db' } }),
      pod('b', { nodeName: 'n', priority: 20, requests: { cpu: '2' } }),
    ];
    const urgent = pod('urgent', { priority: 1000, requests: { cpu: '2' } });
    const input = { pod: urgent, nodes: [node('n')], assignedPods: onNode };
    expect(run(input).preemption?.victims?.pods).toEqual(['default/a']);
    expect(run({ ...input, listers: { podDisruptionBudgets: [pdb(0)] } }).preemption?.victims?.pods).toEqual([
      'default/b',
    ]);
  });

  it('spends a PDB’s allowed disruptions in victim order', () => {
    const pods = ['x', 'y', 'z'].map((n) => pod(n, { labels: { app: 'db' } }));
    const { violating, nonViolating } = filterPodsWithPDBViolation(pods, [pdb(1)]);
    expect(nonViolating.map((p) => p.metadata?.name)).toEqual(['x']);
    expect(violating.map((p) => p.metadata?.name)).toEqual(['y', 'z']);
    // A nil or empty selector matches nothing; a pod without labels matches no PDB.
    const empty = { ...pdb(0), spec: { selector: {} } };
    expect(filterPodsWithPDBViolation(pods, [empty]).violating).toEqual([]);
    expect(filterPodsWithPDBViolation([pod('bare')], [pdb(0)]).violating).toEqual([]);
  });
});

describe('DefaultPreemption candidates', () => {
  it('shortlists 10% of the potential nodes, at least 100, at most all', () => {
    // upstream: default_preemption.go calculateNumCandidates with MinCandidateNodesPercentage 10, Absolute 100
    expect([1, 50, 100, 1000, 1500, 5000].map(calculateNumCandidates)).toEqual([1, 50, 100, 100, 150, 500]);
  });

  it('starts the dry run at a random offset, which decides between equal candidates', () => {
    const nodes = [node('n1'), node('n2'), node('n3')];
    const assigned = nodes.map((n, i) =>
      pod(`low-${i}`, { nodeName: n.metadata?.name, priority: 0, requests: { cpu: '4' } }),
    );
    const at = (v: number) =>
      run({ pod: incoming(1000), nodes, assignedPods: assigned }, fixedRandom(v)).preemption?.victims?.node;
    expect([at(0), at(0.4), at(0.9)]).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('Nominated pods in filtering', () => {
  const big: Pod = {
    ...pod('big', { priority: 1000, requests: { cpu: '3' } }),
    status: { phase: 'Pending', nominatedNodeName: 'n' },
  };

  it('a nominated pod of equal or higher priority counts on its node', () => {
    const r = run({
      pod: pod('small', { priority: 1000, requests: { cpu: '2' } }),
      nodes: [node('n')],
      assignedPods: [],
      nominatedPods: [big],
    });
    expect(r.node).toBeNull();
    expect(r.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('a nominated pod of lower priority, or the pod itself, does not', () => {
    const higher = pod('vip', { priority: 2000, requests: { cpu: '2' } });
    expect(run({ pod: higher, nodes: [node('n')], assignedPods: [], nominatedPods: [big] }).node).toBe('n');
    expect(run({ pod: big, nodes: [node('n')], assignedPods: [], nominatedPods: [big] }).node).toBe('n');
  });

  it('the optimised and the plain path agree', () => {
    const input = {
      pod: pod('small', { priority: 1000, requests: { cpu: '2' } }),
      nodes: [node('m'), node('n')],
      assignedPods: [],
      nominatedPods: [big],
      nextStartNodeIndex: 0,
      random: fixedRandom(0),
    };
    const plain = scheduleOne(input, { optimised: false });
    expect(scheduleOne(input)).toEqual(plain);
    expect(plain.node).toBe('m');
    expect(plain.nodes[1]?.reasons).toEqual(['Insufficient cpu']);
  });
});
