// The Rolling update preset end to end: kubectl's second apply, the two ReplicaSets, the events and the
// Deployment's conditions, as a real v1.37 cluster records them; and the same rollout with Recreate.
import { describe, expect, it } from 'vitest';
import { getPreset, parseScenario } from '../../../scenario';
import { simulate } from '../../cluster/simulate';
import type { KubeObject } from '../../scenario';
import { specOf } from '../../k8s/workloads';
import type { Trace } from '../../trace/types';

function run(text: string): Trace {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

function latest(trace: Trace, prefix: string): KubeObject[] {
  const m = new Map<string, KubeObject | null>();
  for (const o of trace.objects) if (o.key.startsWith(prefix)) m.set(o.key, o.object as KubeObject | null);
  return [...m.values()].filter((o): o is KubeObject => o !== null);
}

/** The Deployment's events in the order they were recorded: `reason: message`. */
function deploymentEvents(trace: Trace): string[] {
  return trace.objects
    .filter((o) => o.key.startsWith('/registry/events/default/web.') && o.object)
    .map((o) => o.object as KubeObject & { reason: string; message: string })
    .filter((e, i, all) => all.findIndex((x) => x.metadata.name === e.metadata.name) === i)
    .map((e) => `${e.reason}: ${e.message}`);
}

const text = getPreset('rolling-update')!.text;

describe('the Rolling update preset', () => {
  const trace = run(text);
  const rss = latest(trace, '/registry/replicasets/default/');
  const [oldRS, newRS] = [...rss].sort(
    (a, b) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision']), // prettier-ignore
  );

  it('prints created, then configured for the second apply of the changed file', () => {
    expect(trace.terminal.map((l) => `${l.command} → ${l.text}`)).toEqual([
      'kubectl apply -f pod.yaml → deployment.apps/web created',
      'kubectl apply -f web-v2.yaml → deployment.apps/web configured',
    ]);
    const patch = trace.messages.find(
      (m) => m.label === 'PATCH /apis/apps/v1/namespaces/default/deployments/web',
    );
    expect(patch?.detail.contentType).toBe('application/strategic-merge-patch+json');
  });

  it('keeps two ReplicaSets: revision 1 scaled to 0 and revision 2 with the new image', () => {
    expect(rss).toHaveLength(2);
    expect(oldRS!.spec).toMatchObject({ replicas: 0 });
    expect(newRS!.spec).toMatchObject({ replicas: 3 });
    expect(oldRS!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(newRS!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const image = (rs: KubeObject) =>
      (rs.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]
        ?.image;
    expect([image(oldRS!), image(newRS!)]).toEqual(['nginx:1.27', 'nginx:1.28']);
    expect(newRS!.metadata.labels?.['pod-template-hash']).not.toBe(
      oldRS!.metadata.labels?.['pod-template-hash'],
    );
  });

  it('records ScalingReplicaSet events one pod at a time: maxSurge 1, maxUnavailable 0', () => {
    const o = oldRS!.metadata.name;
    const n = newRS!.metadata.name;
    expect(deploymentEvents(trace)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${o} from 0 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${o} from 3 to 2`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 1 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${o} from 2 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 2 to 3`,
      `ScalingReplicaSet: Scaled down replica set ${o} from 1 to 0`,
    ]);
  });

  it('never has fewer than 3 available pods during the rollout, nor more than 4 pods', () => {
    const statuses = trace.objects
      .filter(
        (o) =>
          o.key === '/registry/deployments/default/web' && o.object && o.t > 10_000 + trace.clusterReadyAt,
      )
      .map((o) => (o.object as KubeObject).status as { replicas?: number; availableReplicas?: number });
    expect(statuses.length).toBeGreaterThan(3);
    for (const s of statuses) {
      expect(s.availableReplicas ?? 0).toBeGreaterThanOrEqual(3);
      expect(s.replicas ?? 0).toBeLessThanOrEqual(4);
    }
  });

  it('moves Progressing through NewReplicaSetCreated and ReplicaSetUpdated to NewReplicaSetAvailable', () => {
    const reasons: string[] = [];
    for (const o of trace.objects) {
      if (o.key !== '/registry/deployments/default/web' || !o.object) continue;
      const conds = ((o.object as KubeObject).status as { conditions?: { type: string; reason: string; message: string }[] }).conditions ?? []; // prettier-ignore
      const p = conds.find((c) => c.type === 'Progressing');
      const line = p ? `${p.reason}: ${p.message}` : '';
      if (line && reasons.at(-1) !== line) reasons.push(line);
    }
    const o = oldRS!.metadata.name ?? '';
    const n = newRS!.metadata.name ?? '';
    expect(reasons).toEqual([
      `NewReplicaSetCreated: Created new replica set "${o}"`,
      `ReplicaSetUpdated: ReplicaSet "${o}" is progressing.`,
      `NewReplicaSetAvailable: ReplicaSet "${o}" has successfully progressed.`,
      `NewReplicaSetCreated: Created new replica set "${n}"`,
      `ReplicaSetUpdated: ReplicaSet "${n}" is progressing.`,
      `NewReplicaSetAvailable: ReplicaSet "${n}" has successfully progressed.`,
    ]);
    const d = latest(trace, '/registry/deployments/default/web')[0]!;
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect((d.status as { conditions: unknown[] }).conditions).toContainEqual(
      expect.objectContaining({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }), // prettier-ignore
    );
  });

  it('ends with three Running nginx:1.28 pods and the old ones gone', () => {
    const pods = latest(trace, '/registry/pods/default/web-');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name?.startsWith(`${newRS!.metadata.name}-`)).toBe(true);
      expect((p.status as { phase: string }).phase).toBe('Running');
    }
  });
});

describe('the same rollout with strategy Recreate', () => {
  const recreate = text.replace(/spec:\n(\s*)replicas: 3\n/g, (_m, ind: string) => `spec:\n${ind}replicas: 3\n${ind}strategy:\n${ind}  type: Recreate\n`); // prettier-ignore
  const trace = run(recreate);

  it('scales the old ReplicaSet to 0 and creates the new one at 3 only after the old pods are gone', () => {
    const events = deploymentEvents(trace);
    expect(events.slice(1).map((e) => e.replace(/web-\w+/, 'RS'))).toEqual([
      'ScalingReplicaSet: Scaled down replica set RS from 3 to 0',
      'ScalingReplicaSet: Scaled up replica set RS from 0 to 3',
    ]);
    const created = trace.objects.find((o) => o.key.startsWith('/registry/replicasets/') && o.seq > 0 && (o.object as KubeObject | null)?.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2'); // prettier-ignore
    const lastOldPod = trace.objects
      .filter((o) => o.key.startsWith('/registry/pods/') && o.object === null)
      .at(-1);
    expect(created!.seq).toBeGreaterThan(lastOldPod!.seq);
  });
});

describe('a StatefulSet applied again with a new image', () => {
  const base = getPreset('statefulset')!.text;
  const v2 = base
    .replace('nginx:1.27', 'nginx:1.28')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => `      ${l}`)
    .join('\n');
  const trace = run(
    `${base}---\napiVersion: podwalk.dev/v1alpha1\nkind: Scenario\nspec:\n  files:\n    web-v2.yaml: |\n${v2}\n  actions:\n  - at: 0s\n    kubectl: apply -f pod.yaml\n  - at: 20s\n    kubectl: apply -f web-v2.yaml\n`,
  );

  it('stores a ControllerRevision per template, revisions 1 and 2', () => {
    const revs = latest(trace, '/registry/controllerrevisions/default/');
    expect(revs.map((r) => [r.metadata.name?.startsWith('web-'), r.revision])).toEqual([
      [true, 1],
      [true, 2],
    ]);
    const pods = latest(trace, '/registry/pods/default/web-');
    const second = revs.find((r) => r.revision === 2)!.metadata.name;
    for (const p of pods) expect(p.metadata.labels?.['controller-revision-hash']).toBe(second);
  });

  it('replaces the pods from the highest ordinal down, each after the one before is Ready', () => {
    const events = trace.objects
      .filter((o) => o.key.startsWith('/registry/events/default/web.') && o.object)
      .map((o) => (o.object as KubeObject & { message: string }).message);
    expect(events.slice(3)).toEqual([
      'delete Pod web-2 in StatefulSet web successful',
      'create Pod web-2 in StatefulSet web successful',
      'delete Pod web-1 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
      'delete Pod web-0 in StatefulSet web successful',
      'create Pod web-0 in StatefulSet web successful',
    ]);
    const set = latest(trace, '/registry/statefulsets/default/web')[0]!;
    const st = set.status as { currentRevision: string; updateRevision: string; updatedReplicas: number };
    expect(st.currentRevision).toBe(st.updateRevision);
    expect(st.updatedReplicas).toBe(3);
  });
});

describe('the same rollout with revisionHistoryLimit 0', () => {
  // upstream: sync.go cleanupDeployment — once the Deployment is complete, old ReplicaSets beyond the
  // limit, scaled to 0 with no pods, are deleted.
  const limited = text.replace(/spec:\n(\s*)replicas: 3\n/g, (_m, ind: string) => `spec:\n${ind}replicas: 3\n${ind}revisionHistoryLimit: 0\n`); // prettier-ignore
  const trace = run(limited);
  const rss = latest(trace, '/registry/replicasets/default/');

  it('deletes the old ReplicaSet once the rollout is complete, keeping only revision 2', () => {
    expect(rss.map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'])).toEqual(['2']);
    const deletes = trace.messages.filter((m) =>
      m.label.startsWith('DELETE /apis/apps/v1/namespaces/default/replicasets/'),
    );
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.label).not.toContain(rss[0]!.metadata.name);
    // status.replicas counts active pods only, so the old ReplicaSet may go while its last pods terminate;
    // it goes after the rollout's last scale-down, never before.
    const gone = trace.objects.find((o) => o.key.startsWith('/registry/replicasets/') && o.object === null);
    const lastScale = trace.messages.filter((m) => m.label.startsWith('PUT /apis/apps/v1/namespaces/default/replicasets/')).at(-1); // prettier-ignore
    expect(gone!.seq).toBeGreaterThan(lastScale!.seq);
  });

  it('keeps the old ReplicaSet with the default limit of 10', () => {
    const base = run(text);
    expect(base.messages.some((m) => m.label.startsWith('DELETE /apis/apps/v1/'))).toBe(false);
  });
});

describe('the Rollout stuck preset', () => {
  // upstream: progress.go syncRolloutStatus (DeploymentTimedOut) and requeueStuckDeployment
  const trace = run(getPreset('rollout-stuck')!.text);
  const deployment = latest(trace, '/registry/deployments/default/web')[0]!;
  const conditions = (deployment.status as { conditions: Record<string, string>[] }).conditions;
  const rss = latest(trace, '/registry/replicasets/default/');
  const newRS = rss.find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2')!;

  it('ends with Progressing=False ProgressDeadlineExceeded naming the new ReplicaSet', () => {
    expect(conditions.find((c) => c['type'] === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`,
    });
    expect(conditions.find((c) => c['type'] === 'Available')).toMatchObject({ status: 'True' });
  });

  it('times out only once progressDeadlineSeconds have passed since the last progress', () => {
    const progressing = (o: KubeObject) =>
      ((o.status as { conditions?: Record<string, string>[] } | undefined)?.conditions ?? []).find(
        (c) => c['type'] === 'Progressing',
      );
    const writes = trace.objects.filter((o) => o.key === '/registry/deployments/default/web' && o.object);
    const at = writes.findIndex((o) => progressing(o.object as KubeObject)?.['reason'] === 'ProgressDeadlineExceeded'); // prettier-ignore
    expect(at).toBeGreaterThan(0);
    const before = progressing(writes[at - 1]!.object as KubeObject)!;
    const timedOut = progressing(writes[at]!.object as KubeObject)!;
    const secs = (t: string) => Date.parse(t) / 1000;
    expect(secs(timedOut['lastUpdateTime']!) - secs(before['lastUpdateTime']!)).toBeGreaterThan(600);
    expect(secs(timedOut['lastUpdateTime']!) - secs(before['lastUpdateTime']!)).toBeLessThanOrEqual(602);
  });

  it('keeps the three old pods serving: the surge pod is stuck in ErrImagePull', () => {
    expect(specOf(newRS).replicas).toBe(1);
    const oldRS = rss.find((rs) => rs !== newRS)!;
    expect(specOf(oldRS).replicas).toBe(3);
    expect(trace.objects.some((o) => JSON.stringify(o.object ?? '').includes('ErrImagePull'))).toBe(true);
  });
});
