import { describe, expect, it } from 'vitest';
import { scheduleOne } from '../index';
import { buildSnapshot } from '../snapshot';
import { fixedRandom, node, pod } from '../testkit';
import type { NodeVerdict, SchedulingInput } from '../types';
import { nodeAffinityFilter } from './nodeAffinity';
import { nodePortsFilter } from './nodePorts';
import { balancedAllocationScore, leastAllocatedScore, nodeResourcesFitFilter } from './nodeResources';
import { imageLocalityScore, normalizedImageName } from './imageLocality';
import { toleratesTaint } from './taints';

const run = (i: Omit<SchedulingInput, 'nextStartNodeIndex' | 'random'>) =>
  scheduleOne({ ...i, nextStartNodeIndex: 0, random: fixedRandom(0) });
const scoreOf = (v: NodeVerdict | undefined, plugin: string) => v?.scores.find((s) => s.plugin === plugin);

describe('TaintToleration', () => {
  it('matches on empty effect/key and Exists, and compares values for Equal', () => {
    const taint = { key: 'gpu', value: 'yes', effect: 'NoSchedule' };
    expect(toleratesTaint({ operator: 'Exists' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'gpu', operator: 'Equal', value: 'yes' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'gpu', value: 'no' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'gpu', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
  });

  it('scores a node with an untolerated PreferNoSchedule taint 0 and the others 100', () => {
    const r = run({
      pod: pod('p'),
      nodes: [node('soft', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }), node('plain')],
      assignedPods: [],
    });
    expect(scoreOf(r.nodes[0], 'TaintToleration')?.normalized).toBe(0);
    expect(scoreOf(r.nodes[1], 'TaintToleration')?.normalized).toBe(100);
    expect(r.node).toBe('plain');
  });

  it('lets a cordoned node through only for a pod tolerating the unschedulable taint', () => {
    const cordoned = [node('c', { unschedulable: true })];
    expect(run({ pod: pod('p'), nodes: cordoned, assignedPods: [] }).nodes[0]?.reasons).toEqual([
      'node(s) were unschedulable',
    ]);
    const tolerant = pod('t', {
      spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }] },
    });
    expect(run({ pod: tolerant, nodes: cordoned, assignedPods: [] }).node).toBe('c');
  });
});

describe('NodeAffinity', () => {
  const withExpr = (operator: string, values?: string[]) =>
    pod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'gen', operator, values }] }],
            },
          },
        },
      },
    });
  const [g5, plain] = buildSnapshot([node('a', { labels: { gen: '5' } }), node('b')], []).nodes;

  it('compares Gt and Lt as integers and never matches a missing label', () => {
    expect(nodeAffinityFilter(withExpr('Gt', ['4']), g5!)).toBeNull();
    expect(nodeAffinityFilter(withExpr('Lt', ['5']), g5!)?.reasons).toEqual([
      "node(s) didn't match Pod's node affinity/selector",
    ]);
    expect(nodeAffinityFilter(withExpr('Gt', ['4']), plain!)).not.toBeNull();
  });

  it('treats NotIn and DoesNotExist as satisfied by a node without the label', () => {
    expect(nodeAffinityFilter(withExpr('NotIn', ['5']), plain!)).toBeNull();
    expect(nodeAffinityFilter(withExpr('DoesNotExist'), plain!)).toBeNull();
    expect(nodeAffinityFilter(withExpr('NotIn', ['5']), g5!)).not.toBeNull();
  });
});

describe('NodePorts', () => {
  const [n] = buildSnapshot(
    [node('n')],
    [
      {
        ...pod('x', { nodeName: 'n' }),
        spec: {
          nodeName: 'n',
          containers: [
            { name: 'c', ports: [{ containerPort: 53, hostPort: 53, hostIP: '10.0.0.1', protocol: 'UDP' }] },
          ],
        },
      },
    ],
  ).nodes;

  it('conflicts only on the same protocol and an overlapping address', () => {
    expect(nodePortsFilter([{ ip: '0.0.0.0', protocol: 'UDP', port: 53 }], n!)).not.toBeNull();
    expect(nodePortsFilter([{ ip: '10.0.0.2', protocol: 'UDP', port: 53 }], n!)).toBeNull();
    expect(nodePortsFilter([{ ip: '0.0.0.0', protocol: 'TCP', port: 53 }], n!)).toBeNull();
  });
});

describe('NodeResourcesFit', () => {
  it('reports Too many pods first and is resolvable when only free capacity is short', () => {
    const [n] = buildSnapshot(
      [node('n', { pods: '1', cpu: '1' })],
      [pod('x', { nodeName: 'n', requests: { cpu: '800m' } })],
    ).nodes;
    expect(nodeResourcesFitFilter({ cpu: 500 }, n!)).toEqual({
      plugin: 'NodeResourcesFit',
      code: 'Unschedulable',
      reasons: ['Too many pods', 'Insufficient cpu'],
    });
  });

  it('is unresolvable when a request exceeds the whole allocatable', () => {
    const [n] = buildSnapshot([node('n', { cpu: '1' })], []).nodes;
    expect(nodeResourcesFitFilter({ cpu: 1500 }, n!)?.code).toBe('UnschedulableAndUnresolvable');
  });

  it('scores LeastAllocated and BalancedAllocation as the kind fixture’s worker2 (93 and 75)', () => {
    const [w] = buildSnapshot(
      [node('w', { cpu: '8', memory: '16318412Ki' })],
      [
        pod('kindnet', { nodeName: 'w', requests: { cpu: '100m', memory: '50Mi' } }),
        pod('proxy', { nodeName: 'w' }),
        pod('redis', { nodeName: 'w', requests: { cpu: '250m', memory: '512Mi' } }),
      ],
    ).nodes;
    const MI = 1024 * 1024;
    expect(leastAllocatedScore({ cpu: 100, memory: 128 * MI }, w!)).toBe(93);
    expect(balancedAllocationScore({ cpu: 100, memory: 128 * MI }, w!)).toBe(75);
  });
});

describe('ImageLocality', () => {
  it('appends :latest only when the name has no tag after the last slash', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('reg:5000/app')).toBe('reg:5000/app:latest');
    expect(normalizedImageName('reg:5000/app:1.0')).toBe('reg:5000/app:1.0');
  });

  it('scales a cached image by its spread over the cluster', () => {
    const MB = 1024 * 1024;
    const snap = buildSnapshot(
      [node('a', { images: [{ names: ['big:1'], sizeBytes: 1000 * MB }] }), node('b')],
      [],
    );
    // 1000MiB × 1/2 = 500MiB → 100 × (500 − 23) / (1000 − 23) = 48
    expect(imageLocalityScore(pod('p', { image: 'big:1' }), snap.nodes[0]!, snap)).toBe(48);
    expect(imageLocalityScore(pod('p', { image: 'big:1' }), snap.nodes[1]!, snap)).toBe(0);
  });
});
