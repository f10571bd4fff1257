import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { WORKLOAD_PRESETS } from './workloadPresets';
import { DEFAULT_SCENARIO } from './presets';
import { simulate } from '../sim/cluster/simulate';
import type { Trace } from '../sim/trace/types';

function run(text: string): Trace {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}
const preset = (id: string) => WORKLOAD_PRESETS.find((p) => p.id === id)!.text;

type Obj = {
  metadata: Record<string, unknown>;
  status?: { phase?: string };
  reason?: string;
  message?: string;
  note?: string;
  eventTime?: string;
};
function latest(trace: Trace, prefix: string): Map<string, Obj | null> {
  const out = new Map<string, Obj | null>();
  for (const o of trace.objects) if (o.key.startsWith(prefix)) out.set(o.key, o.object as Obj | null);
  return out;
}
const events = (trace: Trace) =>
  [...latest(trace, '/registry/events/').values()].filter((e): e is Obj => e !== null);

describe('Deployment preset', () => {
  const trace = run(preset('deployment'));
  const pods = latest(trace, '/registry/pods/default/nginx-');

  it('kubectl prints deployment.apps/nginx created', () => {
    expect(trace.terminal.map((l) => l.text)).toEqual(['deployment.apps/nginx created']);
  });

  it('ends with three pods Running, named <rs>-<5 of upstream’s alphabet>, owned by the ReplicaSet', () => {
    const rs = [...latest(trace, '/registry/replicasets/default/').values()][0]!;
    const rsName = String(rs.metadata.name);
    expect(rsName).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(pods.size).toBe(3);
    for (const [key, p] of pods) {
      expect(key).toMatch(new RegExp(`^/registry/pods/default/${rsName}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p?.status?.phase).toBe('Running');
      expect(p?.metadata.ownerReferences).toMatchObject([
        { kind: 'ReplicaSet', name: rsName, controller: true },
      ]);
    }
  });

  it('records ScalingReplicaSet and one SuccessfulCreate per pod', () => {
    const ev = events(trace);
    const rs = String([...latest(trace, '/registry/replicasets/default/').values()][0]!.metadata.name);
    expect(ev.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message)).toEqual([
      `Scaled up replica set ${rs} from 0 to 3`,
    ]);
    const created = ev.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message);
    expect(created.sort()).toEqual([...pods.keys()].map((k) => `Created pod: ${k.split('/').pop()}`).sort());
  });

  it('draws kube-controller-manager, and each pod goes through scheduling (activity 5) and the kubelet (12)', () => {
    expect(trace.messages.some((m) => m.from === 'kube-controller-manager')).toBe(true);
    for (const key of pods.keys()) {
      const pod = `default/${key.split('/').pop()}`;
      expect(trace.messages.some((m) => m.pod === pod && m.activity === 5)).toBe(true);
      expect(trace.messages.some((m) => m.pod === pod && m.activity === 12)).toBe(true);
    }
  });

  it('spreads the replicas as kube-scheduler’s system-default PodTopologySpread does', () => {
    // The scheduler watches the ReplicaSet, so each replica is spread over its selector (hostname maxSkew 3;
    // the default cluster has no zone labels). Worked in src/sim/scheduler/plugins/defaultSpread.test.ts:
    // replica 1 worker-2 (656 vs 631), replica 2 worker-1 (631 vs 585: worker-2's replica costs it
    // 68 spread points), replica 3 worker-2 (653 vs 628).
    const scheduled = events(trace)
      .filter((e) => e.reason === 'Scheduled')
      .sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)))
      .map((e) => String(e.note ?? e.message).replace(/^.* to /, ''));
    expect(scheduled).toEqual(['worker-2', 'worker-1', 'worker-2']);
  });

  it('leaves the bare-Pod default run without a controller-manager message', () => {
    expect(
      simulate(DEFAULT_SCENARIO).messages.some(
        (m) => m.from === 'kube-controller-manager' || m.to === 'kube-controller-manager',
      ),
    ).toBe(false);
  });
});

describe('StatefulSet preset', () => {
  const trace = run(preset('statefulset'));
  const firstWrite = (name: string) => trace.objects.find((o) => o.key === `/registry/pods/default/${name}`)!;
  const runningAt = (name: string) =>
    trace.objects.find(
      (o) =>
        o.key === `/registry/pods/default/${name}` && (o.object as Obj | null)?.status?.phase === 'Running',
    )!;

  it('creates web-0, web-1, web-2 in order, each after the one before is Running', () => {
    expect(firstWrite('web-1').seq).toBeGreaterThan(runningAt('web-0').seq);
    expect(firstWrite('web-2').seq).toBeGreaterThan(runningAt('web-1').seq);
    expect(runningAt('web-2')).toBeDefined();
  });

  it('records the StatefulSet controller’s SuccessfulCreate events', () => {
    expect(
      events(trace)
        .filter((e) => e.reason === 'SuccessfulCreate')
        .map((e) => e.message),
    ).toEqual([
      'create Pod web-0 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
      'create Pod web-2 in StatefulSet web successful',
    ]);
  });
});

describe('scale-down preset', () => {
  const trace = run(preset('scale-down'));
  const pods = latest(trace, '/registry/pods/default/nginx-');

  it('kubectl scale prints deployment.apps/nginx scaled and one pod remains', () => {
    expect(trace.terminal.map((l) => l.text)).toContain('deployment.apps/nginx scaled');
    expect([...pods.values()].filter((p) => p !== null)).toHaveLength(1);
  });

  it('deletes two pods gracefully (deletionTimestamp first) with SuccessfulDelete events', () => {
    const gone = [...pods].filter(([, p]) => p === null).map(([k]) => k);
    expect(gone).toHaveLength(2);
    for (const key of gone)
      expect(
        trace.objects.some((o) => o.key === key && (o.object as Obj | null)?.metadata.deletionTimestamp),
      ).toBe(true);
    const ev = events(trace);
    expect(ev.filter((e) => e.reason === 'SuccessfulDelete')).toHaveLength(2);
    expect(
      ev.some(
        (e) =>
          e.reason === 'ScalingReplicaSet' &&
          /^Scaled down replica set nginx-\w+ from 3 to 1$/.test(e.message ?? ''),
      ),
    ).toBe(true);
  });
});

describe('workload validation', () => {
  it('refuses a selector that does not match the template labels with upstream’s 422 text', () => {
    const text = preset('deployment').replace(
      '      labels:\n        app: nginx\n    spec:',
      '      labels:\n        app: web\n    spec:',
    );
    const trace = run(text);
    expect(trace.terminal.map((l) => `${l.stream}: ${l.text}`)).toEqual([
      'stderr: The Deployment "nginx" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    expect(
      trace.messages.some(
        (m) => m.from === 'kube-controller-manager' && m.kind === 'request' && m.label.startsWith('POST'),
      ),
    ).toBe(false);
  });
});
