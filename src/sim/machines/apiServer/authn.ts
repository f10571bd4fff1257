// Authentication and impersonation, the first filters of the handler chain (lifecycle.md §1.2).
// upstream: pkg/kubeapiserver/authenticator/config.go Config.New (front proxy, x509, then bearer tokens;
// the union fails on a bad token instead of falling through to anonymous);
// staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go WithImpersonation
import { credentialsOf, header, type UserInfo, type WireRequest } from './wire';
import type { HttpRequest } from '../../cluster/events';

export type AuthnResult = { ok: true; user: UserInfo; method: string } | { ok: false; reason: string };

const AUTHENTICATED = 'system:authenticated';

export function authenticate(req: HttpRequest): AuthnResult {
  // kube-controller-manager's controllers present their ServiceAccounts' bound tokens
  // (--use-service-account-credentials). upstream: pkg/serviceaccount/claims.go, authenticator.go
  if (!(req as WireRequest).credentials && req.user.name.startsWith('system:serviceaccount:')) {
    const groups = [...req.user.groups.filter((g) => g !== AUTHENTICATED), AUTHENTICATED];
    return { ok: true, user: { name: req.user.name, groups }, method: 'service account token' };
  }
  const c = credentialsOf(req);
  if (c.clientCert) {
    const groups = [...c.clientCert.o.filter((g) => g !== AUTHENTICATED), AUTHENTICATED];
    return { ok: true, user: { name: c.clientCert.cn, groups }, method: 'x509 client certificate' };
  }
  const auth = header(c, 'Authorization')[0];
  // No token source in the simulated cluster issued this token. upstream: authentication/request/bearertoken
  // bearertoken.go invalidToken
  if (auth?.startsWith('Bearer ')) return { ok: false, reason: 'invalid bearer token' };
  return {
    ok: true,
    user: { name: 'system:anonymous', groups: ['system:unauthenticated'] },
    method: 'anonymous (no credentials)',
  };
}

export interface ImpersonationRequest {
  user: string;
  groups: string[];
}

export function impersonationOf(req: HttpRequest): ImpersonationRequest | null {
  const c = credentialsOf(req);
  const user = header(c, 'Impersonate-User')[0];
  if (!user) return null;
  return { user, groups: header(c, 'Impersonate-Group') };
}

/** The user the request acts as. upstream: impersonation.go — system:authenticated is added for a
 * non-anonymous user unless system:authenticated or system:unauthenticated was asked for. */
export function impersonatedUser(imp: ImpersonationRequest): UserInfo {
  const groups = [...imp.groups];
  const explicit = groups.some((g) => g === AUTHENTICATED || g === 'system:unauthenticated');
  if (imp.user !== 'system:anonymous' && !explicit) groups.push(AUTHENTICATED);
  return { name: imp.user, groups };
}

export function describeUser(u: UserInfo): string {
  return `${u.name} [${u.groups.join(', ')}]`;
}
