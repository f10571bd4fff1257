// Each suggestion must really make the pod fit: apply its edits to the objects, run the filters again,
// and the node must pass the plugin it was for (and every filter once all of the node's fixes are in).
import fc from 'fast-check';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { preFilter } from './cycle';
import { applyEdits, failingFilters, fixesFor, type Fix, type FixInput } from './fixes';
import { scheduleOne } from './index';
import { buildSnapshot } from './snapshot';
import { fixedRandom, node, pod } from './testkit';

function failingAfter(input: FixInput, nodeName: string): string[] {
  const snapshot = buildSnapshot(input.nodes, input.assignedPods);
  const state = preFilter(input.pod, snapshot, { listers: input.listers });
  const info = snapshot.byName.get(nodeName);
  if (info === undefined) throw new Error(`no node ${nodeName}`);
  return failingFilters(state, info).map((s) => s.plugin);
}

const podWith = (spec: Partial<NonNullable<Pod['spec']>>, requests?: Record<string, string>): Pod =>
  pod('web', { requests, spec });

interface Case {
  name: string;
  input: FixInput;
  node: string;
  want: { plugin: string; text: string }[];
}

const bound = (name: string, nodeName: string, requests: Record<string, string>, hostPort?: number): Pod => {
  const p = pod(name, { nodeName, requests });
  const c = p.spec?.containers[0];
  if (hostPort !== undefined && c) c.ports = [{ containerPort: hostPort, hostPort }];
  return p;
};

const CASES: Case[] = [
  {
    name: 'Insufficient cpu: the free amount, canonical',
    input: {
      pod: podWith({}, { cpu: '2', memory: '1Gi' }),
      nodes: [node('n1', { cpu: '4' })],
      assignedPods: [bound('a', 'n1', { cpu: '2500m' })],
    },
    node: 'n1',
    want: [{ plugin: 'NodeResourcesFit', text: 'requests.cpu ≤ 1500m' }],
  },
  {
    name: 'Insufficient cpu and memory: one suggestion for the plugin',
    input: {
      pod: podWith({}, { cpu: '2', memory: '4Gi' }),
      nodes: [node('n1', { cpu: '4', memory: '8Gi' })],
      assignedPods: [bound('a', 'n1', { cpu: '3', memory: '6Gi' })],
    },
    node: 'n1',
    want: [{ plugin: 'NodeResourcesFit', text: 'requests.cpu ≤ 1, requests.memory ≤ 2Gi' }],
  },
  {
    name: 'several containers: the largest one is named',
    input: {
      pod: podWith({
        containers: [
          { name: 'app', image: 'a', resources: { requests: { cpu: '1500m' } } },
          { name: 'proxy', image: 'b', resources: { requests: { cpu: '500m' } } },
        ],
      }),
      nodes: [node('n1', { cpu: '2' })],
      assignedPods: [bound('a', 'n1', { cpu: '500m' })],
    },
    node: 'n1',
    want: [{ plugin: 'NodeResourcesFit', text: 'requests.cpu ≤ 1 (container app)' }],
  },
  {
    name: 'Too many pods: says what frees a slot, no edit',
    input: {
      pod: podWith({}, { cpu: '100m' }),
      nodes: [node('n1', { pods: '1' })],
      assignedPods: [bound('a', 'n1', {})],
    },
    node: 'n1',
    want: [
      {
        plugin: 'NodeResourcesFit',
        text: 'n1 runs 1 pods, all its allocatable pods allow: delete one (default/a) to free a slot',
      },
    ],
  },
  {
    name: 'untolerated taints: all of them, as one change',
    input: {
      pod: podWith({ tolerations: [{ key: 'other', operator: 'Exists' }] }),
      nodes: [
        node('gpu', {
          taints: [
            { key: 'gpu', value: 'true', effect: 'NoSchedule' },
            { key: 'soft', value: 'x', effect: 'PreferNoSchedule' },
            { key: 'maint', effect: 'NoExecute' },
          ],
        }),
      ],
      assignedPods: [],
    },
    node: 'gpu',
    want: [{ plugin: 'TaintToleration', text: 'add tolerations gpu=true:NoSchedule, maint:NoExecute' }],
  },
  {
    name: 'nodeSelector: label the node',
    input: { pod: podWith({ nodeSelector: { disktype: 'ssd' } }), nodes: [node('node-2')], assignedPods: [] },
    node: 'node-2',
    want: [{ plugin: 'NodeAffinity', text: 'label node-2 with disktype=ssd' }],
  },
  {
    name: 'required affinity In / Gt: the cheapest term, by labels',
    input: {
      pod: podWith({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'zone', operator: 'In', values: ['z1'] },
                    { key: 'tier', operator: 'In', values: ['gold'] },
                  ],
                },
                { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] },
              ],
            },
          },
        },
      }),
      nodes: [node('n1')],
      assignedPods: [],
    },
    node: 'n1',
    want: [{ plugin: 'NodeAffinity', text: 'label n1 with cores=9' }],
  },
  {
    name: 'NotIn: no label can, so the selector changes',
    input: {
      pod: podWith({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'disk', operator: 'NotIn', values: ['hdd'] },
                    { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
                  ],
                },
              ],
            },
          },
        },
      }),
      nodes: [node('n1', { labels: { disk: 'hdd', 'kubernetes.io/os': 'linux' } })],
      assignedPods: [],
    },
    node: 'n1',
    want: [{ plugin: 'NodeAffinity', text: "remove disk NotIn [hdd] from the pod's required node affinity" }],
  },
  {
    name: 'DoesNotExist alone: the whole required affinity goes',
    input: {
      pod: podWith({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'spot', operator: 'DoesNotExist' }] }],
            },
          },
        },
      }),
      nodes: [node('n1', { labels: { spot: 'true' } })],
      assignedPods: [],
    },
    node: 'n1',
    want: [{ plugin: 'NodeAffinity', text: "remove the pod's required node affinity" }],
  },
  {
    name: 'cordoned: uncordon (and its taint goes too)',
    input: {
      pod: podWith({}),
      nodes: [
        node('node-2', {
          unschedulable: true,
          taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
        }),
      ],
      assignedPods: [],
    },
    node: 'node-2',
    want: [
      { plugin: 'NodeUnschedulable', text: 'uncordon node-2' },
      { plugin: 'TaintToleration', text: 'add toleration node.kubernetes.io/unschedulable:NoSchedule' },
    ],
  },
  {
    name: 'host ports: free them (named), deleting the pods that hold them',
    input: {
      pod: (() => {
        const p = podWith({});
        const c = p.spec?.containers[0];
        if (c)
          c.ports = [
            { containerPort: 80, hostPort: 80 },
            { containerPort: 443, hostPort: 443 },
          ];
        return p;
      })(),
      nodes: [node('n1')],
      assignedPods: [
        bound('ingress', 'n1', {}, 80),
        bound('tls', 'n1', {}, 443),
        bound('other', 'n1', {}, 81),
      ],
    },
    node: 'n1',
    want: [
      { plugin: 'NodePorts', text: 'free 2 host ports 80/TCP, 443/TCP: delete default/ingress, default/tls' },
    ],
  },
  {
    name: 'spec.nodeName naming another node',
    input: { pod: podWith({ nodeName: 'n2' }), nodes: [node('n1'), node('n2')], assignedPods: [] },
    node: 'n1',
    want: [{ plugin: 'NodeName', text: 'spec.nodeName: n1' }],
  },
];

describe('fixesFor', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const fixes = fixesFor(c.input, [c.node]).get(c.node) ?? [];
      expect(fixes.map((f) => ({ plugin: f.plugin, text: f.text }))).toEqual(c.want);
      const withEdits = fixes.filter((f) => f.edits.length > 0);
      for (const f of withEdits) {
        expect(failingAfter(applyEdits(c.input, f.edits), c.node)).not.toContain(f.plugin);
      }
      if (withEdits.length === fixes.length) {
        const all = applyEdits(
          c.input,
          fixes.flatMap((f) => f.edits),
        );
        expect(failingAfter(all, c.node)).toEqual([]);
        // And the scheduler itself now puts the pod there when it is the only node.
        const only = all.nodes.filter((n) => n.metadata?.name === c.node);
        const r = scheduleOne({ ...all, nodes: only, nextStartNodeIndex: 0, random: fixedRandom(0) });
        expect(r.node).toBe(c.node);
      }
    });
  }

  it('a topology spread rejection says there is no single change', () => {
    const spread = podWith({
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'x' } },
        },
      ],
    });
    spread.metadata = { ...spread.metadata, labels: { app: 'x' } };
    const other = pod('o', { nodeName: 'a', labels: { app: 'x' } });
    const fixes = fixesFor(
      {
        pod: spread,
        nodes: [node('a', { labels: { zone: 'z1' } }), node('b', { labels: { zone: 'z2' } })],
        assignedPods: [other],
      },
      ['a'],
    ).get('a');
    expect(fixes?.map((f) => [f.plugin, f.edits.length])).toEqual([['PodTopologySpread', 0]]);
    expect(fixes?.[0]?.text).toMatch(/^no single change/);
  });

  it('a node that passes every filter gets no suggestion', () => {
    expect(fixesFor({ pod: podWith({}), nodes: [node('n1')], assignedPods: [] }, ['n1']).get('n1')).toEqual(
      [],
    );
  });
});

// Random clusters: every rejected node's suggestions, applied, clear their plugin; with all of them in,
// the node passes every filter. The generators cover each fixable plugin.
const TAINT_KEYS = ['gpu', 'maint'];
const nodeArb = (name: string): fc.Arbitrary<Node> =>
  fc
    .record({
      cpu: fc.constantFrom('1', '2', '4'),
      memory: fc.constantFrom('1Gi', '4Gi'),
      pods: fc.constantFrom('2', '110'),
      disk: fc.option(fc.constantFrom('ssd', 'hdd'), { nil: undefined }),
      taints: fc.subarray(TAINT_KEYS),
      unschedulable: fc.boolean(),
    })
    .map((o) =>
      node(name, {
        cpu: o.cpu,
        memory: o.memory,
        pods: o.pods,
        labels: o.disk ? { disk: o.disk } : {},
        taints: o.taints.map((k) => ({
          key: k,
          value: k === 'gpu' ? 'true' : undefined,
          effect: k === 'gpu' ? 'NoSchedule' : 'NoExecute',
        })),
        unschedulable: o.unschedulable || undefined,
      }),
    );

const podArb = fc.record({
  cpu: fc.constantFrom('250m', '1', '1500m', '3'),
  memory: fc.constantFrom('128Mi', '1Gi', '3Gi'),
  selector: fc.option(fc.constantFrom('ssd', 'hdd'), { nil: undefined }),
  notIn: fc.boolean(),
  hostPort: fc.option(fc.constantFrom(80, 443), { nil: undefined }),
  tolerateGpu: fc.boolean(),
  containers: fc.constantFrom(1, 2),
});

const boundArb = (nodes: number) =>
  fc.array(
    fc.record({
      node: fc.nat(nodes - 1),
      cpu: fc.constantFrom('500m', '1', '2'),
      memory: fc.constantFrom('256Mi', '1Gi', '2Gi'),
      hostPort: fc.option(fc.constantFrom(80, 443), { nil: undefined }),
    }),
    { maxLength: 6 },
  );

function buildPending(d: typeof podArb extends fc.Arbitrary<infer T> ? T : never): Pod {
  const containers = Array.from({ length: d.containers }, (_, i) => ({
    name: `c${i}`,
    image: 'busybox',
    resources: { requests: { cpu: d.cpu, memory: d.memory } },
    ports:
      i === 0 && d.hostPort !== undefined ? [{ containerPort: d.hostPort, hostPort: d.hostPort }] : undefined,
  }));
  return podWith({
    containers,
    nodeSelector: d.selector ? { disk: d.selector } : undefined,
    tolerations: d.tolerateGpu ? [{ key: 'gpu', operator: 'Exists' }] : undefined,
    affinity: d.notIn
      ? {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['hdd'] }] },
              ],
            },
          },
        }
      : undefined,
  });
}

describe('fixesFor over random clusters', () => {
  it('every suggestion with edits clears its plugin, and all of them make the node fit', () => {
    const world = fc.integer({ min: 1, max: 4 }).chain((n) =>
      fc.record({
        nodes: fc.tuple(...Array.from({ length: n }, (_, i) => nodeArb(`n${i}`))),
        bound: boundArb(n),
        pod: podArb,
      }),
    );
    let checked = 0;
    fc.assert(
      fc.property(world, (w) => {
        const assignedPods = w.bound.map((b, i) =>
          bound(`b${i}`, `n${b.node}`, { cpu: b.cpu, memory: b.memory }, b.hostPort),
        );
        const input: FixInput = { pod: buildPending(w.pod), nodes: [...w.nodes], assignedPods };
        const names = w.nodes.map((n) => n.metadata?.name ?? '');
        for (const [name, fixes] of fixesFor(input, names)) {
          const fixable: Fix[] = fixes.filter((f) => f.edits.length > 0);
          for (const f of fixable)
            expect(failingAfter(applyEdits(input, f.edits), name)).not.toContain(f.plugin);
          if (fixable.length === fixes.length && fixes.length > 0) {
            checked++;
            expect(
              failingAfter(
                applyEdits(
                  input,
                  fixes.flatMap((f) => f.edits),
                ),
                name,
              ),
            ).toEqual([]);
          }
        }
      }),
      { seed: 3, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(50);
  });
});
