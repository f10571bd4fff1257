// What a request carries beyond HttpRequest's fields: the TLS client certificate kubectl presents and the
// headers that carry a bearer token or impersonation. TODO: move into HttpRequest (cluster/events.ts).
import type { HttpRequest } from '../../cluster/events';

export interface Credentials {
  /** Subject of the TLS client certificate (CN → user, O → groups), or null when none is presented. */
  clientCert: { cn: string; o: string[] } | null;
  /** `Authorization`, `Impersonate-User`, `Impersonate-Group` (one entry per header line). */
  headers: Record<string, string[]>;
}

export type WireRequest = HttpRequest & { credentials?: Credentials };

export interface UserInfo {
  name: string;
  groups: string[];
}

/** In-cluster clients (scheduler, kubelets) present certificates whose subject is their `user`. */
export function credentialsOf(req: HttpRequest): Credentials {
  const c = (req as WireRequest).credentials;
  if (c) return c;
  const o = req.user.groups.filter((g) => g !== 'system:authenticated');
  return { clientCert: { cn: req.user.name, o }, headers: {} };
}

export function header(c: Credentials, name: string): string[] {
  return c.headers[name] ?? [];
}

/** The query string's values, decoded. */
export function queryParam(req: HttpRequest, key: string): string | null {
  for (const part of req.query.split('&')) {
    const [k, v = ''] = part.split('=');
    if (k === key) return decodeURIComponent(v);
  }
  return null;
}
