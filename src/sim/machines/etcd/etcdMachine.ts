// etcd: a key-value store with one global revision counter, transactions guarded by mod revisions, and
// prefix watches. The API server is its only client.
// upstream: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go (Create, GuaranteedUpdate, Delete)
import { enqueueActions, setup } from 'xstate';
import type { SimEvent, KeyValue, EtcdOp } from '../../cluster/events';
import { note } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { commit } from '../../cluster/commit';
import type { SimEnv } from '../../cluster/env';
import { LATENCY } from '../../time/latencies';
import type { KubeObject } from '../../scenario';

export interface EtcdContext {
  revision: number;
  kvs: Record<string, KeyValue>;
  watchers: { prefix: string; replyTo: string }[];
  /** The host's environment; etcd reads only whether to update its context in place (commit). */
  env?: SimEnv;
}

export interface EtcdInput {
  /** Objects that exist before the run, as [key, object] in creation order. */
  initial: [string, KubeObject][];
  env?: SimEnv;
}

export function initialEtcd(input: EtcdInput): EtcdContext {
  const kvs: Record<string, KeyValue> = Object.create(null) as Record<string, KeyValue>;
  let revision = 1;
  for (const [key, value] of input.initial) {
    revision += 1;
    kvs[key] = {
      key,
      value: withResourceVersion(value, revision),
      createRevision: revision,
      modRevision: revision,
    };
  }
  return { revision, kvs, watchers: [], ...(input.env ? { env: input.env } : {}) };
}

function withResourceVersion(obj: KubeObject, revision: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } };
}

interface TxnOutcome {
  ctx: EtcdContext;
  succeeded: boolean;
  kv: KeyValue | null;
  deleted: boolean;
}

/** Applies one transaction: create only if absent, update/delete only if the mod revision is unchanged. */
export function applyTxn(ctx: EtcdContext, op: EtcdOp): TxnOutcome {
  const current = ctx.kvs[op.key];
  if (op.kind === 'create' ? current !== undefined : current?.modRevision !== op.expectModRevision) {
    return { ctx, succeeded: false, kv: current ?? null, deleted: false };
  }
  const revision = ctx.revision + 1;
  // Written in place: etcd's context is only ever read through its newest snapshot, and copying every
  // key per write made a run quadratic in the number of objects (a 1,000-replica Deployment).
  const kvs = ctx.kvs;
  if (op.kind === 'delete') {
    delete kvs[op.key];
    return { ctx: { ...ctx, revision, kvs }, succeeded: true, kv: current ?? null, deleted: true };
  }
  const kv: KeyValue = {
    key: op.key,
    value: withResourceVersion(op.value, revision),
    createRevision: current?.createRevision ?? revision,
    modRevision: revision,
  };
  kvs[op.key] = kv;
  return { ctx: { ...ctx, revision, kvs }, succeeded: true, kv, deleted: false };
}

function handleTxn(
  ctx: EtcdContext,
  ev: Extract<SimEvent, { type: 'etcd.txn' }>,
): { ctx: EtcdContext; out: Outgoing[] } {
  const r = applyTxn(ctx, ev.op);
  const verb = ev.op.kind === 'create' ? 'created' : ev.op.kind === 'delete' ? 'deleted' : 'updated';
  const label = r.succeeded ? `txn ok: ${verb}, revision ${r.ctx.revision}` : 'txn failed: compare false';
  const out: Outgoing[] = [
    {
      to: ev.replyTo,
      delay: LATENCY.etcdWrite,
      event: {
        type: 'etcd.result',
        note: note(ev.note, 'response', label, {
          succeeded: r.succeeded,
          revision: r.ctx.revision,
          key: ev.op.key,
        }),
        opId: ev.opId,
        succeeded: r.succeeded,
        revision: r.ctx.revision,
        kv: r.kv,
        kvs: [],
        deleted: r.deleted,
      },
    },
  ];
  if (r.succeeded) out.push(...notifyWatchers(r.ctx, ev, r, ev.op.key));
  return { ctx: r.ctx, out };
}

function notifyWatchers(
  ctx: EtcdContext,
  ev: Extract<SimEvent, { type: 'etcd.txn' }>,
  r: TxnOutcome,
  key: string,
): Outgoing[] {
  const eventType = r.deleted ? 'DELETE' : 'PUT';
  return ctx.watchers
    .filter((w) => key.startsWith(w.prefix))
    .map((w) => ({
      to: w.replyTo,
      delay: LATENCY.etcdWrite,
      event: {
        type: 'etcd.watchEvent' as const,
        note: note(ev.note, 'watch', `watch ${eventType} ${key}`, { key, modRevision: ctx.revision }),
        eventType,
        key,
        kv: r.kv,
        created: ev.op.kind === 'create',
      },
    }));
}

function handleRange(ctx: EtcdContext, ev: Extract<SimEvent, { type: 'etcd.range' }>): Outgoing[] {
  const kv = ev.prefix ? null : (ctx.kvs[ev.key] ?? null);
  // etcd returns a range sorted by key.
  const kvs = ev.prefix
    ? Object.values(ctx.kvs)
        .filter((k) => k.key.startsWith(ev.key))
        .sort((a, b) => (a.key < b.key ? -1 : 1))
    : [];
  const count = ev.prefix ? kvs.length : kv ? 1 : 0;
  return [
    {
      to: ev.replyTo,
      delay: LATENCY.etcdRead,
      event: {
        type: 'etcd.result',
        note: note(ev.note, 'response', `range: count ${count}`, {
          key: ev.key,
          count,
          revision: ctx.revision,
        }),
        opId: ev.opId,
        succeeded: true,
        revision: ctx.revision,
        kv,
        kvs,
        deleted: false,
      },
    },
  ];
}

export const etcdMachine = setup({
  types: { context: {} as EtcdContext, events: {} as SimEvent, input: {} as EtcdInput },
  actions: {
    txn: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'etcd.txn') return;
      const { ctx, out } = handleTxn(context, event);
      commit(enqueue, context, ctx);
      dispatch(enqueue, system, out);
    }),
    range: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'etcd.range') return;
      dispatch(enqueue, system, handleRange(context, event));
    }),
    addWatcher: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'etcd.watch') return;
      commit(enqueue, context, {
        watchers: [...context.watchers, { prefix: event.prefix, replyTo: event.replyTo }],
      });
    }),
  },
}).createMachine({
  id: 'etcd',
  context: ({ input }) => initialEtcd(input),
  initial: 'serving',
  states: {
    serving: {
      on: {
        'etcd.txn': { actions: 'txn' },
        'etcd.range': { actions: 'range' },
        'etcd.watch': { actions: 'addWatcher' },
      },
    },
  },
});
