import { describe, expect, it } from 'vitest';
import { applyTxn, etcdMachine, initialEtcd, type EtcdInput } from './etcdMachine';
import { runAlone } from '../../testing/harness';
import { etcdRange, etcdTxn, etcdWatch, nginxPod, type Of } from '../../testing/events';
import { replay, shortestPaths } from '../../testing/model';

const KEY = '/registry/pods/default/nginx';
const pod = nginxPod();

describe('applyTxn', () => {
  it('creates an absent key at the next revision with the revision as resourceVersion', () => {
    const r = applyTxn(initialEtcd({ initial: [] }), { kind: 'create', key: KEY, value: pod });
    expect(r.succeeded).toBe(true);
    expect(r.ctx.revision).toBe(2);
    expect(r.kv).toMatchObject({ createRevision: 2, modRevision: 2 });
    expect(r.kv?.value.metadata.resourceVersion).toBe('2');
  });

  it('refuses to create a key that already exists and leaves the store unchanged', () => {
    const ctx = applyTxn(initialEtcd({ initial: [] }), { kind: 'create', key: KEY, value: pod }).ctx;
    const r = applyTxn(ctx, { kind: 'create', key: KEY, value: pod });
    expect(r.succeeded).toBe(false);
    expect(r.ctx).toBe(ctx);
    expect(r.kv?.modRevision).toBe(2);
  });

  it('updates only when the expected mod revision matches, keeping the create revision', () => {
    const ctx = applyTxn(initialEtcd({ initial: [] }), { kind: 'create', key: KEY, value: pod }).ctx;
    expect(applyTxn(ctx, { kind: 'update', key: KEY, value: pod, expectModRevision: 1 }).succeeded).toBe(
      false,
    );
    const r = applyTxn(ctx, { kind: 'update', key: KEY, value: pod, expectModRevision: 2 });
    expect(r.succeeded).toBe(true);
    expect(r.kv).toMatchObject({ createRevision: 2, modRevision: 3 });
  });

  it('deletes the key, reports the old value and still moves the revision on', () => {
    const ctx = applyTxn(initialEtcd({ initial: [] }), { kind: 'create', key: KEY, value: pod }).ctx;
    const r = applyTxn(ctx, { kind: 'delete', key: KEY, expectModRevision: 2 });
    expect(r).toMatchObject({ succeeded: true, deleted: true });
    expect(r.ctx.kvs[KEY]).toBeUndefined();
    expect(r.ctx.revision).toBe(3);
    expect(r.kv?.modRevision).toBe(2);
  });

  it('numbers pre-existing objects from revision 2 in creation order', () => {
    const ctx = initialEtcd({
      initial: [
        ['/registry/minions/a', pod],
        ['/registry/minions/b', pod],
      ],
    });
    expect(ctx.revision).toBe(3);
    expect(ctx.kvs['/registry/minions/b']?.modRevision).toBe(3);
  });
});

describe('etcdMachine as an actor', () => {
  const start = () =>
    runAlone(etcdMachine, { systemId: 'etcd', peers: ['apiServer'], input: () => ({ initial: [] }) });

  it('answers a txn and notifies a prefix watcher with a PUT marked created', () => {
    const h = start();
    h.send(etcdWatch('/registry/'));
    h.send(etcdTxn({ kind: 'create', key: KEY, value: pod }));
    h.flush();
    const [result, watch] = h.to('apiServer') as [Of<'etcd.result'>, Of<'etcd.watchEvent'>];
    expect(result).toMatchObject({ type: 'etcd.result', opId: 'op-1', succeeded: true, revision: 2 });
    expect(result.note.label).toBe('txn ok: created, revision 2');
    expect(watch).toMatchObject({ type: 'etcd.watchEvent', eventType: 'PUT', key: KEY, created: true });
  });

  it('sends no watch event for a failed txn', () => {
    const h = start();
    h.send(etcdWatch('/registry/'));
    h.send(etcdTxn({ kind: 'delete', key: KEY, expectModRevision: 5 }));
    h.flush();
    expect(h.to('apiServer').map((e) => e.type)).toEqual(['etcd.result']);
    expect(h.to('apiServer')[0]?.note.label).toBe('txn failed: compare false');
  });

  it('returns a prefix range sorted by key', () => {
    const h = runAlone(etcdMachine, {
      systemId: 'etcd',
      peers: ['apiServer'],
      input: (): EtcdInput => ({
        initial: [
          ['/registry/pods/b', pod],
          ['/registry/pods/a', pod],
          ['/registry/x', pod],
        ],
      }),
    });
    h.send(etcdRange('/registry/pods/', true));
    h.flush();
    const r = h.to('apiServer')[0] as Of<'etcd.result'>;
    expect(r.kvs.map((k) => k.key)).toEqual(['/registry/pods/a', '/registry/pods/b']);
    expect(r.note.label).toBe('range: count 2');
  });
});

describe('etcdMachine model', () => {
  const input = { initial: [] };
  const events = [
    etcdTxn({ kind: 'create', key: KEY, value: pod }),
    etcdRange(KEY, false),
    etcdWatch('/registry/'),
  ];

  it('has the single state serving, reached by every path and by its replay', () => {
    const paths = shortestPaths(etcdMachine, events, input);
    expect(paths.map((p) => p.state)).toEqual(['"serving"']);
    for (const p of paths) expect(replay(etcdMachine, input, p)).toBe(p.state);
  });
});
