import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { PREEMPTION_PDB_PRESET, PREEMPTION_PRESET } from './preemptionPresets';
import { simulate } from '../sim/cluster/simulate';
import type { Trace } from '../sim/trace/types';

function run(): Trace {
  const parsed = parseScenario(PREEMPTION_PRESET.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

describe('preemption preset', () => {
  const trace = run();
  const writes = (key: string) => trace.objects.filter((o) => o.key === key);

  it('deletes the low-priority victim and keeps the reprieved pod', () => {
    const victim = writes('/registry/pods/default/batch-7f9c');
    expect(
      victim.some(
        (o) => (o.object?.metadata as { deletionTimestamp?: string } | undefined)?.deletionTimestamp,
      ),
    ).toBe(true);
    expect(victim[victim.length - 1]?.object).toBeNull();
    const reprieved = writes('/registry/pods/default/report-4k2d');
    expect(
      reprieved.every(
        (o) => o.object !== null && !(o.object.metadata as { deletionTimestamp?: string }).deletionTimestamp,
      ),
    ).toBe(true);
  });

  it('nominates node-1, then binds the pod there once the victim is gone', () => {
    const api = writes('/registry/pods/default/api').map((o) => o.object);
    const nominatedAt = api.findIndex(
      (o) => (o?.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName === 'node-1',
    );
    const boundAt = api.findIndex(
      (o) => (o?.spec as { nodeName?: string } | undefined)?.nodeName === 'node-1',
    );
    expect(nominatedAt).toBeGreaterThanOrEqual(0);
    expect(boundAt).toBeGreaterThan(nominatedAt);
    const last = api[api.length - 1];
    expect((last?.status as { phase?: string }).phase).toBe('Running');
  });

  it('records the upstream messages: FailedScheduling, Preempted, Killing, Scheduled', () => {
    const labels = trace.messages.map((m) => m.label);
    expect(labels).toContain('POST event FailedScheduling');
    expect(labels).toContain('POST event Preempted');
    expect(labels).toContain('POST event Killing');
    expect(labels).toContain('POST event Scheduled');
    const preempted = trace.messages.find((m) => m.label === 'POST event Preempted');
    const body = (preempted?.detail as { body?: { note?: string } }).body;
    expect(body?.note).toMatch(/^Preempted by pod [0-9a-f-]+ on node node-1$/);
    const failed = trace.messages.find((m) => m.label === 'POST event FailedScheduling');
    expect((failed?.detail as { body?: { note?: string } }).body?.note).toBe(
      '0/1 nodes are available: 1 Insufficient cpu.',
    );
  });

  it('moves the pod out of unschedulablePods on the victim deletion (activity 6)', () => {
    const moved = trace.messages.find((m) => m.label.startsWith('AssignedPodDelete: QueueingHint Queue'));
    expect(moved?.activity).toBe(6);
    // The victim terminates within its first backoff (1 s): backoffQ, popped at once as activeQ is empty.
    expect(moved?.detail).toMatchObject({ event: 'AssignedPodDelete', to: 'backoffQ' });
    const next = trace.messages[trace.messages.indexOf(moved!) + 1];
    expect(next?.label).toBe('activeQ empty: pop from backoffQ (SchedulerPopFromBackoffQ)');
    expect(next?.detail).toMatchObject({ queue: { activeQ: 0, backoffQ: 0, unschedulable: 0 }, attempts: 2 });
  });
});

describe('preemption-with-PDB preset', () => {
  const parsed = parseScenario(PREEMPTION_PDB_PRESET.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const trace = simulate(parsed.scenario);
  const writes = (key: string) => trace.objects.filter((o) => o.key === key).map((o) => o.object);
  const deleted = (key: string) =>
    writes(key).some((o) => (o?.metadata as { deletionTimestamp?: string } | undefined)?.deletionTimestamp);

  it('spares the PDB-guarded db-0 and preempts cache-0 on node-2', () => {
    expect(deleted('/registry/pods/default/db-0')).toBe(false);
    expect(deleted('/registry/pods/default/cache-0')).toBe(true);
    const api = writes('/registry/pods/default/api');
    expect(
      api.some((o) => (o?.status as { nominatedNodeName?: string }).nominatedNodeName === 'node-2'),
    ).toBe(true);
    expect((api[api.length - 1]?.spec as { nodeName?: string }).nodeName).toBe('node-2');
  });

  it('the scheduler lists the PodDisruptionBudget through its informer', () => {
    expect(
      trace.messages.some(
        (m) =>
          m.from === 'kube-apiserver' &&
          m.to === 'kube-scheduler' &&
          m.label === '200 OK (1 poddisruptionbudgets), watching',
      ),
    ).toBe(true);
  });
});

describe('preemption-with-PDB preset: the disruption controller computes the PDB’s status first', () => {
  it('the preset writes no status: db-pdb’s status is the controller’s', () => {
    const p = parseScenario(PREEMPTION_PDB_PRESET.text);
    if (!p.ok) throw new Error(p.error.message);
    const pdb = p.scenario.cluster.find((o) => o.kind === 'PodDisruptionBudget');
    expect(pdb?.metadata.name).toBe('db-pdb');
    expect(pdb?.status).toBeUndefined();
  });

  const parsed = parseScenario(PREEMPTION_PDB_PRESET.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const trace = simulate(parsed.scenario);
  const at = (pred: (m: Trace['messages'][number]) => boolean) => trace.messages.findIndex(pred);

  it('PUTs the status as the disruption-controller, and the scheduler sees MODIFIED before it preempts', () => {
    const put = trace.messages.find(
      (m) =>
        m.from === 'kube-controller-manager' &&
        m.label === 'PUT /apis/policy/v1/namespaces/default/poddisruptionbudgets/db-pdb/status',
    );
    expect(put?.detail).toMatchObject({ controller: 'disruption-controller' });
    const authz = trace.messages.find((m) =>
      m.label.startsWith('authenticate system:serviceaccount:kube-system:disruption-controller'),
    );
    expect(authz?.label).toMatch(/authorize update poddisruptionbudgets\/status: allowed$/);
    const modified = at(
      (m) => m.to === 'kube-scheduler' && m.label === 'watch MODIFIED poddisruptionbudget db-pdb',
    );
    const preempt = at(
      (m) => m.from === 'kube-scheduler' && m.label.includes('PostFilter DefaultPreemption'),
    );
    expect(modified).toBeGreaterThanOrEqual(0);
    expect(preempt).toBeGreaterThan(modified);
  });

  it('stores what upstream computes: 1 expected, 1 healthy, 1 desired, 0 allowed, InsufficientPods', () => {
    const stored = trace.objects.filter((o) => o.key === '/registry/poddisruptionbudgets/default/db-pdb');
    expect(stored[0]?.object?.status).toBeUndefined();
    const status = stored[stored.length - 1]?.object?.status as Record<string, unknown>;
    expect(status).toMatchObject({
      observedGeneration: 1,
      expectedPods: 1,
      currentHealthy: 1,
      desiredHealthy: 1,
      disruptionsAllowed: 0,
      conditions: [{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '' }],
    });
  });

  it('the computed status is what decides: with minAvailable 0 it allows 1, and db-0 is the victim', () => {
    const text = PREEMPTION_PDB_PRESET.text.replace('minAvailable: 1', 'minAvailable: 0');
    const p = parseScenario(text);
    if (!p.ok) throw new Error(p.error.message);
    const t = simulate(p.scenario);
    const last = (key: string) => {
      const w = t.objects.filter((o) => o.key === key);
      return w[w.length - 1]?.object;
    };
    const statuses = t.objects
      .filter((o) => o.key === '/registry/poddisruptionbudgets/default/db-pdb')
      .map((o) => o.object?.status as Record<string, unknown> | undefined);
    expect(statuses[1]).toMatchObject({
      disruptionsAllowed: 1,
      conditions: [{ reason: 'SufficientPods', status: 'True' }],
    });
    // Then the controller follows the victim: terminating (0 healthy), then gone (no pods expected).
    expect(statuses[statuses.length - 1]).toMatchObject({
      expectedPods: 0,
      currentHealthy: 0,
      disruptionsAllowed: 0,
      conditions: [{ reason: 'InsufficientPods', status: 'False' }],
    });
    // No PDB is violated on either node: the lower-priority victim (db-0, on node-1) is chosen.
    expect((last('/registry/pods/default/api')?.spec as { nodeName?: string }).nodeName).toBe('node-1');
    expect(last('/registry/pods/default/db-0')).toBeNull();
  });
});

describe('a scenario without PodDisruptionBudgets', () => {
  it('starts no kube-controller-manager (the bare-pod preemption preset)', () => {
    expect(run().messages.some((m) => m.from === 'kube-controller-manager')).toBe(false);
  });
});
