// PodTopologySpread's system defaults, worked by hand from upstream's formulas
// (podtopologyspread/scoring.go: weight = ln(domains + 2), raw = round(Σ cnt·weight + maxSkew − 1),
// normalised = 100·(max + min − raw) / max, ignored nodes 0).
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod, ReplicationController, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { scheduleOne } from '../index';
import { fixedRandom, node, pod, type PodOpts } from '../testkit';
import type { SchedulerListers, SchedulingInput } from '../types';
import { defaultSelector } from './defaultSpread';

const SPREAD = 'PodTopologySpread';
const HASH = { app: 'web', 'pod-template-hash': 'abc' };
const rs = (name = 'web-abc', selector = HASH): ReplicaSet => ({
  metadata: { name, namespace: 'default' },
  spec: { selector: { matchLabels: selector } },
});
const owned = (name: string, kind = 'ReplicaSet', owner = 'web-abc', o: PodOpts = {}): Pod => {
  const p = pod(name, { labels: HASH, ...o });
  const apiVersion = kind === 'ReplicationController' ? 'v1' : 'apps/v1';
  p.metadata!.ownerReferences = [{ apiVersion, kind, name: owner, uid: `${owner}-uid`, controller: true }];
  return p;
};
const replica = (name: string, nodeName: string) => owned(name, 'ReplicaSet', 'web-abc', { nodeName });
const zoned = (name: string, zone: string) => node(name, { labels: { 'topology.kubernetes.io/zone': zone } });
const service = (name: string, selector: Record<string, string> | undefined, ns = 'default'): Service => ({
  metadata: { name, namespace: ns },
  spec: { selector },
});

function spread(i: Omit<SchedulingInput, 'nextStartNodeIndex' | 'random'>, optimised = true) {
  const r = scheduleOne({ ...i, nextStartNodeIndex: 0, random: fixedRandom(0) }, { optimised });
  const scores = r.nodes.map((n) => n.scores.find((s) => s.plugin === SPREAD));
  if (scores.every((s) => s === undefined)) return null;
  return { raw: scores.map((s) => s?.raw), normalized: scores.map((s) => s?.normalized) };
}

const listers = (l: Partial<SchedulerListers>) => l;

describe('PodTopologySpread system defaults (scoring)', () => {
  const rows: {
    name: string;
    input: Omit<SchedulingInput, 'nextStartNodeIndex' | 'random'>;
    want: { raw: number[]; normalized: number[] } | null;
  }[] = [
    {
      name: 'a bare pod (no Service, no controller) is not spread: PreScore Skip',
      input: { pod: pod('p', { labels: HASH }), nodes: [node('a'), node('b')], assignedPods: [] },
      want: null,
    },
    {
      name: 'a controller the informer does not hold gives no selector: Skip',
      input: { pod: owned('p'), nodes: [node('a'), node('b')], assignedPods: [replica('r1', 'a')] },
      want: null,
    },
    {
      // hostname: weight ln(3+2); a: round(2·1.609+2)=5, b: round(1.609+2)=4, c: 2. Nodes without a
      // zone label skip the zone constraint. 100·(5+2−5)/5=40, 100·(5+2−4)/5=60, 100.
      name: 'hostname spreading over the ReplicaSet selector, nodes without zones',
      input: {
        pod: owned('p'),
        nodes: [node('a'), node('b'), node('c')],
        assignedPods: [replica('r1', 'a'), replica('r2', 'a'), replica('r3', 'b')],
        listers: listers({ replicaSets: [rs()] }),
      },
      want: { raw: [5, 4, 2], normalized: [40, 60, 100] },
    },
    {
      // hostname weight ln5, zone weight ln4 (z1, z2). Zone counts over all nodes: z1=2, z2=1 (the
      // replica on cordoned d counts). a,b: 1.609+2 + 2·1.386+4 = 10.38 → 10; c: 2 + 1.386+4 → 7.
      // 100·(10+7−10)/10 = 70, 70, 100.
      name: 'zones: a replica on a filtered-out node still counts for its zone',
      input: {
        pod: owned('p'),
        nodes: [
          zoned('a', 'z1'),
          zoned('b', 'z1'),
          zoned('c', 'z2'),
          node('d', { labels: { 'topology.kubernetes.io/zone': 'z2' }, unschedulable: true }),
        ],
        assignedPods: [replica('r1', 'a'), replica('r2', 'b'), replica('r3', 'd')],
        listers: listers({ replicaSets: [rs()] }),
      },
      want: {
        raw: [10, 10, 7, undefined] as unknown as number[],
        normalized: [70, 70, 100, undefined] as unknown as number[],
      },
    },
    {
      // requireAllTopologies is false for system defaults: b and c (no zone) are scored by hostname
      // alone; they form the "" zone, so the zone weight is ln(2+2). a: 1.609+2 + 1.386+4 = 8.996 → 9;
      // b, c: 2. 100·(9+2−9)/9 = 22, 100, 100.
      name: 'nodes missing the zone key are still scored (hostname only)',
      input: {
        pod: owned('p'),
        nodes: [zoned('a', 'z1'), node('b'), node('c')],
        assignedPods: [replica('r1', 'a')],
        listers: listers({ replicaSets: [rs()] }),
      },
      want: { raw: [9, 2, 2], normalized: [22, 100, 100] },
    },
    {
      // The same constraints written on the pod require every key: b and c are ignored (0). a alone:
      // hostname weight ln(1+2), zone weight ln(1+2): 1.099+2 + 1.099+4 = 8.197 → 8 → 100.
      name: 'the same constraints as the pod’s own ignore nodes missing a key',
      input: {
        pod: owned('p', 'ReplicaSet', 'web-abc', {
          spec: {
            topologySpreadConstraints: [
              {
                maxSkew: 3,
                topologyKey: 'kubernetes.io/hostname',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: HASH },
              },
              {
                maxSkew: 5,
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: HASH },
              },
            ],
          },
        }),
        nodes: [zoned('a', 'z1'), node('b'), node('c')],
        assignedPods: [replica('r1', 'a')],
        listers: listers({ replicaSets: [rs()] }),
      },
      want: { raw: [8, 0, 0], normalized: [100, 0, 0] },
    },
    {
      name: 'a pod with only DoNotSchedule constraints of its own gets no system defaults: Skip',
      input: {
        pod: owned('p', 'ReplicaSet', 'web-abc', {
          spec: {
            topologySpreadConstraints: [
              {
                maxSkew: 5,
                topologyKey: 'kubernetes.io/hostname',
                whenUnsatisfiable: 'DoNotSchedule',
                labelSelector: { matchLabels: HASH },
              },
            ],
          },
        }),
        nodes: [node('a'), node('b')],
        assignedPods: [replica('r1', 'a')],
        listers: listers({ replicaSets: [rs()] }),
      },
      want: null,
    },
    {
      // A Service selecting app=web; the web pod in namespace "other" is not counted. a: round(ln4+2)=3,
      // b: 2. 100·(3+2−3)/3 = 66, 100.
      name: 'a bare pod selected by a Service is spread over the Service selector, in its namespace',
      input: {
        pod: pod('p', { labels: { app: 'web' } }),
        nodes: [node('a'), node('b')],
        assignedPods: [
          pod('w1', { nodeName: 'a', labels: { app: 'web' } }),
          pod('w2', { nodeName: 'b', labels: { app: 'web' }, ns: 'other' }),
        ],
        listers: listers({
          services: [
            service('web', { app: 'web' }),
            service('headless', undefined),
            service('x', { app: 'web' }, 'other'),
          ],
        }),
      },
      want: { raw: [3, 2], normalized: [66, 100] },
    },
    {
      // Service {app: web} AND the ReplicaSet's {app: web, pod-template-hash: abc}: the old
      // ReplicaSet's pod does not match, so both nodes count 0.
      name: 'Service and ReplicaSet selectors are ANDed: an older ReplicaSet’s pods do not count',
      input: {
        pod: owned('p'),
        nodes: [node('a'), node('b')],
        assignedPods: [pod('old', { nodeName: 'a', labels: { app: 'web', 'pod-template-hash': 'old' } })],
        listers: listers({ services: [service('web', { app: 'web' })], replicaSets: [rs()] }),
      },
      want: { raw: [2, 2], normalized: [100, 100] },
    },
    {
      name: 'a StatefulSet owner gives its selector',
      input: {
        pod: owned('web-1', 'StatefulSet', 'web'),
        nodes: [node('a'), node('b')],
        assignedPods: [owned('web-0', 'StatefulSet', 'web', { nodeName: 'b' })],
        listers: listers({
          statefulSets: [
            {
              metadata: { name: 'web', namespace: 'default' },
              spec: { selector: { matchLabels: { app: 'web' } } } as unknown as StatefulSet['spec'],
            },
          ],
        }),
      },
      want: { raw: [2, 3], normalized: [100, 66] },
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      const got = spread(row.input);
      expect(got).toEqual(row.want);
      // The plain reference path agrees.
      expect(spread(row.input, false)).toEqual(row.want);
    });
  }
});

describe('DefaultSelector', () => {
  it('merges Services and a ReplicationController into matchLabels', () => {
    const rc: ReplicationController = {
      metadata: { name: 'rc', namespace: 'default' },
      spec: { selector: { tier: 'fe' } },
    };
    const p = owned('p', 'ReplicationController', 'rc', { labels: { app: 'web', tier: 'fe' } });
    expect(
      defaultSelector(p, { services: [service('s', { app: 'web' })], replicationControllers: [rc] }),
    ).toEqual({
      matchLabels: { app: 'web', tier: 'fe' },
    });
  });

  it('adds a ReplicaSet selector’s requirements, matchExpressions included', () => {
    const set = rs('web-abc', HASH);
    set.spec!.selector.matchExpressions = [{ key: 'track', operator: 'NotIn', values: ['canary'] }];
    expect(defaultSelector(owned('p'), { replicaSets: [set] })).toEqual({
      matchExpressions: [
        { key: 'app', operator: 'In', values: ['web'] },
        { key: 'pod-template-hash', operator: 'In', values: ['abc'] },
        { key: 'track', operator: 'NotIn', values: ['canary'] },
      ],
    });
  });

  it('ignores owners that are not the controller, other kinds, and objects in other namespaces', () => {
    const p = owned('p');
    p.metadata!.ownerReferences![0]!.controller = false;
    expect(defaultSelector(p, { replicaSets: [rs()] })).toBeNull();
    expect(defaultSelector(owned('p', 'Job', 'web-abc'), { replicaSets: [rs()] })).toBeNull();
    const elsewhere = { ...rs(), metadata: { name: 'web-abc', namespace: 'other' } };
    expect(defaultSelector(owned('p'), { replicaSets: [elsewhere] })).toBeNull();
  });

  it('a Service with an empty selector matches the pod but adds nothing', () => {
    expect(
      defaultSelector(pod('p', { labels: { app: 'web' } }), { services: [service('all', {})] }),
    ).toBeNull();
  });
});

describe('the Deployment preset on the default cluster (3 × 250m/128Mi)', () => {
  // worker-1 holds 1500m/3Gi, worker-2 500m/1Gi (src/scenario/defaultCluster.ts); the control plane is
  // tainted. No zone labels, so only hostname spreading (weight ln(2+2)) applies.
  it('places the replicas on worker-2, worker-1, worker-2 with these totals', async () => {
    const { defaultCluster } = await import('../../../scenario/defaultCluster');
    const { scheduleQueue } = await import('../index');
    const cluster = defaultCluster();
    const nodes = cluster.filter((o) => o.kind === 'Node') as unknown as SchedulingInput['nodes'];
    const assignedPods = cluster.filter((o) => o.kind === 'Pod') as unknown as Pod[];
    const sel = { app: 'nginx', 'pod-template-hash': '556b855544' };
    const replicas = ['a', 'b', 'c'].map((s) => {
      const p = owned(`nginx-556b855544-${s}`, 'ReplicaSet', 'nginx-556b855544', {
        labels: sel,
        requests: { cpu: '250m', memory: '128Mi' },
        image: 'nginx:1.27',
      });
      return p;
    });
    const decisions = scheduleQueue({
      nodes,
      assignedPods,
      pods: replicas,
      random: fixedRandom(0),
      listers: { replicaSets: [rs('nginx-556b855544', sel)] },
    }).map((d) => d.result());
    const totals = decisions.map((r) =>
      Object.fromEntries(r.nodes.filter((n) => n.total !== null).map((n) => [n.node, n.total])),
    );
    // 1: TaintToleration 300 + LeastAllocated (58 | 83) + Balanced 73 + spread 2·100 on both.
    // 2: worker-2 raw round(1·ln4 + 2) = 3 vs worker-1 2 → 100·(3+2−3)/3 = 66 → 132; worker-2 LA 79, BA 74.
    // 3: both hold one replica → spread 200 each; worker-1 LA 54 BA 74, worker-2 LA 79 BA 74.
    expect(totals).toEqual([
      { 'worker-1': 631, 'worker-2': 656 },
      { 'worker-1': 631, 'worker-2': 585 },
      { 'worker-1': 628, 'worker-2': 653 },
    ]);
    expect(decisions.map((r) => r.node)).toEqual(['worker-2', 'worker-1', 'worker-2']);
  });
});
