import { describe, expect, it } from 'vitest';
import { apiServerMachine, type ApiServerInput } from './apiServerMachine';
import { CACHER_LIST } from './handlers';
import { runAlone } from '../../testing/harness';
import { etcdResult, httpRequest, nginxPod, testNote, watchRegister, type Of } from '../../testing/events';
import { replay, shortestPaths } from '../../testing/model';
import type { SimEvent } from '../../cluster/events';

const input: ApiServerInput = { env: { now: () => 0 }, seed: 1 };
// admin.conf's certificate: CN=kubernetes-admin, O=kubeadm:cluster-admins (bound to cluster-admin)
const ADMIN = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] };
const getPod = httpRequest({ method: 'GET', path: '/api/v1/namespaces/default/pods/nginx', user: ADMIN });

describe('apiServerMachine', () => {
  function started() {
    const h = runAlone(apiServerMachine, {
      systemId: 'apiServer',
      peers: ['etcd', 'kubectl', 'kubelet:worker-2'],
      input: (env) => ({ env, seed: 1 }),
    });
    h.flush();
    h.send(etcdResult(CACHER_LIST));
    h.flush();
    return h;
  }

  it('lists /registry/ from etcd on start and then watches it', () => {
    const h = started();
    expect(h.to('etcd').map((e) => e.type)).toEqual(['etcd.range', 'etcd.watch']);
    expect(h.snapshot().value).toBe('idle');
  });

  it('answers a GET of an absent pod with 404 and the upstream NotFound message', () => {
    const h = started();
    h.send(getPod);
    h.flush();
    const range = h.to('etcd').at(-1) as Of<'etcd.range'>;
    expect(range).toMatchObject({ key: '/registry/pods/default/nginx', prefix: false, opId: 'req-1' });
    h.send(etcdResult('req-1', { kv: null }));
    h.flush();
    const res = h.to('kubectl')[0] as Of<'http.response'>;
    expect(res.response.code).toBe(404);
    expect(res.response.body).toMatchObject({ reason: 'NotFound', message: 'pods "nginx" not found' });
    expect(h.snapshot().value).toBe('idle');
  });

  it('answers an invalid create with 422 and a cause per field error, without touching etcd', () => {
    const h = started();
    const before = h.to('etcd').length;
    h.send(
      httpRequest({
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: { ...nginxPod(), metadata: { name: 'Nginx' } },
        user: ADMIN,
      }),
    );
    h.flush();
    const res = h.to('kubectl')[0] as Of<'http.response'>;
    expect(res.response.code).toBe(422);
    expect(res.response.body).toMatchObject({
      reason: 'Invalid',
      details: { name: 'Nginx', kind: 'Pod', causes: [{ field: 'metadata.name' }] },
    });
    expect(h.to('etcd')).toHaveLength(before);
  });

  it('lists matching pods to a new watch and fans later changes out to it', () => {
    const h = started();
    h.send(watchRegister('pods', 'kubelet:worker-2', 'spec.nodeName=worker-2'));
    h.flush();
    expect(h.to('kubelet:worker-2')[0]).toMatchObject({ type: 'watch.listed', items: [] });
    const bound = { ...nginxPod(), spec: { nodeName: 'worker-2', containers: [] } };
    h.send({
      type: 'etcd.watchEvent',
      note: testNote(11),
      eventType: 'PUT',
      key: '/registry/pods/default/nginx',
      kv: { key: '/registry/pods/default/nginx', value: bound, createRevision: 9, modRevision: 9 },
      created: false,
    });
    h.flush();
    const ev = h.to('kubelet:worker-2')[1] as Of<'watch.event'>;
    expect(ev).toMatchObject({ eventType: 'ADDED', watchId: 'kubelet:worker-2:pods' });
    expect(ev.note).toMatchObject({ activity: 12, label: 'watch ADDED pod nginx' });
  });
});

describe('apiServerMachine model', () => {
  const events: SimEvent[] = [
    etcdResult(CACHER_LIST),
    getPod,
    { type: 'apiserver.stage', note: testNote(1), requestId: 'req-1', stage: 'authn' },
    etcdResult('req-1', { kv: null }),
    watchRegister('pods', 'scheduler'),
  ];
  const paths = shortestPaths(apiServerMachine, events, input);

  it('reaches starting, idle and handling', () => {
    expect(paths.map((p) => JSON.parse(p.state) as string).sort()).toEqual(['handling', 'idle', 'starting']);
  });

  it('reaches each path state when the path is replayed on an actor', () => {
    for (const p of paths) expect(replay(apiServerMachine, input, p)).toBe(p.state);
  });
});
