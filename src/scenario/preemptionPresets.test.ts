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
