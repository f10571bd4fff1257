// The API server's request handling as pure steps: each takes the context and one event and returns the
// next context and the messages to send. The machine (apiServerMachine.ts) only wires them to events.
import type { KeyValue } from '../../cluster/events';
import { note, type Cause } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { API_SERVER, ETCD } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { bucketOfKey, emptyKeys, fanout, singular, watchCause, type ClientWatch } from './watchCache';
import { matchesFieldSelector } from './fieldSelector';
import { etcdStep } from './storage';
import { type ApiServerContext, type Ev, type Step } from './common';

export { onRequest } from './chain';

export type { ApiServerContext, Pending, Step } from './common';
export { respond, notFound } from './common';

export const CACHER_LIST = 'cacher:list';

/** At start-up the watch cache lists everything under /registry/, then watches it. */
export function startCacher(): Outgoing[] {
  const cause: Cause = { activity: null, phase: 'Setup', pod: null };
  return [
    {
      to: ETCD,
      delay: LATENCY.network,
      event: {
        type: 'etcd.range',
        note: note(cause, 'request', 'range /registry/ (watch cache LIST)', { prefix: '/registry/' }),
        opId: CACHER_LIST,
        key: '/registry/',
        prefix: true,
        replyTo: API_SERVER,
      },
    },
  ];
}

export function onCacherListed(ctx: ApiServerContext, ev: Ev<'etcd.result'>): Step {
  const cache: Record<string, KeyValue> = Object.create(null) as Record<string, KeyValue>;
  const keys: ApiServerContext['keys'] = emptyKeys();
  for (const kv of ev.kvs) {
    cache[kv.key] = kv;
    const bucket = bucketOfKey(kv.key);
    if (bucket) keys[bucket].push(kv.key);
  }
  const out: Outgoing[] = [
    {
      to: ETCD,
      delay: LATENCY.network,
      event: {
        type: 'etcd.watch',
        note: note(ev.note, 'watch', `watch /registry/ from revision ${ev.revision + 1}`, {
          prefix: '/registry/',
        }),
        prefix: '/registry/',
        replyTo: API_SERVER,
      },
    },
  ];
  return { ctx: { ...ctx, cache, keys, revision: ev.revision }, out };
}

export function onEtcdWatchEvent(ctx: ApiServerContext, ev: Ev<'etcd.watchEvent'>): Step {
  const prev = ctx.cache[ev.key] ?? null;
  const next = ev.eventType === 'DELETE' ? null : ev.kv;
  // The cache and its key index are updated in place: only the newest context is ever read, and a copy
  // per watch event made runs quadratic in the number of objects (a 1,000-replica Deployment).
  const cache = ctx.cache;
  if (next) cache[ev.key] = next;
  else delete cache[ev.key];
  const bucket = bucketOfKey(ev.key);
  const keys = ctx.keys;
  if (bucket && !prev && next) keys[bucket].push(ev.key);
  if (bucket && prev && !next) keys[bucket] = keys[bucket].filter((k) => k !== ev.key);
  const revision = Math.max(ctx.revision, Number(ev.note.detail.modRevision ?? 0));
  const out: Outgoing[] = fanout(ctx.watches, ev.key, prev, next).map((f) => {
    const c = watchCause(ev.note, f);
    const name = f.object.metadata.name ?? '';
    return {
      to: f.watch.watcher,
      delay: LATENCY.watchDelivery,
      event: {
        type: 'watch.event' as const,
        note: note(c, 'watch', `watch ${f.eventType} ${singular(f.watch.resource)} ${name}`, {
          eventType: f.eventType,
          resourceVersion: f.object.metadata.resourceVersion,
          fieldSelector: f.watch.fieldSelector,
        }),
        watchId: f.watch.watchId,
        eventType: f.eventType,
        object: f.object,
      },
    };
  });
  return { ctx: { ...ctx, cache, keys, revision }, out };
}

export function onWatchRegister(ctx: ApiServerContext, ev: Ev<'watch.register'>): Step {
  const w: ClientWatch = {
    watchId: ev.watchId,
    watcher: ev.replyTo,
    resource: ev.resource,
    fieldSelector: ev.fieldSelector,
  };
  const items = ctx.keys[ev.resource]
    .map((k) => ctx.cache[k]?.value)
    .filter((o): o is NonNullable<typeof o> => o !== undefined && matchesFieldSelector(o, ev.fieldSelector));
  const rv = ctx.revision;
  const out: Outgoing = {
    to: ev.replyTo,
    delay: LATENCY.network,
    event: {
      type: 'watch.listed',
      note: note(ev.note, 'response', `200 OK (${items.length} ${ev.resource}), watching`, {
        items: items.length,
        resourceVersion: String(rv),
      }),
      watchId: ev.watchId,
      items,
      resourceVersion: String(rv),
    },
  };
  return { ctx: { ...ctx, watches: [...ctx.watches, w] }, out: [out] };
}

export function onEtcdResult(ctx: ApiServerContext, ev: Ev<'etcd.result'>, nowMs: number): Step {
  if (ev.opId === CACHER_LIST) return onCacherListed(ctx, ev);
  const p = ctx.pending[ev.opId];
  if (!p) return { ctx, out: [] };
  return etcdStep.result(ctx, p, ev, nowMs);
}
