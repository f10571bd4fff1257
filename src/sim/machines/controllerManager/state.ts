// kube-controller-manager's state: its informers' caches, the workqueue, and what each controller is
// waiting for (ReplicaSet expectations, a slow-start batch in flight, a StatefulSet's pending pod).
import type { SimEnv } from '../../cluster/env';
import type { Note } from '../../cluster/note';
import { note } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { CONTROLLER_MANAGER } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import type { KubeObject } from '../../scenario';
import { asPod } from '../../k8s/pod';
import { controllerUid } from '../../k8s/workloads';
import type { CorrelatorState } from '../../node/eventCorrelator';
import { eventRequest, controllerEvent, httpRequest, RECONCILE, type ControllerName } from './requests';

export type Resource = 'deployments' | 'replicasets' | 'statefulsets' | 'pods' | 'poddisruptionbudgets';

/** What a request in flight was for, so its response can be acted on. */
export type Inflight =
  | { kind: 'createPod'; controller: 'replicaset' | 'statefulset'; owner: string }
  | { kind: 'deletePod'; controller: 'replicaset' | 'statefulset'; owner: string; pod: string }
  | { kind: 'createRS'; deployment: string; replicas: number }
  | { kind: 'scaleRS'; deployment: string; from: number; to: number }
  | { kind: 'deleteRS'; rs: string }
  | { kind: 'createRevision'; owner: string; revision: KubeObject }
  | { kind: 'status'; key: string }
  | { kind: 'event' };

export interface SlowStart {
  /** Pods still to create after the batch in flight. */
  remaining: number;
  inflight: number;
  size: number;
  /** The template pod each create sends. */
  pod: KubeObject;
}

export interface CmContext {
  env: SimEnv;
  /** Informer caches by `<namespace>/<name>`. */
  cache: Record<Resource, Record<string, KubeObject>>;
  /** Keys queued for a sync (`<controller>:<namespace>/<name>`): the workqueue dedups. */
  queued: string[];
  /** ReplicaSet expectations: creates and deletes sent but not yet seen by the informer. */
  expectations: Record<string, { add: number; del: number }>;
  /** Pods whose deletion a ReplicaSet expects to observe. */
  deleting: Record<string, string>;
  slowStart: Record<string, SlowStart>;
  /** A Deployment's ReplicaSet create or scale, or a StatefulSet's pod create or delete, not yet observed. */
  waiting: Record<string, string>;
  /** The status last sent per object, so a sync does not send the same one twice. */
  statusSent: Record<string, string>;
  inflight: Record<string, Inflight>;
  requests: number;
  /** ControllerRevisions the StatefulSet controller created, by `<namespace>/<name>`. */
  revisions?: Record<string, KubeObject>;
  /** The disruption controller's EventCorrelator (a repeated Event is PATCHed, not created again). */
  correlator?: CorrelatorState;
  /** The scenario has PodDisruptionBudgets: the informers watch them for the disruption controller. */
  disruption?: true;
}

export type Step = { ctx: CmContext; out: Outgoing[] };

export const keyOf = (o: KubeObject): string =>
  `${o.metadata.namespace ?? 'default'}/${o.metadata.name ?? ''}`;

export function emptyCache(): CmContext['cache'] {
  return { deployments: {}, replicasets: {}, statefulsets: {}, pods: {}, poddisruptionbudgets: {} };
}

/** A controller-manager that has seen nothing yet: the machine's start, and the tests'. */
export function initialCmContext(env: CmContext['env']): CmContext {
  return {
    env,
    cache: emptyCache(),
    queued: [],
    expectations: {},
    deleting: {},
    slowStart: {},
    waiting: {},
    statusSent: {},
    inflight: {},
    requests: 0,
  };
}

type Table = Record<string, KubeObject>;

/** A controller's objects in the table's key order, with how many are active and ready-and-active. */
interface Owned {
  objects: Map<string, KubeObject>;
  active: number;
  ready: number;
}

/**
 * Each informer table's objects by controller uid, so that a sync does not scan every pod (a 1,000-replica
 * ReplicaSet syncs on every pod change). Built on first use and kept by storeObject; the tables are
 * updated in place (observe.ts), so the table itself is the key.
 */
const byOwner = new WeakMap<Table, Map<string, Owned>>();

function tally(o: Owned, obj: KubeObject, sign: 1 | -1): void {
  if (!isActive(obj)) return;
  o.active += sign;
  if (isReady(obj)) o.ready += sign;
}

function add(idx: Map<string, Owned>, uid: string, key: string, obj: KubeObject): void {
  let o = idx.get(uid);
  if (!o) idx.set(uid, (o = { objects: new Map(), active: 0, ready: 0 }));
  const old = o.objects.get(key);
  if (old) tally(o, old, -1);
  o.objects.set(key, obj);
  tally(o, obj, 1);
}

function ownerIndex(table: Table): Map<string, Owned> {
  let idx = byOwner.get(table);
  if (idx) return idx;
  idx = new Map();
  for (const [key, o] of Object.entries(table)) {
    const uid = controllerUid(o);
    if (uid !== null) add(idx, uid, key, o);
  }
  byOwner.set(table, idx);
  return idx;
}

/** Sets (or with null deletes) a table's key, keeping its owner index in step. */
export function storeObject(table: Table, key: string, obj: KubeObject | null): void {
  const idx = byOwner.get(table);
  const old = table[key];
  if (idx) {
    const was = old ? controllerUid(old) : null;
    const is = obj ? controllerUid(obj) : null;
    // A changed controller would move the key within its owner's order: rebuild on the next read.
    if (old && obj && was !== is) byOwner.delete(table);
    else if (!obj) {
      const o = was === null ? undefined : idx.get(was);
      if (o && old && o.objects.delete(key)) tally(o, old, -1);
    } else if (is !== null) add(idx, is, key, obj);
  }
  if (obj) table[key] = obj;
  else delete table[key];
}

/** The index is used in a run, where observe.ts is the only writer of the tables (tests write them directly). */
function indexed(ctx: CmContext, resource: Resource, owner: KubeObject): Owned | null {
  const uid = owner.metadata.uid;
  if (!ctx.env.inPlace || typeof uid !== 'string') return null;
  return ownerIndex(ctx.cache[resource]).get(uid) ?? { objects: new Map(), active: 0, ready: 0 };
}

/** Objects of `resource` whose controller is `owner`. upstream: controller_ref_manager.go (no adoption) */
export function owned(ctx: CmContext, resource: Resource, owner: KubeObject): KubeObject[] {
  const o = indexed(ctx, resource, owner);
  if (o) return [...o.objects.values()];
  const uid = owner.metadata.uid;
  return Object.values(ctx.cache[resource]).filter((x) => controllerUid(x) === uid);
}

/** How many of `owner`'s pods are active, and how many of those are ready, without listing them. */
export function ownedCounts(ctx: CmContext, owner: KubeObject): { active: number; ready: number } {
  const o = indexed(ctx, 'pods', owner);
  if (o) return { active: o.active, ready: o.ready };
  const active = owned(ctx, 'pods', owner).filter(isActive);
  return { active: active.length, ready: active.filter(isReady).length };
}

/** upstream: pkg/controller/controller_utils.go IsPodActive */
export function isActive(pod: KubeObject): boolean {
  const p = asPod(pod);
  return !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

/** upstream: pkg/api/v1/pod/util.go IsPodReady */
export function isReady(pod: KubeObject): boolean {
  return (asPod(pod).status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

const KIND_OF_QUEUE: Record<ControllerName, string> = {
  deployment: 'Deployment',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  disruption: 'PodDisruptionBudget',
};

/** Queues a sync unless the key is already waiting. upstream: client-go/util/workqueue (dedup of dirty keys) */
export function enqueue(ctx: CmContext, controller: ControllerName, key: string, why: Note | null): Step {
  const q = `${controller}:${key}`;
  if (ctx.queued.includes(q)) return { ctx, out: [] };
  const kind = KIND_OF_QUEUE[controller];
  const out: Outgoing = {
    to: CONTROLLER_MANAGER,
    delay: LATENCY.controllerSync,
    event: {
      type: 'controller.sync',
      // The sync belongs to the reconcile, whatever pod's change queued it.
      note: note(RECONCILE, 'internal', `${controller}-controller: sync ${kind} ${key}`, {
        workqueue: controller,
        ...(why ? { queuedBy: why.label } : {}),
      }),
      controller,
      key,
    },
  };
  return { ctx: { ...ctx, queued: [...ctx.queued, q] }, out: [out] };
}

/** A request, remembered under its id. */
export function send(ctx: CmContext, what: Inflight, build: (id: string) => Outgoing): Step {
  const id = `kcm-${ctx.requests + 1}`;
  // In a run (SimEnv.inPlace) the requests in flight are kept in place: a copy per request was quadratic
  // in a burst of creates.
  const inflight = ctx.env.inPlace ? ctx.inflight : { ...ctx.inflight };
  inflight[id] = what;
  return { ctx: { ...ctx, requests: ctx.requests + 1, inflight }, out: [build(id)] };
}

/** Records an Event about `involved`. */
export function record(
  ctx: CmContext,
  controller: ControllerName,
  involved: KubeObject,
  reason: string,
  message: string,
  pod: string | null = null,
): Step {
  const ev = controllerEvent(involved, controller, reason, message, ctx.env.now(), ctx.requests);
  return send(ctx, { kind: 'event' }, (id) => eventRequest(id, controller, ev, { ...RECONCILE, pod }));
}

/** Runs steps in order, threading the context and collecting what they send. */
export function chain(ctx: CmContext, ...steps: ((c: CmContext) => Step)[]): Step {
  const out: Outgoing[] = [];
  let c = ctx;
  for (const s of steps) {
    const r = s(c);
    c = r.ctx;
    out.push(...r.out);
  }
  return { ctx: c, out };
}

/** A status PUT, unless the same status is already on the object or on its way. */
export function putStatus(
  ctx: CmContext,
  controller: ControllerName,
  path: string,
  obj: KubeObject,
  status: Record<string, unknown>,
  extra: Partial<KubeObject['metadata']> = {},
): Step {
  const key = `${obj.kind}:${keyOf(obj)}`;
  const json = JSON.stringify({ status, extra });
  const current = JSON.stringify({ status: obj.status ?? {}, extra: pick(obj.metadata, extra) });
  if (json === current || ctx.statusSent[key] === json) return { ctx, out: [] };
  const body = { ...obj, metadata: { ...obj.metadata, ...extra }, status };
  const r = send(ctx, { kind: 'status', key }, (id) =>
    httpRequest(id, controller, 'PUT', `${path}/status`, body),
  );
  return { ctx: { ...r.ctx, statusSent: { ...r.ctx.statusSent, [key]: json } }, out: r.out };
}

function pick(meta: KubeObject['metadata'], like: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(like).map((k) => [k, meta[k]]));
}

/** Drops zero counts, as Go's `omitempty` does. */
export function omitZero(o: Record<string, unknown>, keep: string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).filter(([k, v]) => keep.includes(k) || (v !== 0 && v !== undefined)),
  );
}

/**
 * Queues a sync after `delayMs` without marking the key dirty until then.
 * upstream: client-go/util/workqueue delaying_queue.go AddAfter
 */
export function enqueueAfter(
  ctx: CmContext,
  controller: ControllerName,
  key: string,
  delayMs: number,
  label: string,
): Step {
  const kind = KIND_OF_QUEUE[controller];
  const out: Outgoing = {
    to: CONTROLLER_MANAGER,
    delay: delayMs,
    event: {
      type: 'controller.sync',
      note: note(RECONCILE, 'internal', `${controller}-controller: sync ${kind} ${key}`, {
        workqueue: controller,
        queuedBy: label,
      }),
      controller,
      key,
      after: true,
    },
  };
  return { ctx, out: [out] };
}
