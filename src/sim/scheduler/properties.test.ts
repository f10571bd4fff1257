// Properties of the scheduling framework over random small clusters and queues of pending pods:
// (a) a pod never lands on a node a filter rejects; (b) every plugin's normalised score is in 0..100;
// (c) the optimised path decides exactly as the plain one (node, message, every node's verdict).
// Seeds are fixed so a failure reproduces; each property was seen to fail with the code broken on purpose.
import fc from 'fast-check';
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { preFilter, runFilters } from './cycle';
import { bindQueue, decide, scheduleQueue, SchedulerCache, type Decision } from './index';
import { buildSnapshot } from './snapshot';
import { node, pod } from './testkit';
import type { SchedulerListers, SchedulingResult } from './types';
import { Random } from '../time/random';

const ZONES = ['z1', 'z2', 'z3'];
const TAINTS: Taint[] = [
  { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
  { key: 'spot', value: 'true', effect: 'PreferNoSchedule' },
  { key: 'maint', effect: 'NoExecute' },
];
const TOLERATIONS: Toleration[] = [
  { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
  { key: 'spot', operator: 'Exists' },
  { operator: 'Exists', effect: 'NoExecute' },
];
const IMAGES = ['nginx', 'redis:7', 'ghcr.io/acme/api:1.0'];
const APPS = ['web', 'db'];
const MB = 1024 * 1024;

const subset = <T>(items: T[]) => fc.subarray(items, { minLength: 0 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const nodeArb = (name: string): fc.Arbitrary<Node> =>
  fc
    .record({
      cpu: fc.constantFrom('500m', '1', '2', '4'),
      memory: fc.constantFrom('512Mi', '1Gi', '4Gi'),
      pods: fc.constantFrom('1', '2', '4', '110'),
      zone: maybe(fc.constantFrom(...ZONES)),
      disk: maybe(fc.constantFrom('ssd', 'hdd')),
      taints: subset(TAINTS),
      unschedulable: fc.boolean().map((b) => b && name.endsWith('3')),
      images: subset(IMAGES),
      gpu: fc.boolean(),
    })
    .map((o) =>
      node(name, {
        cpu: o.cpu,
        memory: o.memory,
        pods: o.pods,
        labels: {
          ...(o.zone !== undefined ? { zone: o.zone } : {}),
          ...(o.disk !== undefined ? { disk: o.disk } : {}),
        },
        taints: o.taints.length > 0 ? o.taints : undefined,
        unschedulable: o.unschedulable || undefined,
        images: o.images.map((i, k) => ({
          names: [i.includes(':') ? i : `${i}:latest`],
          sizeBytes: (k + 1) * 300 * MB,
        })),
        extra: o.gpu ? { 'example.com/gpu': '1' } : {},
      }),
    );

const termArb = fc.record({
  app: fc.constantFrom(...APPS),
  key: fc.constantFrom('zone', 'kubernetes.io/hostname'),
});

/** The pod fields the scheduler reads, each present or not. */
const podSpecArb = fc.record({
  app: fc.constantFrom(...APPS),
  priority: fc.constantFrom(0, 0, 1000),
  cpu: fc.constantFrom(undefined, '0', '100m', '500m', '1', '3'),
  memory: fc.constantFrom(undefined, '64Mi', '256Mi', '1Gi', '3Gi'),
  gpu: fc.boolean(),
  image: fc.constantFrom(...IMAGES),
  nodeSelector: maybe(fc.constantFrom<Record<string, string>>({ disk: 'ssd' }, { zone: 'z2' })),
  tolerations: subset(TOLERATIONS),
  hostPort: maybe(fc.constantFrom(8080, 9090)),
  requiredZones: maybe(fc.subarray(ZONES, { minLength: 1 })),
  preferredZone: maybe(
    fc.record({ zone: fc.constantFrom(...ZONES), weight: fc.integer({ min: 0, max: 100 }) }),
  ),
  spread: maybe(
    fc.record({
      when: fc.constantFrom('DoNotSchedule', 'ScheduleAnyway'),
      key: fc.constantFrom('zone', 'kubernetes.io/hostname'),
      maxSkew: fc.integer({ min: 1, max: 2 }),
    }),
  ),
  affinity: maybe(termArb),
  antiAffinity: maybe(termArb),
  preferredAffinity: maybe(
    fc.record({ term: termArb, weight: fc.integer({ min: 1, max: 100 }), anti: fc.boolean() }),
  ),
});
type PodSpecDraw = typeof podSpecArb extends fc.Arbitrary<infer T> ? T : never;

function buildPod(name: string, d: PodSpecDraw, nodeName?: string): Pod {
  const requests: Record<string, string> = {};
  if (d.cpu !== undefined) requests.cpu = d.cpu;
  if (d.memory !== undefined) requests.memory = d.memory;
  if (d.gpu && d.cpu === '100m') requests['example.com/gpu'] = '1';
  const term = (t: { app: string; key: string }) => ({
    labelSelector: { matchLabels: { app: t.app } },
    topologyKey: t.key,
  });
  const p = pod(name, {
    nodeName,
    priority: d.priority,
    labels: { app: d.app },
    requests,
    image: d.image,
    spec: {
      nodeSelector: d.nodeSelector,
      tolerations: d.tolerations.length > 0 ? d.tolerations : undefined,
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: d.requiredZones && {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'zone', operator: 'In', values: d.requiredZones }] },
            ],
          },
          preferredDuringSchedulingIgnoredDuringExecution: d.preferredZone && [
            {
              weight: d.preferredZone.weight,
              preference: {
                matchExpressions: [{ key: 'zone', operator: 'In', values: [d.preferredZone.zone] }],
              },
            },
          ],
        },
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: d.affinity && [term(d.affinity)],
          preferredDuringSchedulingIgnoredDuringExecution:
            d.preferredAffinity && !d.preferredAffinity.anti
              ? [{ weight: d.preferredAffinity.weight, podAffinityTerm: term(d.preferredAffinity.term) }]
              : undefined,
        },
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: d.antiAffinity && [term(d.antiAffinity)],
          preferredDuringSchedulingIgnoredDuringExecution:
            d.preferredAffinity?.anti === true
              ? [{ weight: d.preferredAffinity.weight, podAffinityTerm: term(d.preferredAffinity.term) }]
              : undefined,
        },
      },
      topologySpreadConstraints: d.spread && [
        {
          maxSkew: d.spread.maxSkew,
          topologyKey: d.spread.key,
          whenUnsatisfiable: d.spread.when,
          labelSelector: { matchLabels: { app: d.app } },
        },
      ],
    },
  });
  const containers = p.spec?.containers ?? [];
  if (d.hostPort !== undefined && containers[0] !== undefined)
    containers[0].ports = [{ containerPort: 80, hostPort: d.hostPort }];
  return p;
}

interface World {
  nodes: Node[];
  assigned: Pod[];
  pending: Pod[];
  seed: number;
  listers?: Partial<SchedulerListers>;
  nominated?: Pod[];
}

/**
 * A world with what the scheduler's other informers hold: Services and ReplicaSets over the apps (pods
 * owned by `rs-<app>`), PodDisruptionBudgets, some nodes with the standard zone label, and pending pods
 * nominated to a node. Drawn on top of a world, so the plain worlds stay as they were.
 */
const withInformers = (base: fc.Arbitrary<World>): fc.Arbitrary<World> =>
  base.chain((w) =>
    fc
      .record({
        services: subset(APPS),
        replicaSets: subset(APPS),
        pdbs: fc.array(fc.tuple(fc.constantFrom(...APPS), fc.constantFrom(0, 1)), { maxLength: 2 }),
        owned: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        zoneLabel: fc.array(fc.boolean(), { minLength: w.nodes.length, maxLength: w.nodes.length }),
        nominate: fc.array(fc.option(fc.nat(w.nodes.length - 1), { nil: undefined }), {
          minLength: w.pending.length,
          maxLength: w.pending.length,
        }),
      })
      .map((d) => {
        const own = (p: Pod, k: number): Pod => {
          const app = p.metadata?.labels?.app ?? '';
          if (!d.owned[k % 12]) return p;
          const ref = {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `rs-${app}`,
            uid: app,
            controller: true,
          };
          return { ...p, metadata: { ...p.metadata, ownerReferences: [ref] } };
        };
        const nodes = w.nodes.map((n, i) => {
          const zone = n.metadata?.labels?.zone;
          if (zone === undefined || !d.zoneLabel[i]) return n;
          const labels = { ...n.metadata?.labels, 'topology.kubernetes.io/zone': zone };
          return { ...n, metadata: { ...n.metadata, labels } };
        });
        const pending = w.pending.map((p, k) => {
          const owned = own(p, k + 6);
          const at = d.nominate[k];
          if (at === undefined) return owned;
          return { ...owned, status: { phase: 'Pending', nominatedNodeName: `n${at}` } };
        });
        const ns = { namespace: 'default' };
        return {
          ...w,
          nodes,
          assigned: w.assigned.map(own),
          pending,
          nominated: pending.filter((p) => p.status?.nominatedNodeName !== undefined),
          listers: {
            services: d.services.map((app) => ({
              metadata: { name: app, ...ns },
              spec: { selector: { app } },
            })),
            replicaSets: d.replicaSets.map((app) => ({
              metadata: { name: `rs-${app}`, ...ns },
              spec: { selector: { matchLabels: { app } } },
            })),
            podDisruptionBudgets: d.pdbs.map(([app, allowed], i) => ({
              metadata: { name: `pdb-${i}`, ...ns },
              spec: { selector: { matchLabels: { app } } },
              status: { disruptionsAllowed: allowed, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 },
            })),
          },
        };
      }),
  );

/** Plain pods (no affinity, spread or ports) are drawn more often, so clusters also fill up. */
const simpleSpec = podSpecArb.map((d) => ({
  ...d,
  spread: undefined,
  affinity: undefined,
  antiAffinity: undefined,
  preferredAffinity: undefined,
  requiredZones: undefined,
}));
const specArb = fc.oneof(simpleSpec, podSpecArb);

/** Mostly roomy, untainted nodes, so more than 100 can be feasible and the search can stop early. */
const roomyNodeArb = (name: string): fc.Arbitrary<Node> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ZONES).map((zone) => node(name, { labels: { zone } })) },
    { weight: 1, arbitrary: nodeArb(name) },
  );

const worldArb = (
  minNodes: number,
  maxNodes: number,
  maxPending: number,
  nodeOf: (name: string) => fc.Arbitrary<Node> = nodeArb,
): fc.Arbitrary<World> =>
  fc.integer({ min: minNodes, max: maxNodes }).chain((n) => {
    const names = Array.from({ length: n }, (_, i) => `n${i}`);
    return fc
      .record({
        nodes: fc.tuple(...names.map(nodeOf)),
        assigned: fc.array(fc.tuple(fc.nat(n - 1), specArb), { maxLength: 6 }),
        pending: fc.array(specArb, { minLength: 1, maxLength: maxPending }),
        seed: fc.nat(),
      })
      .map((w) => ({
        nodes: w.nodes,
        assigned: w.assigned.map(([i, d], k) => buildPod(`old-${k}`, d, names[i])),
        pending: w.pending.map((d, k) => buildPod(`new-${k}`, d)),
        seed: w.seed,
      }));
  });

function queue(w: World, optimised: boolean): Decision[] {
  const random = new Random(w.seed);
  return scheduleQueue(
    {
      nodes: w.nodes,
      assignedPods: w.assigned,
      pods: w.pending,
      random: () => random.next(),
      listers: w.listers,
      nominatedPods: w.nominated,
    },
    { optimised },
  );
}

const results = (w: World, optimised: boolean): SchedulingResult[] =>
  queue(w, optimised).map((d) => d.result());

/** The optimised path without verdicts (what `--format bindings` runs): node and message per pod. */
function bindings(w: World): { node: string | null; message: string | null }[] {
  const random = new Random(w.seed);
  return bindQueue({
    nodes: w.nodes,
    assignedPods: w.assigned,
    pods: w.pending,
    random: () => random.next(),
    listers: w.listers,
    nominatedPods: w.nominated,
  }).map((b) => ({ node: b.node, message: b.message }));
}

/** Both paths, results and bindings alike. */
function expectSameDecisions(w: World): void {
  const plain = results(w, false);
  expect(results(w, true)).toEqual(plain);
  expect(bindings(w)).toEqual(plain.map((r) => ({ node: r.node, message: r.message })));
}

const small = worldArb(1, 7, 6);
// From 100 nodes on, percentageOfNodesToScore stops the search early and the start index rotates.
const large = worldArb(100, 180, 4, roomyNodeArb);

describe('scheduling properties', () => {
  it('(a) a pod never lands on a node a filter (or NodeAffinity PreFilter) rejects', () => {
    fc.assert(
      fc.property(small, (w) => {
        const cache = new SchedulerCache(w.nodes, w.assigned);
        const random = new Random(w.seed);
        let nextStartNodeIndex = 0;
        for (const p of w.pending) {
          const d = decide(cache, p, { nextStartNodeIndex, random: () => random.next() });
          nextStartNodeIndex = d.nextStartNodeIndex;
          if (d.node === null) continue;
          const snapshot = buildSnapshot(w.nodes, cache.assignedPods);
          const state = preFilter(p, snapshot);
          const chosen = snapshot.byName.get(d.node);
          expect(chosen).toBeDefined();
          if (chosen !== undefined) expect(runFilters(state, chosen)).toBeNull();
          const na = state.nodeAffinity;
          expect(na.kind).not.toBe('reject');
          if (na.kind === 'subset') expect(na.nodeNames.has(d.node)).toBe(true);
          cache.assume(p, d.node);
        }
      }),
      { seed: 20260401, numRuns: 200 },
    );
  });

  it('(b) every plugin normalised score is an integer in 0..100, on both paths', () => {
    fc.assert(
      fc.property(small, (w) => {
        for (const optimised of [true, false]) {
          for (const r of results(w, optimised)) {
            for (const v of r.nodes) {
              for (const s of v.scores) {
                expect(Number.isInteger(s.normalized), `${s.plugin} ${s.normalized}`).toBe(true);
                expect(s.normalized, s.plugin).toBeGreaterThanOrEqual(0);
                expect(s.normalized, s.plugin).toBeLessThanOrEqual(100);
              }
            }
          }
        }
      }),
      { seed: 20260402, numRuns: 150 },
    );
  });

  it('(c) the optimised path decides as the plain one on small clusters', () => {
    fc.assert(fc.property(small, expectSameDecisions), { seed: 20260403, numRuns: 200 });
  });

  it('(c) … and on 100+ nodes, where the search stops early from a rotating start', () => {
    fc.assert(fc.property(large, expectSameDecisions), { seed: 20260404, numRuns: 15 });
  });

  it('(c) … with system-default spreading, PDBs and nominated pods', () => {
    fc.assert(fc.property(withInformers(small), expectSameDecisions), { seed: 20260405, numRuns: 200 });
  });

  it('(b) … the system-default spreading score stays within 0..100', () => {
    let scored = 0;
    fc.assert(
      fc.property(withInformers(small), (w) => {
        for (const r of results(w, true))
          for (const v of r.nodes)
            for (const s of v.scores.filter((x) => x.plugin === 'PodTopologySpread')) {
              scored++;
              expect(Number.isInteger(s.normalized)).toBe(true);
              expect(s.normalized).toBeGreaterThanOrEqual(0);
              expect(s.normalized).toBeLessThanOrEqual(100);
            }
      }),
      { seed: 20260406, numRuns: 100 },
    );
    expect(scored).toBeGreaterThan(0);
  });
});

describe('the random worlds reach the cases the properties are about', () => {
  it('placements, failures, scoring, each filter plugin, preemption, and the early stop', () => {
    const seen = new Map<string, number>();
    const see = (what: string): void => void seen.set(what, (seen.get(what) ?? 0) + 1);
    for (const w of fc.sample(small, { seed: 7, numRuns: 200 })) {
      for (const r of results(w, true)) {
        see(r.node === null ? 'unschedulable' : 'placed');
        if (r.nodes.some((v) => v.total !== null)) see('scored');
        if (r.preemption?.victims) see('preemption victims');
        for (const v of r.nodes) if (v.failedPlugin !== null) see(v.failedPlugin);
      }
    }
    for (const w of fc.sample(large, { seed: 8, numRuns: 5 }))
      for (const r of results(w, true)) if (r.examinedCount < r.nodes.length) see('early stop');
    for (const what of [
      'placed',
      'unschedulable',
      'scored',
      'preemption victims',
      'NodeUnschedulable',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'PodTopologySpread',
      'InterPodAffinity',
      'early stop',
    ])
      expect(seen.get(what) ?? 0, what).toBeGreaterThan(0);
  });
});
