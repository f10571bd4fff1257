// The HTTP headers kubectl puts on each request, as `kubectl -v=8` prints them.
// upstream:
// - Accept / Content-Type: staging/src/k8s.io/cli-runtime/pkg/resource/client.go
//   UnstructuredPlusDefaultContentConfig (AcceptContentTypes and ContentType both application/json);
//   the PATCH types come from the patch kind: apply.go (types.StrategicMergePatchType,
//   types.ApplyPatchType = application/apply-patch+yaml).
// - User-Agent: staging/src/k8s.io/client-go/rest/config.go DefaultKubernetesUserAgent,
//   fmt "%s/%s (%s/%s) kubernetes/%s": basename(os.Args[0]), GitVersion up to the first "-", GOOS/GOARCH,
//   the first 7 characters of GitCommit.
// - Authorization / Impersonate-*: staging/src/k8s.io/client-go/transport/round_trippers.go
//   (bearerAuthRoundTripper, NewImpersonatingRoundTripper); -v=8 masks the token as `Bearer <masked>`.
// - Kubectl-Command / Kubectl-Session: staging/src/k8s.io/cli-runtime/pkg/genericclioptions/
//   command_headers.go ParseCommandHeaders (KEP 859; a new UUID per command run).
import { Random, seedFor } from '../../time/random';
import { newUid } from '../../time/ids';
import type { Credentials } from '../apiServer/wire';

export const KUBECTL_VERSION = 'v1.37.0';
// The git commit a real v1.37.0 kubectl was built from is not in our reference; this stands in for its
// first seven hex digits so the header has the real shape (kubectl/v1.37.0 (linux/amd64) kubernetes/abcdef0).
const COMMIT_PLACEHOLDER = 'c9d8e7f';

export const USER_AGENT = `kubectl/${KUBECTL_VERSION} (linux/amd64) kubernetes/${COMMIT_PLACEHOLDER}`;

/** One header line; a header may repeat (several `--as-group`). */
export type HeaderLine = [name: string, value: string];

/** The session id of the n-th command kubectl runs: a version-4 UUID from the seeded source. */
export function sessionId(commandIndex: number): string {
  return newUid(new Random(seedFor(0, `kubectl-session:${commandIndex}`)));
}

export function kubectlHeaders(opts: {
  verb: string;
  contentType: string | null;
  credentials: Credentials;
  session: string;
}): HeaderLine[] {
  const lines: HeaderLine[] = [['Accept', 'application/json']];
  if (opts.contentType) lines.push(['Content-Type', opts.contentType]);
  lines.push(['User-Agent', USER_AGENT]);
  for (const [name, values] of Object.entries(opts.credentials.headers))
    for (const v of values) lines.push([name, name === 'Authorization' ? 'Bearer <masked>' : v]);
  lines.push(['Kubectl-Command', `kubectl ${opts.verb}`], ['Kubectl-Session', opts.session]);
  return lines;
}
