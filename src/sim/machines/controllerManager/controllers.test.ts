import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../cluster/events';
import type { KubeObject } from '../../scenario';
import { syncDeployment, newReplicaSet } from './deployment';
import { podCreated, podsToDelete, syncReplicaSet } from './replicaSet';
import { syncStatefulSet } from './statefulSet';
import { initialCmContext, type CmContext } from './state';
import { newControllerRevision } from '../../k8s/controllerRevision';

type Request = Extract<SimEvent, { type: 'http.request' }>;

function ctx(): CmContext {
  return initialCmContext({ now: () => 1000 });
}

const template = {
  metadata: { labels: { app: 'nginx' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
};

function workload(kind: string, name: string, replicas: number, uid: string, extra = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: 'default', uid, generation: 1 },
    spec: { replicas, selector: { matchLabels: { app: 'nginx' } }, template, ...extra },
  };
}

function pod(name: string, owner: KubeObject, status: Record<string, unknown> = {}, spec = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      creationTimestamp: '2026-05-12T10:15:00Z',
      ownerReferences: [{ kind: owner.kind, uid: owner.metadata.uid, controller: true }],
    },
    spec,
    status,
  };
}

const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
const requests = (out: { event: SimEvent }[]): Request['request'][] =>
  out
    .map((o) => o.event)
    .filter((e): e is Request => e.type === 'http.request')
    .map((e) => e.request);

describe('deployment controller', () => {
  // As stored: the API server defaulted the strategy (RollingUpdate, 25% / 25%).
  const d = workload('Deployment', 'nginx', 3, 'd-uid', {
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
  });

  it('creates ReplicaSet <deployment>-<pod-template-hash> owned by the Deployment, with the hash label', () => {
    const c = ctx();
    c.cache.deployments['default/nginx'] = d;
    const [post] = requests(syncDeployment(c, 'default/nginx').out);
    expect(post?.method).toBe('POST');
    expect(post?.path).toBe('/apis/apps/v1/namespaces/default/replicasets');
    const rs = post?.body as KubeObject;
    const hash = rs.metadata.labels?.['pod-template-hash'] ?? '';
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs.metadata.name).toBe(`nginx-${hash}`);
    expect(rs.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'nginx',
        uid: 'd-uid',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect((rs.spec as { selector: unknown }).selector).toEqual({
      matchLabels: { app: 'nginx', 'pod-template-hash': hash },
    });
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('4');
  });

  it('gives the same template the same hash and a changed template another', () => {
    const a = newReplicaSet(d).metadata.name;
    expect(newReplicaSet(d).metadata.name).toBe(a);
    const other = workload('Deployment', 'nginx', 3, 'd-uid');
    (other.spec as { template: unknown }).template = {
      ...template,
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] },
    };
    expect(newReplicaSet(other).metadata.name).not.toBe(a);
  });

  it('scales its ReplicaSet to spec.replicas with a PUT when the Deployment is scaled', () => {
    const c = ctx();
    const rs = { ...newReplicaSet(d), metadata: { ...newReplicaSet(d).metadata, uid: 'rs-uid' } };
    c.cache.deployments['default/nginx'] = { ...d, spec: { ...(d.spec as object), replicas: 1 } };
    c.cache.replicasets[`default/${rs.metadata.name}`] = rs;
    const [put] = requests(syncDeployment(c, 'default/nginx').out);
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`/apis/apps/v1/namespaces/default/replicasets/${rs.metadata.name}`);
    expect((put?.body as { spec: { replicas: number } }).spec.replicas).toBe(1);
  });
});

describe('replicaset controller', () => {
  const rs = workload('ReplicaSet', 'nginx-abc', 4, 'rs-uid');

  it('creates pods with generateName <rs>- and a controller ownerReference, in slow-start batches 1, 2, then 1', () => {
    let c = ctx();
    c.cache.replicasets['default/nginx-abc'] = rs;
    let step = syncReplicaSet(c, 'default/nginx-abc');
    const posts = () => requests(step.out).filter((r) => r.method === 'POST' && r.path.endsWith('/pods'));
    expect(posts()).toHaveLength(1);
    const body = posts()[0]!.body as KubeObject;
    expect(body.metadata.generateName).toBe('nginx-abc-');
    expect(body.metadata.name).toBeUndefined();
    expect(body.metadata.labels).toEqual({ app: 'nginx' });
    expect(body.metadata.ownerReferences).toMatchObject([
      { kind: 'ReplicaSet', uid: 'rs-uid', controller: true, blockOwnerDeletion: true },
    ]);
    c = step.ctx;
    const created = (name: string) => ({ ...body, metadata: { ...body.metadata, name } });
    step = podCreated(c, 'default/nginx-abc', true, created('nginx-abc-bbbbb'));
    expect(posts()).toHaveLength(2);
    const events = requests(step.out).filter((r) => r.path.endsWith('/events'));
    expect(events[0]!.body as { reason: string; message: string }).toMatchObject({
      reason: 'SuccessfulCreate',
      message: 'Created pod: nginx-abc-bbbbb',
    });
    c = step.ctx;
    step = podCreated(c, 'default/nginx-abc', true, created('nginx-abc-ccccc'));
    expect(posts()).toHaveLength(0); // the batch of 2 is still in flight
    step = podCreated(step.ctx, 'default/nginx-abc', true, created('nginx-abc-ddddd'));
    expect(posts()).toHaveLength(1); // 4 = 1 + 2 + 1
  });

  it('does not create again while its expectations are not yet observed', () => {
    const c = ctx();
    c.cache.replicasets['default/nginx-abc'] = rs;
    c.expectations['default/nginx-abc'] = { add: 2, del: 0 };
    expect(
      requests(syncReplicaSet(c, 'default/nginx-abc').out).filter((r) => r.method === 'POST'),
    ).toHaveLength(0);
  });

  it('deletes pods on a scale-down, pending and unready before running and ready', () => {
    const c = ctx();
    const small = { ...rs, spec: { ...(rs.spec as object), replicas: 1 } };
    c.cache.replicasets['default/nginx-abc'] = small;
    c.cache.pods['default/a'] = pod('a', small, running, { nodeName: 'worker-1' });
    c.cache.pods['default/b'] = pod('b', small, { phase: 'Pending' });
    c.cache.pods['default/c'] = pod('c', small, { phase: 'Running' }, { nodeName: 'worker-2' });
    const deletes = requests(syncReplicaSet(c, 'default/nginx-abc').out).filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.path)).toEqual([
      '/api/v1/namespaces/default/pods/b',
      '/api/v1/namespaces/default/pods/c',
    ]);
    expect(podsToDelete(Object.values(c.cache.pods), 1).map((p) => p.metadata.name)).toEqual(['b']);
  });

  it('writes status replicas and readyReplicas with a PUT of /status', () => {
    const c = ctx();
    c.cache.replicasets['default/nginx-abc'] = { ...rs, spec: { ...(rs.spec as object), replicas: 1 } };
    c.cache.pods['default/a'] = pod('a', rs, running, { nodeName: 'worker-1' });
    const put = requests(syncReplicaSet(c, 'default/nginx-abc').out).find((r) => r.method === 'PUT');
    expect(put?.path).toBe('/apis/apps/v1/namespaces/default/replicasets/nginx-abc/status');
    expect((put?.body as { status: unknown }).status).toEqual({
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    });
  });
});

describe('statefulset controller', () => {
  const set = workload('StatefulSet', 'web', 3, 'sts-uid', { serviceName: 'nginx' });
  const posts = (c: CmContext) =>
    requests(syncStatefulSet(c, 'default/web').out).filter((r) => r.method === 'POST');
  /** The set's ControllerRevision, as the controller knows it once created. */
  const known = (c: CmContext, s: KubeObject = set): string => {
    const cr = newControllerRevision(s, 1);
    c.revisions = { ...c.revisions, [`default/${cr.metadata.name}`]: cr };
    return cr.metadata.name ?? '';
  };
  const labelled = (p: KubeObject, revision: string): KubeObject => ({
    ...p,
    metadata: { ...p.metadata, labels: { 'controller-revision-hash': revision } },
  });

  it('first creates the ControllerRevision of its template, then labels its pods with it', () => {
    const c = ctx();
    c.cache.statefulsets['default/web'] = set;
    const [cr] = posts(c);
    expect(cr?.path).toBe('/apis/apps/v1/namespaces/default/controllerrevisions');
    const body = cr?.body as KubeObject;
    expect(body.kind).toBe('ControllerRevision');
    expect(body.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    const name = known(c);
    expect(body.metadata.name).toBe(name);
    const [p] = posts(c);
    expect((p?.body as KubeObject).metadata.labels?.['controller-revision-hash']).toBe(name);
  });

  it('rolls a changed template over from the highest ordinal down, one Ready pod at a time', () => {
    const c = ctx();
    const old = known(c);
    const changed = structuredClone(set) as KubeObject & {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    changed.spec.template.spec.containers[0]!.image = 'nginx:1.28';
    c.cache.statefulsets['default/web'] = changed;
    for (const n of ['web-0', 'web-1', 'web-2'])
      c.cache.pods[`default/${n}`] = labelled(pod(n, set, running), old);
    // The new template's revision comes first.
    expect(posts(c).map((r) => r.path)).toEqual(['/apis/apps/v1/namespaces/default/controllerrevisions']);
    const update = known(c, changed);
    const deletes = () => requests(syncStatefulSet(c, 'default/web').out).filter((r) => r.method === 'DELETE').map((r) => r.path); // prettier-ignore
    expect(deletes()).toEqual(['/api/v1/namespaces/default/pods/web-2']);
    // web-2 replaced with the update revision but not Ready yet: nothing else moves.
    c.cache.pods['default/web-2'] = labelled(pod('web-2', changed, { phase: 'Pending' }), update);
    expect(deletes()).toEqual([]);
    c.cache.pods['default/web-2'] = labelled(pod('web-2', changed, running), update);
    expect(deletes()).toEqual(['/api/v1/namespaces/default/pods/web-1']);
  });

  it('creates web-0 first, with its identity labels, hostname and subdomain', () => {
    const c = ctx();
    c.cache.statefulsets['default/web'] = set;
    known(c);
    const [p] = posts(c);
    const body = p?.body as KubeObject;
    expect(body.metadata.name).toBe('web-0');
    expect(body.metadata.labels).toMatchObject({
      app: 'nginx',
      'apps.kubernetes.io/pod-index': '0',
      'statefulset.kubernetes.io/pod-name': 'web-0',
    });
    expect(body.spec).toMatchObject({ hostname: 'web-0', subdomain: 'nginx' });
  });

  it('waits for web-0 to be Running and Ready before creating web-1', () => {
    const c = ctx();
    c.cache.statefulsets['default/web'] = set;
    known(c);
    c.cache.pods['default/web-0'] = pod('web-0', set, { phase: 'Pending' });
    expect(posts(c)).toHaveLength(0);
    c.cache.pods['default/web-0'] = pod('web-0', set, running);
    expect(posts(c).map((r) => (r.body as KubeObject).metadata.name)).toEqual(['web-1']);
  });

  it('scales down from the highest ordinal', () => {
    const c = ctx();
    c.cache.statefulsets['default/web'] = { ...set, spec: { ...(set.spec as object), replicas: 1 } };
    known(c);
    for (const n of ['web-0', 'web-1', 'web-2']) c.cache.pods[`default/${n}`] = pod(n, set, running);
    const del = requests(syncStatefulSet(c, 'default/web').out).filter((r) => r.method === 'DELETE');
    expect(del.map((r) => r.path)).toEqual(['/api/v1/namespaces/default/pods/web-2']);
  });
});
