// The filters before the REST handler: authentication, audit, impersonation, priority and fairness, then
// authorization (privileged group, Node, RBAC). A refusal is decided here and answered when the message that
// carries it arrives. upstream: staging/src/k8s.io/apiserver/pkg/server/config.go DefaultBuildHandlerChain
//
// kubectl's requests (the user's own) show the filters as separate self-messages, in upstream order:
// authenticate, impersonate (only with --as), authorize. Audit and API Priority and Fairness stay in the
// detail of the message before them: with kubeadm's flags they never change the outcome (no audit policy,
// no 429s), so an arrow each would only be noise. In-cluster clients' requests (scheduler, kubelets) keep
// the filters folded into one message, so the rest of the walk does not drown in filter steps.
import { note } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { API_SERVER, KUBECTL } from '../../cluster/systemIds';
import type { ApiServerStage } from '../../cluster/events';
import { LATENCY } from '../../time/latencies';
import { flowSchemaOf } from './apf';
import { authenticate, describeUser, impersonatedUser, impersonationOf, type AuthnResult } from './authn';
import {
  withPending,
  clusterObjects,
  stageCause,
  type ApiServerContext,
  type Ev,
  type Failure,
  type Pending,
  type Step,
} from './common';
import {
  authorize,
  forbiddenStatusMessage,
  rbacObjects,
  type Attributes,
  type Decision,
  type RbacObjects,
} from './rbac';
import { requestInfo, route, statusFailure, verbAndResource } from './routes';
import type { UserInfo } from './wire';

/** One filter's self-message, and the answer it decided on if it refuses the request. */
export interface ChainStep {
  stage: ApiServerStage;
  label: string;
  detail: Record<string, unknown>;
  failure: Failure | null;
  /** The user the request acts as from this step on. */
  user: UserInfo | null;
  /** The authorizers' answer, on the authorize step. */
  decision?: Decision;
}

// kubeadm's kube-apiserver manifest passes no --audit-policy-file, so WithAudit evaluates level None and
// writes no event. upstream: cmd/kubeadm/app/phases/controlplane/manifests.go getAPIServerCommand
const AUDIT = 'level None: no --audit-policy-file (kubeadm default), so no audit event is written';
const AUTHORIZERS = 'Node,RBAC';

function forbidden(a: Attributes, reason: string): Failure {
  const message = forbiddenStatusMessage(a, reason);
  const details = a.name ? { name: a.name, kind: a.resource } : { kind: a.resource };
  return { code: 403, body: statusFailure(403, 'Forbidden', message, details) };
}

/** upstream: endpoints/handlers/responsewriters/errors.go via filters/authentication.go Unauthorized */
function unauthorized(reason: string): ChainStep {
  const failure = { code: 401, body: statusFailure(401, 'Unauthorized', 'Unauthorized') };
  return { stage: 'authn', label: 'authenticate: Unauthorized', detail: { authentication: `failed: ${reason}` }, failure, user: null }; // prettier-ignore
}

function authnStep(authn: Extract<AuthnResult, { ok: true }>): ChainStep {
  const u = authn.user;
  const how = authn.method.startsWith('x509') ? 'x509' : authn.method.split(' ')[0];
  return {
    stage: 'authn',
    label: `authenticate: ${how} ${u.name} [${u.groups.join(' ')}]`,
    detail: { authentication: `${describeUser(u)} (${authn.method})`, audit: AUDIT },
    failure: null,
    user: u,
  };
}

/** upstream: impersonation.go — the real user needs `impersonate` on users/<name> and groups/<name>. */
function impersonateStep(policy: RbacObjects, real: UserInfo, p: Pending): ChainStep | null {
  const imp = impersonationOf(p.request);
  if (!imp) return null;
  const asks: [string, string][] = [
    ['users', imp.user],
    ...imp.groups.map((g): [string, string] => ['groups', g]),
  ];
  const checks: string[] = [];
  for (const [resource, name] of asks) {
    const a: Attributes = { user: real, verb: 'impersonate', apiGroup: '', resource, subresource: '', namespace: '', name }; // prettier-ignore
    const d = authorize(policy, a);
    checks.push(
      `impersonate ${resource}/${name}: ${d.allowed ? 'allowed' : 'forbidden'}${d.reason ? ` (${d.reason})` : ''}`,
    );
    if (!d.allowed)
      return {
        stage: 'impersonate',
        label: `impersonate: forbidden ${resource} ${JSON.stringify(name)}`,
        detail: { impersonation: checks },
        failure: forbidden(a, d.reason),
        user: real,
      };
  }
  const user = impersonatedUser(imp);
  return {
    stage: 'impersonate',
    label: `impersonate: ${user.name} [${user.groups.join(' ')}]`,
    detail: { impersonation: checks, actingAs: describeUser(user) },
    failure: null,
    user,
  };
}

function decisionText(d: Decision): string {
  if (d.allowed) return `${d.authorizer === 'Privileged group' ? 'system:masters' : d.authorizer} allowed`;
  return 'forbidden';
}

function authzStep(policy: RbacObjects, user: UserInfo, p: Pending): ChainStep {
  const a: Attributes = { user, ...requestInfo(p.request, p.route) };
  const d = authorize(policy, a);
  const what = verbAndResource(p.request, p.route);
  const node = d.authorizer === 'Node' ? 'allowed' : 'no opinion (not a node)';
  return {
    stage: 'authz',
    label: `authorize: ${decisionText(d)} ${what}`,
    detail: {
      priorityAndFairness: flowSchemaOf(user),
      authorizationMode: AUTHORIZERS,
      ...(d.authorizer === 'Privileged group' ? {} : { node }),
      ...(d.authorizer === 'Node' ? {} : { [d.authorizer === 'RBAC' ? 'rbac' : 'privilegedGroup']: d.allowed ? 'allowed' : 'no opinion' }), // prettier-ignore
      reason: d.reason,
    },
    failure: d.allowed ? null : forbidden(a, d.reason),
    user,
    decision: d,
  };
}

/** kubectl's request, filter by filter; the list ends at the first refusal. */
export function chainSteps(ctx: ApiServerContext, p: Pending): ChainStep[] {
  const authn = authenticate(p.request);
  if (!authn.ok) return [unauthorized(authn.reason)];
  const policy = rbacObjects(clusterObjects(ctx));
  const steps = [authnStep(authn)];
  const imp = impersonateStep(policy, authn.user, p);
  if (imp) steps.push(imp);
  if (imp?.failure) return steps;
  return [...steps, authzStep(policy, imp?.user ?? authn.user, p)];
}

/** An in-cluster client's request: the same filters, folded into one message. */
function foldedStep(ctx: ApiServerContext, p: Pending): ChainStep {
  const steps = chainSteps(ctx, p);
  const last = steps.at(-1)!;
  if (last.stage === 'authn' && last.failure) return last;
  const authn = steps[0]!;
  const who = authn.detail.authentication;
  const what = verbAndResource(p.request, p.route);
  const name = authn.user!.name;
  if (last.stage === 'impersonate')
    return { ...last, label: `authenticate ${name}; impersonate: forbidden`, detail: { authentication: who, impersonation: 'forbidden' } }; // prettier-ignore
  const acting = last.user!;
  const as = acting.name !== name ? ` as ${acting.name}` : '';
  const { allowed, reason, authorizer } = last.decision!;
  return {
    ...last,
    stage: 'authz',
    label: `authenticate ${name}${as}; authorize ${what}: ${allowed ? 'allowed' : 'forbidden'}`,
    detail: {
      authentication: who,
      ...(as ? { impersonation: describeUser(acting) } : {}),
      authorization: `${authorizer}: ${allowed ? 'allow' : 'no opinion, so forbidden:'} ${what}${reason ? ` (${reason})` : ''}`,
    },
  };
}

function sendStep(ctx: ApiServerContext, p: Pending, step: ChainStep, rest: ChainStep[]): Step {
  const next: Pending = {
    ...p,
    ...(step.user ? { user: step.user } : {}),
    failure: step.failure,
    chain: rest,
  };
  const out: Outgoing = {
    to: API_SERVER,
    delay: LATENCY.apiServerHandling,
    event: {
      type: 'apiserver.stage',
      note: note(stageCause(p, 'authn'), 'internal', step.label, step.detail),
      requestId: p.request.id,
      stage: step.stage,
    },
  };
  return { ctx: withPending(ctx, next), out: [out] };
}

export function onRequest(ctx: ApiServerContext, ev: Ev<'http.request'>): Step {
  const req = ev.request;
  const p: Pending = { request: req, route: route(req), cause: ev.note, object: null, step: 'first' };
  if (req.replyTo !== KUBECTL) return sendStep(ctx, p, foldedStep(ctx, p), []);
  const [first, ...rest] = chainSteps(ctx, p);
  return sendStep(ctx, p, first!, rest);
}

/** The next filter's message, once the previous one has arrived; null when the filters are done. */
export function nextFilter(ctx: ApiServerContext, p: Pending): Step | null {
  const [step, ...rest] = p.chain ?? [];
  return step ? sendStep(ctx, p, step, rest) : null;
}
