import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../scenario';
import { backoffMs, clusterEventOf, requeueTarget, worthRequeuing } from './schedulingQueue';

const node = (extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n', labels: { a: '1' } },
  spec: {},
  status: { allocatable: { cpu: '4' } },
  ...extra,
});
const pod = (nodeName?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: nodeName ? { nodeName } : {},
});

describe('backoffMs (1 s doubling, capped at 10 s)', () => {
  it.each([
    [0, 0],
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 10_000],
    [12, 10_000],
  ])('attempt %i → %i ms', (attempts, ms) => expect(backoffMs(attempts)).toBe(ms));
});

describe('clusterEventOf', () => {
  it('names node adds and updates, and deletions of assigned pods only', () => {
    expect(clusterEventOf('ADDED', node(), undefined)?.label).toBe('NodeAdd');
    expect(clusterEventOf('MODIFIED', node(), node())?.label).toBe('NodeUpdate');
    expect(clusterEventOf('DELETED', node(), node())).toBeNull();
    expect(clusterEventOf('DELETED', pod('n'), pod('n'))?.label).toBe('AssignedPodDelete');
    expect(clusterEventOf('DELETED', pod(), pod())).toBeNull();
    expect(clusterEventOf('ADDED', pod('n'), undefined)).toBeNull();
  });
});

describe('worthRequeuing (QueueingHints of the plugins that rejected the pod)', () => {
  const add = clusterEventOf('ADDED', node(), undefined)!;
  const del = clusterEventOf('DELETED', pod('n'), pod('n'))!;
  const update = (after: Partial<KubeObject>) => clusterEventOf('MODIFIED', node(after), node())!;
  it.each([
    ['NodeAdd queues any plugin', ['TaintToleration'], add, true],
    ['an assigned pod deleted frees resources', ['NodeResourcesFit'], del, true],
    ['an assigned pod deleted frees host ports', ['NodePorts'], del, true],
    ['an assigned pod deleted does not remove taints', ['TaintToleration'], del, false],
    [
      'more allocatable helps NodeResourcesFit',
      ['NodeResourcesFit'],
      update({ status: { allocatable: { cpu: '8' } } }),
      true,
    ],
    ['a status-only heartbeat does not', ['NodeResourcesFit'], update({}), false],
    [
      'new labels help NodeAffinity',
      ['NodeAffinity'],
      update({ metadata: { name: 'n', labels: { a: '2' } } }),
      true,
    ],
    [
      'new labels do not help TaintToleration',
      ['TaintToleration'],
      update({ metadata: { name: 'n', labels: { a: '2' } } }),
      false,
    ],
    ['removed taints help TaintToleration', ['TaintToleration'], update({ spec: { taints: [] } }), true],
    [
      'uncordon helps NodeUnschedulable',
      ['NodeUnschedulable'],
      update({ spec: { unschedulable: true } }),
      true,
    ],
    ['any one plugin saying Queue is enough', ['TaintToleration', 'NodeResourcesFit'], del, true],
    ['a pod rejected by no plugin is always requeued', [], del, true],
  ] as const)('%s', (_why, plugins, ev, queue) => expect(worthRequeuing(plugins, ev)).toBe(queue));
});

describe('requeueTarget', () => {
  it('sends a pod still backing off to backoffQ, and one whose backoff ran out to activeQ', () => {
    expect(requeueTarget(500, 0, 1)).toBe('backoffQ');
    expect(requeueTarget(1_000, 0, 1)).toBe('activeQ');
    expect(requeueTarget(3_000, 0, 3)).toBe('backoffQ');
    expect(requeueTarget(10_000, 0, 9)).toBe('activeQ');
  });
});
