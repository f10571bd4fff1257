// Shared shapes and replies of the API server's request handling.
import type { HttpRequest, KeyValue, SimEvent } from '../../cluster/events';
import { note, type Cause } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import type { KubeObject } from '../../scenario';
import { LATENCY } from '../../time/latencies';
import { statusLine, statusFailure, type Route } from './routes';
import type { ClientWatch, KeyIndex } from './watchCache';
import type { UserInfo } from './wire';
import type { ChainStep } from './chain';

export interface Pending {
  request: HttpRequest;
  route: Route;
  cause: Cause;
  /** The object this request will write, once prepared. */
  object: KubeObject | null;
  /** Which etcd operation is in flight: the first read/write, or the second half of a two-step delete. */
  step: 'first' | 'finalDelete';
  /** The user the request acts as, once authenticated (and impersonated). */
  user?: UserInfo;
  /** The answer a stage decided on; sent when its self-message arrives, so the flow stops there. */
  failure?: Failure | null;
  /** The filters still to run, one self-message each (kubectl's requests). */
  chain?: ChainStep[];
  /** Warnings admission returned (HTTP `Warning` headers); kubectl prints them to stderr. */
  warnings?: string[];
}

export interface Failure {
  code: number;
  body: unknown;
}

export interface ApiServerContext {
  rng: number;
  pending: Record<string, Pending>;
  cache: Record<string, KeyValue>;
  /** Cache keys per watched resource, so a LIST does not scan every object (5,000 kubelets list pods). */
  keys: KeyIndex;
  /** The newest revision the cache has seen: a LIST's resourceVersion. */
  revision: number;
  watches: ClientWatch[];
}

export type Step = { ctx: ApiServerContext; out: Outgoing[] };

export type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;

/** Stage causes for a pod create coming from kubectl: the article numbers its steps 1 to 4. */
export function stageCause(p: Pending, stage: 'authn' | 'admission' | 'etcd' | 'response'): Cause {
  const create = p.route.kind === 'createPod' || p.route.kind === 'createWorkload';
  if (!create || p.cause.activity !== 1) return p.cause;
  const table = {
    authn: [1, 'Admission'],
    admission: [2, 'Admission'],
    etcd: [3, 'Persist'],
    response: [4, 'Persist'],
  } as const;
  const [activity, phase] = table[stage];
  return { ...p.cause, activity, phase };
}

/**
 * Records a request's progress. In place, as the watch cache is: only the newest context is ever read,
 * and a copy of every request in flight per stage made a burst of 1,000 creates quadratic.
 */
export function withPending(ctx: ApiServerContext, p: Pending): ApiServerContext {
  const id = p.request.id;
  if (!Object.hasOwn(ctx.pending, id)) inFlight.set(ctx.pending, inFlightCount(ctx.pending) + 1);
  ctx.pending[id] = p;
  return { ...ctx };
}

/**
 * How many requests each pending table holds. A table that has seen many requests come and go is a
 * dictionary, and `for…in` over it lists every key before the first: nothingPending, which runs after every
 * event, was linear in the requests in flight. withPending and respond, the only writers, keep the count.
 */
const inFlight = new WeakMap<Record<string, Pending>, number>();
function inFlightCount(pending: Record<string, Pending>): number {
  let n = inFlight.get(pending);
  if (n === undefined) {
    n = 0;
    for (const _ in pending) n++;
    inFlight.set(pending, n);
  }
  return n;
}

/** True when no request is in flight. */
export function nothingPending(ctx: ApiServerContext): boolean {
  return inFlightCount(ctx.pending) === 0;
}

export function respond(
  ctx: ApiServerContext,
  p: Pending,
  code: number,
  body: unknown,
  extra: Record<string, unknown> = {},
): Step {
  const pending = ctx.pending;
  if (Object.hasOwn(pending, p.request.id)) {
    inFlight.set(pending, inFlightCount(pending) - 1);
    delete pending[p.request.id];
  }
  const cause = stageCause(p, 'response');
  const out: Outgoing = {
    to: p.request.replyTo,
    delay: LATENCY.network,
    event: {
      type: 'http.response',
      note: note(cause, 'response', statusLine(code), { code, ...extra }),
      response: { requestId: p.request.id, code, body },
    },
  };
  return { ctx: { ...ctx, pending }, out: [out] };
}

export function notFound(ctx: ApiServerContext, p: Pending): Step {
  const name = 'name' in p.route ? p.route.name : '';
  // upstream: apimachinery/pkg/api/errors/errors.go NewNotFound — `<resource>.<group> "<name>" not found`
  const workload = 'resource' in p.route ? p.route.resource : null;
  const what = workload ? `${workload}.apps` : 'pods';
  const details = workload ? { name, group: 'apps', kind: workload } : { name, kind: 'pods' };
  return respond(ctx, p, 404, statusFailure(404, 'NotFound', `${what} "${name}" not found`, details));
}

/** The cluster objects admission and authorization read: everything but events (and pods only if asked). */
export function clusterObjects(ctx: ApiServerContext, withPods = false): KubeObject[] {
  const keys = withPods ? [...ctx.keys.other, ...ctx.keys.pods] : ctx.keys.other;
  const out: KubeObject[] = [];
  for (const k of keys) {
    const kv = ctx.cache[k];
    if (kv) out.push(kv.value);
  }
  return out;
}
