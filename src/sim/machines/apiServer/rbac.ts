// Authorization: the privileged group, then Node, then RBAC (kubeadm's --authorization-mode=Node,RBAC).
// upstream: pkg/kubeapiserver/authorizer/config.go (system:masters first); plugin/pkg/auth/authorizer/
// rbac/rbac.go RBACAuthorizer.Authorize, RuleAllows; pkg/registry/rbac/validation/rule.go VisitRulesFor
// (cluster role bindings, then role bindings in the namespace) and the binding describers.
import type { KubeObject } from '../../scenario';
import type { UserInfo } from './wire';
import {
  BOOTSTRAP_BINDINGS,
  BOOTSTRAP_ROLES,
  type Binding,
  type PolicyRule,
  type Role,
  type Subject,
} from './rbacPolicy';

export interface Attributes {
  user: UserInfo;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export interface Decision {
  allowed: boolean;
  /** Which authorizer decided: `Privileged group`, `Node`, `RBAC`. */
  authorizer: string;
  /** upstream's reason string: "RBAC: allowed by …", or the RBAC resolution errors on a denial. */
  reason: string;
}

const has = (list: string[] | undefined, v: string): boolean =>
  !!list && (list.includes('*') || list.includes(v));

/** upstream: rbac.go RuleAllows with rbacv1helpers VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches */
function ruleAllows(a: Attributes, r: PolicyRule): boolean {
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resourceOk =
    has(r.resources, combined) || (!!a.subresource && !!r.resources?.includes(`*/${a.subresource}`));
  const namesOk = !r.resourceNames?.length || r.resourceNames.includes(a.name);
  return has(r.verbs, a.verb) && has(r.apiGroups, a.apiGroup) && resourceOk && namesOk;
}

function appliesTo(u: UserInfo, s: Subject, bindingNs: string): boolean {
  if (s.kind === 'User') return s.name === u.name;
  if (s.kind === 'Group') return u.groups.includes(s.name);
  if (s.kind === 'ServiceAccount')
    return u.name === `system:serviceaccount:${s.namespace ?? bindingNs}:${s.name}`;
  return false;
}

function describeSubject(s: Subject, ns: string): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount "${s.namespace ?? ns}/${s.name}"`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

/** upstream: rule.go clusterRoleBindingDescriber / roleBindingDescriber String */
function describe(b: Binding, s: Subject): string {
  const id = b.kind === 'RoleBinding' ? `${b.name}/${b.namespace}` : b.name;
  return `${b.kind} ${JSON.stringify(id)} of ${b.roleRef.kind} ${JSON.stringify(b.roleRef.name)} to ${describeSubject(s, b.namespace)}`;
}

function strs(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

function toRole(o: KubeObject): Role {
  const rules = (Array.isArray(o.rules) ? o.rules : []) as Record<string, unknown>[];
  return {
    kind: o.kind as Role['kind'],
    name: o.metadata.name ?? '',
    namespace: o.metadata.namespace ?? '',
    rules: rules.map((r) => ({
      apiGroups: strs(r.apiGroups),
      resources: strs(r.resources),
      verbs: strs(r.verbs),
      resourceNames: strs(r.resourceNames),
    })),
  };
}

function toBinding(o: KubeObject): Binding {
  const subjects = (Array.isArray(o.subjects) ? o.subjects : []) as Subject[];
  const ref = (o.roleRef ?? {}) as { kind?: string; name?: string };
  return {
    kind: o.kind as Binding['kind'],
    name: o.metadata.name ?? '',
    namespace: o.metadata.namespace ?? '',
    subjects,
    roleRef: { kind: ref.kind ?? '', name: ref.name ?? '' },
  };
}

export interface RbacObjects {
  roles: Role[];
  bindings: Binding[];
}

/** The bootstrap policy plus the scenario's Roles, ClusterRoles and bindings. */
export function rbacObjects(objects: readonly KubeObject[]): RbacObjects {
  const roles = objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole').map(toRole);
  const bindings = objects
    .filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')
    .map(toBinding);
  return { roles: [...BOOTSTRAP_ROLES, ...roles], bindings: [...BOOTSTRAP_BINDINGS, ...bindings] };
}

/** The rules a binding grants, or the lister's NotFound text. upstream: rule.go GetRoleReferenceRules */
function rulesOf(p: RbacObjects, b: Binding): PolicyRule[] | string {
  const clusterScoped = b.roleRef.kind === 'ClusterRole';
  const role = p.roles.find(
    (r) =>
      r.kind === b.roleRef.kind &&
      r.name === b.roleRef.name &&
      (clusterScoped || r.namespace === b.namespace),
  );
  if (role) return role.rules;
  return `${b.roleRef.kind.toLowerCase()}.rbac.authorization.k8s.io ${JSON.stringify(b.roleRef.name)} not found`;
}

function rbac(p: RbacObjects, a: Attributes): Decision {
  const errors: string[] = [];
  const bindings = [
    ...p.bindings.filter((b) => b.kind === 'ClusterRoleBinding'),
    ...p.bindings.filter((b) => b.kind === 'RoleBinding' && b.namespace === a.namespace && a.namespace),
  ];
  for (const b of bindings) {
    const subject = b.subjects.find((s) => appliesTo(a.user, s, b.namespace));
    if (!subject) continue;
    const rules = rulesOf(p, b);
    if (typeof rules === 'string') errors.push(rules);
    else if (rules.some((r) => ruleAllows(a, r)))
      return { allowed: true, authorizer: 'RBAC', reason: `RBAC: allowed by ${describe(b, subject)}` };
  }
  // upstream: utilerrors.NewAggregate — one error prints alone, several as "[a, b]"
  const agg = errors.length === 1 ? errors[0]! : errors.length ? `[${errors.join(', ')}]` : '';
  return { allowed: false, authorizer: 'RBAC', reason: agg ? `RBAC: ${agg}` : '' };
}

export function authorize(p: RbacObjects, a: Attributes): Decision {
  if (a.user.groups.includes('system:masters'))
    return { allowed: true, authorizer: 'Privileged group', reason: 'system:masters' };
  // The Node authorizer (graph + static node rules) allows what a kubelet asks for its own node.
  if (a.user.name.startsWith('system:node:') && a.user.groups.includes('system:nodes'))
    return { allowed: true, authorizer: 'Node', reason: '' };
  return rbac(p, a);
}

/** upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage */
export function forbiddenMessage(a: Attributes): string {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const head = `User ${JSON.stringify(a.user.name)} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)}`;
  return a.namespace
    ? `${head} in the namespace ${JSON.stringify(a.namespace)}`
    : `${head} at the cluster scope`;
}

/** The Status message of a 403 from the filter. upstream: responsewriters.Forbidden + errors.go NewForbidden */
export function forbiddenStatusMessage(a: Attributes, reason: string): string {
  const msg = reason ? `${forbiddenMessage(a)}: ${reason}` : forbiddenMessage(a);
  return a.name
    ? `${a.resource} ${JSON.stringify(a.name)} is forbidden: ${msg}`
    : `${a.resource} is forbidden: ${msg}`;
}
