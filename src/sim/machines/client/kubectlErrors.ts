// How kubectl prints a failed request. upstream: staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr,
// StandardErrorMessage; apimachinery/pkg/api/errors/errors.go
interface StatusBody {
  message?: string;
  reason?: string;
  details?: { kind?: string; name?: string; causes?: { field?: string; message?: string }[] };
}

/** kubectl's stderr for an error Status returned while creating an object from `file`. */
export function kubectlErrorLines(
  code: number,
  body: unknown,
  action: 'creating' | 'deleting',
  file: string | null,
): string[] {
  const s = (body ?? {}) as StatusBody;
  if (code === 422 && s.details?.causes?.length) {
    const head = `The ${s.details.kind ?? 'Pod'} ${JSON.stringify(s.details.name ?? '')} is invalid: `;
    const causes = s.details.causes;
    if (causes.length === 1) return [`${head}${causes[0]!.field}: ${causes[0]!.message}`];
    return [head, ...causes.map((c) => `* ${c.field}: ${c.message}`)];
  }
  const reason = s.reason ?? 'Unknown';
  const where = file ? `error when ${action} "${file}": ` : '';
  return [`Error from server (${reason}): ${where}${s.message ?? ''}`];
}
