// The filters before the REST handler, as one self-message: authentication, impersonation, then
// authorization (privileged group, Node, RBAC). A refusal is decided here and answered when the
// message arrives. upstream: staging/src/k8s.io/apiserver/pkg/server/config.go DefaultBuildHandlerChain
import { note } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { API_SERVER } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { authenticate, describeUser, impersonatedUser, impersonationOf } from './authn';
import {
  clusterObjects,
  stageCause,
  type ApiServerContext,
  type Ev,
  type Failure,
  type Pending,
  type Step,
} from './common';
import { authorize, forbiddenStatusMessage, rbacObjects, type Attributes, type RbacObjects } from './rbac';
import { requestInfo, route, statusFailure, verbAndResource } from './routes';
import type { UserInfo } from './wire';

interface ChainResult {
  label: string;
  detail: Record<string, unknown>;
  user: UserInfo | null;
  failure: Failure | null;
}

function forbidden(a: Attributes, reason: string): Failure {
  const message = forbiddenStatusMessage(a, reason);
  const details = a.name ? { name: a.name, kind: a.resource } : { kind: a.resource };
  return { code: 403, body: statusFailure(403, 'Forbidden', message, details) };
}

/** upstream: impersonation.go — the real user needs `impersonate` on users/<name> and groups/<name>. */
function impersonate(policy: RbacObjects, real: UserInfo, p: Pending): { user: UserInfo } | Failure {
  const imp = impersonationOf(p.request);
  if (!imp) return { user: real };
  const asks: [string, string][] = [
    ['users', imp.user],
    ...imp.groups.map((g): [string, string] => ['groups', g]),
  ];
  for (const [resource, name] of asks) {
    const a: Attributes = {
      user: real,
      verb: 'impersonate',
      apiGroup: '',
      resource,
      subresource: '',
      namespace: '',
      name,
    };
    const d = authorize(policy, a);
    if (!d.allowed) return forbidden(a, d.reason);
  }
  return { user: impersonatedUser(imp) };
}

function runChain(ctx: ApiServerContext, p: Pending): ChainResult {
  const req = p.request;
  const authn = authenticate(req);
  if (!authn.ok) {
    // upstream: endpoints/handlers/responsewriters/errors.go via filters/authentication.go Unauthorized
    const failure = { code: 401, body: statusFailure(401, 'Unauthorized', 'Unauthorized') };
    const detail = { authentication: `failed: ${authn.reason}` };
    return { label: 'authenticate: Unauthorized', detail, user: null, failure };
  }
  const policy = rbacObjects(clusterObjects(ctx));
  const imp = impersonate(policy, authn.user, p);
  const who = `${describeUser(authn.user)} (${authn.method})`;
  const as = 'user' in imp && imp.user !== authn.user ? ` as ${imp.user.name}` : '';
  const what = verbAndResource(req, p.route);
  if (!('user' in imp))
    return {
      label: `authenticate ${authn.user.name}; impersonate: forbidden`,
      detail: { authentication: who, impersonation: 'forbidden' },
      user: authn.user,
      failure: imp,
    };
  const a: Attributes = { user: imp.user, ...requestInfo(req, p.route) };
  const d = authorize(policy, a);
  const detail = {
    authentication: who,
    ...(as ? { impersonation: describeUser(imp.user) } : {}),
    authorization: `${d.authorizer}: ${d.allowed ? 'allow' : 'no opinion, so forbidden:'} ${what}${d.reason ? ` (${d.reason})` : ''}`,
  };
  const verdict = d.allowed ? 'allowed' : 'forbidden';
  const label = `authenticate ${authn.user.name}${as}; authorize ${what}: ${verdict}`;
  return { label, detail, user: imp.user, failure: d.allowed ? null : forbidden(a, d.reason) };
}

export function onRequest(ctx: ApiServerContext, ev: Ev<'http.request'>): Step {
  const req = ev.request;
  const p0: Pending = { request: req, route: route(req), cause: ev.note, object: null, step: 'first' };
  const r = runChain(ctx, p0);
  const p: Pending = { ...p0, ...(r.user ? { user: r.user } : {}), failure: r.failure };
  const out: Outgoing = {
    to: API_SERVER,
    delay: LATENCY.apiServerHandling,
    event: {
      type: 'apiserver.stage',
      note: note(stageCause(p, 'authn'), 'internal', r.label, r.detail),
      requestId: req.id,
      stage: r.failure?.code === 401 ? 'authn' : 'authz',
    },
  };
  return { ctx: { ...ctx, pending: { ...ctx.pending, [req.id]: p } }, out: [out] };
}
