import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/cluster/simulate';
import { DEFAULT_SCENARIO } from '../scenario';
import { etcdRowsAt } from './etcdView';

const trace = simulate(DEFAULT_SCENARIO);
const created = trace.objects.find((o) => o.key === '/registry/pods/default/nginx')!;

describe('etcdRowsAt', () => {
  it('lists the keys that existed before the run, sorted by key', () => {
    const { rows } = etcdRowsAt(trace, 2);
    expect(rows.map((r) => r.key)).toContain('/registry/minions/worker-2');
    expect(rows.map((r) => r.key)).toEqual([...rows.map((r) => r.key)].sort());
  });

  it('adds the pod at the revision of its create transaction and marks it as just written', () => {
    const { rows, revision } = etcdRowsAt(trace, created.seq);
    const pod = rows.find((r) => r.key === '/registry/pods/default/nginx')!;
    expect(pod).toMatchObject({
      createRevision: created.revision,
      modRevision: created.revision,
      touched: true,
    });
    expect(revision).toBe(created.revision);
  });

  it('keeps the create revision while the mod revision grows, and drops the key once deleted', () => {
    const later = trace.objects.filter((o) => o.key === '/registry/pods/default/nginx' && o.object).at(-1)!;
    const pod = etcdRowsAt(trace, later.seq).rows.find((r) => r.key === '/registry/pods/default/nginx')!;
    expect(pod.createRevision).toBe(created.revision);
    expect(pod.modRevision).toBeGreaterThan(created.revision);
    expect(
      etcdRowsAt(trace, trace.messages.length).rows.some((r) => r.key === '/registry/pods/default/nginx'),
    ).toBe(false);
  });
});
