// What an HTTP request's detail shows beyond its arrow label (method and path): the query, the TLS client
// certificate and the headers kubectl sent (src/sim/machines/client/kubectlHeaders.ts), or, for in-cluster
// clients, the content type. A response's status code is its arrow label already.
import type { TraceMessage } from '../../sim/trace/types';

export interface HttpField {
  name: string;
  value: string;
  /** Headers are shown in their wire form (`Name:`); the other rows are facts about the request. */
  header: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function httpFields(m: TraceMessage): HttpField[] | null {
  const d = m.detail;
  if (m.kind !== 'request' || !str(d.method) || !str(d.path)) return null;
  const out: HttpField[] = [];
  const query = str(d.query);
  if (query) out.push({ name: 'Query', value: `?${query}`, header: false });
  if ('clientCertificate' in d)
    out.push({ name: 'Client certificate (TLS)', value: str(d.clientCertificate) ?? 'none', header: false });
  if (Array.isArray(d.headers))
    for (const [name, value] of d.headers as [string, string][]) out.push({ name, value, header: true });
  else if (str(d.contentType)) out.push({ name: 'Content-Type', value: String(d.contentType), header: true });
  return out.length ? out : null;
}

/** The disclosure's one-line summary, e.g. `HTTP request: query, 6 headers`. */
export function httpSummary(fields: readonly HttpField[]): string {
  const headers = fields.filter((f) => f.header).length;
  const parts = [
    ...(fields.some((f) => f.name === 'Query') ? ['query'] : []),
    ...(headers ? [`${headers} header${headers === 1 ? '' : 's'}`] : []),
  ];
  return `HTTP request: ${parts.join(', ') || 'details'}`;
}
