// How kubectl prints a failed request. upstream: staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr,
// StandardErrorMessage ("error: You must be logged in to the server (%s)" for Unauthorized,
// "Error from server (%s): %s" otherwise), AddSourceToErr ("error when %s %q: %v");
// kubectl/pkg/cmd/apply/apply.go ("retrieving current configuration of:\n%s\nfrom server for:")
interface StatusBody {
  message?: string;
  reason?: string;
  details?: { kind?: string; name?: string; causes?: { field?: string; message?: string }[] };
}

export type ErrorAction = 'creating' | 'deleting' | 'retrieving' | 'scaling';

export interface Target {
  name: string;
  namespace: string;
}

/** resource.Info.String() for a v1 Pod. upstream: cli-runtime/pkg/resource/visitor.go Info.String */
function infoString(t: Target): string {
  return `Resource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: ${JSON.stringify(t.name)}, Namespace: ${JSON.stringify(t.namespace)}`;
}

function verbFor(action: ErrorAction, t: Target | undefined): string {
  if (action !== 'retrieving' || !t) return action;
  return `retrieving current configuration of:\n${infoString(t)}\nfrom server for:`;
}

/** kubectl's stderr lines for an error Status returned while handling `file`. */
export function kubectlErrorLines(
  code: number,
  body: unknown,
  action: ErrorAction,
  file: string | null,
  target?: Target,
): string[] {
  const s = (body ?? {}) as StatusBody;
  if (code === 422 && s.details?.causes?.length) {
    const head = `The ${s.details.kind ?? 'Pod'} ${JSON.stringify(s.details.name ?? '')} is invalid: `;
    const causes = s.details.causes;
    if (causes.length === 1) return [`${head}${causes[0]!.field}: ${causes[0]!.message}`];
    return [head, ...causes.map((c) => `* ${c.field}: ${c.message}`)];
  }
  // A 401 stops kubectl at its first request, API discovery, before any source is attached to the error.
  if (s.reason === 'Unauthorized') return [`error: You must be logged in to the server (${s.message ?? ''})`];
  const reason = s.reason ?? 'Unknown';
  const where = file ? `error when ${verbFor(action, target)} ${JSON.stringify(file)}: ` : '';
  return `Error from server (${reason}): ${where}${s.message ?? ''}`.split('\n');
}
