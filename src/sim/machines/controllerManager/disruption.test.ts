import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../cluster/events';
import type { KubeObject } from '../../scenario';
import { rfc3339 } from '../../time/timestamps';
import {
  podChanged,
  scaledValue,
  selectorString,
  syncDisruption,
  syncResult,
  type PdbStatus,
} from './disruption';
import { initialCmContext, type CmContext } from './state';

type Request = Extract<SimEvent, { type: 'http.request' }>['request'];
const NOW = 600_000;

function ctx(objects: KubeObject[] = []): CmContext {
  const c = initialCmContext({ now: () => NOW });
  const table = {
    Pod: 'pods',
    ReplicaSet: 'replicasets',
    Deployment: 'deployments',
    StatefulSet: 'statefulsets',
    PodDisruptionBudget: 'poddisruptionbudgets',
  } as const;
  for (const o of objects) c.cache[table[o.kind as keyof typeof table]][`default/${o.metadata.name}`] = o;
  return c;
}

function pdb(spec: Record<string, unknown>, status?: Partial<PdbStatus>): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web-pdb', namespace: 'default', uid: 'pdb-uid', generation: 1 },
    spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
    ...(status ? { status } : {}),
  };
}

const ready = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
const notReady = { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] };

function pod(
  name: string,
  opts: { owner?: KubeObject; status?: object; deleting?: boolean; app?: string } = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: { app: opts.app ?? 'web' },
      ...(opts.deleting ? { deletionTimestamp: rfc3339(NOW - 1000) } : {}),
      ...(opts.owner
        ? {
            ownerReferences: [
              {
                apiVersion: opts.owner.apiVersion,
                kind: opts.owner.kind,
                name: opts.owner.metadata.name,
                uid: opts.owner.metadata.uid,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {},
    status: opts.status ?? ready,
  } as KubeObject;
}

function workload(kind: string, name: string, replicas: number, owner?: KubeObject): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      uid: `${name}-uid`,
      ...(owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: owner.kind,
                name: owner.metadata.name,
                uid: owner.metadata.uid,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: { replicas },
  };
}

const rs3 = workload('ReplicaSet', 'web-rs', 3);
const deploy4 = workload('Deployment', 'web', 4);
const rsOfDeploy = workload('ReplicaSet', 'web-7d9f', 4, deploy4);
const sts3 = workload('StatefulSet', 'web-sts', 3);
const job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'web-job', uid: 'job-uid' },
} as KubeObject;

interface Row {
  name: string;
  pdb: KubeObject;
  objects: KubeObject[];
  want: Pick<PdbStatus, 'expectedPods' | 'currentHealthy' | 'desiredHealthy' | 'disruptionsAllowed'>;
  reason: 'SufficientPods' | 'InsufficientPods';
  events?: string[];
}

const rows: Row[] = [
  {
    name: 'minAvailable int: expected is the number of matching pods',
    pdb: pdb({ minAvailable: 2 }),
    objects: [pod('a'), pod('b'), pod('c'), pod('other', { app: 'db' })],
    want: { expectedPods: 3, currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 },
    reason: 'SufficientPods',
  },
  {
    name: 'minAvailable int, no controller needed: bare pods are fine',
    pdb: pdb({ minAvailable: 1 }),
    objects: [pod('a')],
    want: { expectedPods: 1, currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0 },
    reason: 'InsufficientPods',
  },
  {
    name: 'minAvailable 50% of a ReplicaSet of 3 rounds up to 2',
    pdb: pdb({ minAvailable: '50%' }),
    objects: [rs3, pod('a', { owner: rs3 }), pod('b', { owner: rs3 }), pod('c', { owner: rs3 })],
    want: { expectedPods: 3, currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 },
    reason: 'SufficientPods',
  },
  {
    name: 'maxUnavailable int against the Deployment’s scale (not the ReplicaSet’s pods)',
    pdb: pdb({ maxUnavailable: 1 }),
    objects: [deploy4, rsOfDeploy, pod('a', { owner: rsOfDeploy }), pod('b', { owner: rsOfDeploy })],
    want: { expectedPods: 4, currentHealthy: 2, desiredHealthy: 3, disruptionsAllowed: 0 },
    reason: 'InsufficientPods',
  },
  {
    name: 'maxUnavailable 30% of a StatefulSet of 3 rounds up to 1',
    pdb: pdb({ maxUnavailable: '30%' }),
    objects: [sts3, pod('w-0', { owner: sts3 }), pod('w-1', { owner: sts3 }), pod('w-2', { owner: sts3 })],
    want: { expectedPods: 3, currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 },
    reason: 'SufficientPods',
  },
  {
    name: 'maxUnavailable larger than the scale: desiredHealthy stops at 0',
    pdb: pdb({ maxUnavailable: 5 }),
    objects: [rs3, pod('a', { owner: rs3 })],
    want: { expectedPods: 3, currentHealthy: 1, desiredHealthy: 0, disruptionsAllowed: 1 },
    reason: 'SufficientPods',
  },
  {
    name: 'unhealthy (not Ready) pods do not count',
    pdb: pdb({ minAvailable: 2 }),
    objects: [pod('a'), pod('b', { status: notReady }), pod('c', { status: { phase: 'Pending' } })],
    want: { expectedPods: 3, currentHealthy: 1, desiredHealthy: 2, disruptionsAllowed: 0 },
    reason: 'InsufficientPods',
  },
  {
    name: 'terminating pods (deletionTimestamp) do not count, though Ready',
    pdb: pdb({ minAvailable: 1 }),
    objects: [pod('a'), pod('b', { deleting: true })],
    want: { expectedPods: 2, currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0 },
    reason: 'InsufficientPods',
  },
  {
    name: 'no matching pods: NoPods, and expectedPods 0 allows nothing',
    pdb: pdb({ minAvailable: 0 }),
    objects: [pod('other', { app: 'db' })],
    want: { expectedPods: 0, currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0 },
    reason: 'InsufficientPods',
    events: ['Normal NoPods: No matching pods found'],
  },
  {
    name: 'maxUnavailable with a pod without controller: counted as unmanaged, UnmanagedPods',
    pdb: pdb({ maxUnavailable: 1 }),
    objects: [rs3, pod('a', { owner: rs3 }), pod('bare')],
    want: { expectedPods: 3, currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 },
    reason: 'InsufficientPods',
    events: [
      'Warning UnmanagedPods: Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    ],
  },
];

const said = (events: { type: string; reason: string; message: string }[]) =>
  events.map((e) => `${e.type} ${e.reason}: ${e.message}`);

describe('disruption controller: the status it computes', () => {
  it.each(rows)('$name', (row) => {
    const r = syncResult(ctx([row.pdb, ...row.objects]), row.pdb, NOW);
    expect(r.status).toMatchObject({ ...row.want, observedGeneration: 1 });
    expect(r.status?.conditions).toEqual([
      {
        type: 'DisruptionAllowed',
        status: row.reason === 'SufficientPods' ? 'True' : 'False',
        observedGeneration: 1,
        lastTransitionTime: rfc3339(NOW),
        reason: row.reason,
        message: '',
      },
    ]);
    expect(said(r.events)).toEqual(row.events ?? []);
  });

  it('writes nothing when the stored status is already the computed one', () => {
    const first = syncResult(
      ctx([pdb({ minAvailable: 1 }), pod('a'), pod('b')]),
      pdb({ minAvailable: 1 }),
      NOW,
    );
    const stored = pdb({ minAvailable: 1 }, first.status!);
    expect(syncResult(ctx([stored, pod('a'), pod('b')]), stored, NOW + 5000).status).toBeNull();
  });

  it('overwrites a status the user wrote (disruptionsAllowed 5) with the computed one', () => {
    const written = pdb(
      { minAvailable: 1 },
      { disruptionsAllowed: 5, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 },
    );
    const r = syncResult(ctx([written, pod('a')]), written, NOW);
    expect(r.status).toMatchObject({
      disruptionsAllowed: 0,
      currentHealthy: 1,
      desiredHealthy: 1,
      expectedPods: 1,
    });
  });

  it('keeps lastTransitionTime when the condition’s status does not change', () => {
    const old = rfc3339(1000);
    const stored = pdb(
      { minAvailable: 1 },
      {
        disruptionsAllowed: 0,
        currentHealthy: 1,
        desiredHealthy: 1,
        expectedPods: 1,
        conditions: [
          {
            type: 'DisruptionAllowed',
            status: 'False',
            lastTransitionTime: old,
            reason: 'InsufficientPods',
            message: '',
          },
        ],
      },
    );
    // observedGeneration is missing, so it is written, but the condition did not transition.
    const r = syncResult(ctx([stored, pod('a')]), stored, NOW);
    expect(r.status?.conditions?.[0]?.lastTransitionTime).toBe(old);
  });

  it('a pod whose controller is not found: CalculateExpectedPodCountFailed and the SyncFailed fail-safe', () => {
    const gone = workload('ReplicaSet', 'gone', 2);
    const p = pdb(
      { minAvailable: '50%' },
      { disruptionsAllowed: 3, currentHealthy: 4, desiredHealthy: 1, expectedPods: 4 },
    );
    const r = syncResult(ctx([p, pod('a', { owner: gone })]), p, NOW);
    expect(said(r.events)).toEqual([
      'Warning CalculateExpectedPodCountFailed: Failed to calculate the number of expected pods: found no controllers for pod "a"',
    ]);
    expect(r.status).toEqual({
      disruptionsAllowed: 0,
      currentHealthy: 4,
      desiredHealthy: 1,
      expectedPods: 4,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: 'False',
          lastTransitionTime: rfc3339(NOW),
          reason: 'SyncFailed',
          message: 'found no controllers for pod "a"',
        },
      ],
    });
  });

  it('a Job’s pod under maxUnavailable: the Job has no scale subresource', () => {
    const p = pdb({ maxUnavailable: 1 });
    const r = syncResult(ctx([p, pod('a', { owner: job })]), p, NOW);
    expect(r.status?.conditions?.[0]?.message).toBe('jobs.batch does not implement the scale subresource');
  });

  it('a pod listed in disruptedPods (evicted, not yet deleted) is not healthy until DeletionTimeout', () => {
    const p = pdb(
      { minAvailable: 1 },
      {
        disruptedPods: { a: rfc3339(NOW - 60_000) },
        disruptionsAllowed: 0,
        currentHealthy: 0,
        desiredHealthy: 0,
        expectedPods: 0,
      },
    );
    const r = syncResult(ctx([p, pod('a'), pod('b')]), p, NOW);
    expect(r.status).toMatchObject({ currentHealthy: 1, disruptedPods: { a: rfc3339(NOW - 60_000) } });
    expect(r.recheckMs).toBe(NOW + 60_000);
    const late = pdb(
      { minAvailable: 1 },
      {
        disruptedPods: { a: rfc3339(NOW - 180_000) },
        disruptionsAllowed: 0,
        currentHealthy: 0,
        desiredHealthy: 0,
        expectedPods: 0,
      },
    );
    const r2 = syncResult(ctx([late, pod('a'), pod('b')]), late, NOW);
    expect(r2.status).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 1 });
    expect(said(r2.events)).toEqual([
      "Warning NotDeleted: Pod was expected by PDB default/default to be deleted but it wasn't",
    ]);
  });
});

describe('intstr and selector formatting', () => {
  it.each([
    [2, 10, 2],
    ['50%', 3, 2],
    ['34%', 3, 2],
    ['100%', 7, 7],
    ['0%', 7, 0],
  ] as const)('scaledValue(%s of %s) = %s (percentages round up)', (v, total, want) => {
    expect(scaledValue(v, total)).toBe(want);
  });

  it('refuses a string that is not a percentage, with intstr’s words', () => {
    expect(scaledValue('5', 10)).toEqual({
      error: 'invalid value for IntOrString: invalid type: string is not a percentage',
    });
  });

  it('prints a selector with expressions as Go’s %v does', () => {
    expect(
      selectorString({
        matchLabels: { b: '2', a: '1' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['x', 'y'] }],
      }),
    ).toBe(
      '&LabelSelector{MatchLabels:map[string]string{a: 1,b: 2,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[x y],},},}',
    );
  });
});

describe('disruption controller: what it sends', () => {
  const requests = (out: { event: SimEvent }[]): Request[] =>
    out.map((o) => o.event).flatMap((e) => (e.type === 'http.request' ? [e.request] : []));

  it('PUTs the status subresource as system:serviceaccount:kube-system:disruption-controller', () => {
    const p = pdb({ minAvailable: 1 });
    const { out } = syncDisruption(ctx([p, pod('a'), pod('b')]), 'default/web-pdb');
    const [put] = requests(out);
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe('/apis/policy/v1/namespaces/default/poddisruptionbudgets/web-pdb/status');
    expect(put?.user.name).toBe('system:serviceaccount:kube-system:disruption-controller');
    expect((put?.body as KubeObject).status).toMatchObject({ disruptionsAllowed: 1, currentHealthy: 2 });
  });

  it('does not send the same status twice while the first is in flight', () => {
    const c = ctx([pdb({ minAvailable: 1 }), pod('a')]);
    const first = syncDisruption(c, 'default/web-pdb');
    expect(requests(first.out)).toHaveLength(1);
    expect(requests(syncDisruption(first.ctx, 'default/web-pdb').out)).toHaveLength(0);
  });

  it('records NoPods once, then PATCHes its count, with source controllermanager', () => {
    const c = ctx([pdb({ minAvailable: 1 })]);
    const first = syncDisruption(c, 'default/web-pdb');
    const [post] = requests(first.out);
    expect(post?.path).toBe('/api/v1/namespaces/default/events');
    expect(post?.body).toMatchObject({
      reason: 'NoPods',
      type: 'Normal',
      source: { component: 'controllermanager' },
    });
    const again = requests(syncDisruption(first.ctx, 'default/web-pdb').out);
    expect(again[0]?.method).toBe('PATCH');
    expect(again[0]?.body).toMatchObject({ count: 2, message: 'No matching pods found' });
  });

  it('a pod change queues the PDB that selects it; two PDBs give MultiplePodDisruptionBudgets', () => {
    const a = pod('a');
    const one = podChanged(ctx([pdb({ minAvailable: 1 })]), a, null);
    expect(one.out.map((o) => o.event.type)).toEqual(['controller.sync']);
    const other = { ...pdb({ minAvailable: 1 }), metadata: { name: 'all', namespace: 'default', uid: 'u2' } };
    const c = ctx([pdb({ minAvailable: 1 })]);
    c.cache.poddisruptionbudgets['default/all'] = { ...other, spec: { selector: {}, minAvailable: 1 } };
    const two = podChanged(c, a, null);
    const [ev] = requests(two.out);
    expect(ev?.body).toMatchObject({
      reason: 'MultiplePodDisruptionBudgets',
      message: 'Pod "default"/"a" matches multiple PodDisruptionBudgets.  Chose "all" arbitrarily.',
      involvedObject: { kind: 'Pod', name: 'a' },
    });
    expect(two.ctx.queued).toEqual(['disruption:default/all']);
    expect(podChanged(ctx([pdb({ minAvailable: 1 })]), pod('x', { app: 'db' }), null).out).toEqual([]);
  });
});
