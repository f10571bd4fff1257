// What a container's liveness or readiness probe finds, decided from the container's behaviour as a node
// would answer it. Only the cases in PROBE_OUTCOMES are understood; any other probe is assumed to
// succeed (and says so in its trace label). Outputs are the prober's own texts.
// upstream: kubernetes pkg/probe/http/http.go DoHTTPProbe ("HTTP probe failed with statuscode: %d", and
// the Go client's error for a refused connection); pkg/probe/tcp/tcp.go DoTCPProbe; pkg/probe/exec/exec.go;
// pkg/kubelet/prober/prober.go probe ("%s probe failed: %s")
import type { Probe } from 'kubernetes-types/core/v1';
import type { Container } from '../k8s/pod';
import { lookupImage } from '../k8s/images';

export type ProbeType = 'liveness' | 'readiness' | 'startup';

/** The probe cases Podwalk understands, for the UI to list. */
export const PROBE_OUTCOMES: readonly { example: string; effect: string }[] = [
  { example: 'nginx, httpGet port 80, path / (or /index.html, /50x.html)', effect: 'succeeds (200)' },
  {
    example: 'nginx, httpGet port 80, any other path',
    effect: 'fails: HTTP probe failed with statuscode: 404',
  },
  {
    example: 'httpGet or tcpSocket to a port nothing listens on',
    effect: 'fails: dial tcp <ip>:<port>: connect: connection refused',
  },
  { example: 'tcpSocket to nginx 80, redis 6379, postgres 5432', effect: 'succeeds' },
  {
    example: 'exec [cat, /tmp/healthy]',
    effect: 'succeeds while the container’s sh -c script has touched the file (and not yet rm’d it)',
  },
  { example: 'exec [true] / [false]', effect: 'succeeds / fails' },
];

/** The ports each image's default program listens on (their Dockerfiles' EXPOSE and default configs). */
const LISTENS: Record<string, number[]> = { nginx: [80], 'redis-server': [6379], postgres: [5432] };
/** Paths nginx's default server serves (docker-library/nginx: /usr/share/nginx/html index.html, 50x.html). */
const NGINX_PATHS = ['/', '/index.html', '/50x.html'];

export interface ProbeTiming {
  periodMs: number;
  initialDelayMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/** upstream: pkg/apis/core/v1/defaults.go SetDefaults_Probe (period 10 s, success 1, failure 3) */
export function probeTiming(p: Probe): ProbeTiming {
  const n = (v: number | undefined, d: number) => (typeof v === 'number' && v > 0 ? v : d);
  return {
    periodMs: n(p.periodSeconds, 10) * 1000,
    initialDelayMs: Math.max(0, p.initialDelaySeconds ?? 0) * 1000,
    successThreshold: n(p.successThreshold, 1),
    failureThreshold: n(p.failureThreshold, 3),
  };
}

export function probeOf(c: Container, type: ProbeType): Probe | undefined {
  return { liveness: c.livenessProbe, readiness: c.readinessProbe, startup: c.startupProbe }[type];
}

/** The process's program: the command's program, or the image's default one. */
function programOf(c: Container): string {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (argv.length) return (argv[0] ?? '').replace(/^.*\//, '');
  return lookupImage(c.image ?? '')?.program ?? '';
}

function portOf(c: Container, port: number | string | undefined): number {
  if (typeof port === 'number') return port;
  const named = (c.ports ?? []).find((p) => p.name === port);
  return named?.containerPort ?? Number(port);
}

/** A short description of the probe, e.g. `HTTP GET http://10.244.0.2:80/`. */
export function describeProbe(c: Container, p: Probe, podIP: string): string {
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    return `HTTP GET ${scheme}://${podIP}:${portOf(c, p.httpGet.port)}${p.httpGet.path ?? '/'}`;
  }
  if (p.tcpSocket) return `TCP ${podIP}:${portOf(c, p.tcpSocket.port)}`;
  if (p.exec) return `exec ${JSON.stringify(p.exec.command ?? [])}`;
  return 'probe';
}

/** When a file exists, from an `sh -c` script's `touch F`, `rm [-f] F` and `sleep N` in order. */
function fileExistsAt(c: Container, path: string, sinceStartMs: number): boolean {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const prog = (argv[0] ?? '').replace(/^.*\//, '');
  if (!((prog === 'sh' || prog === 'bash') && argv[1] === '-c')) return false;
  let at = 0;
  let exists = false;
  for (const cmd of argv
    .slice(2)
    .join(' ')
    .split(/;|&&|\n/)) {
    const words = cmd.trim().split(/\s+/);
    if (words[0] === 'sleep') at += Number(words[1] ?? 0) * 1000;
    if (at > sinceStartMs) break;
    if (words[0] === 'touch' && words.includes(path)) exists = true;
    if (words[0] === 'rm' && words.includes(path)) exists = false;
  }
  return exists;
}

function refused(podIP: string, port: number): string {
  return `dial tcp ${podIP}:${port}: connect: connection refused`;
}

/**
 * The probe's result against a frozen process (`runc pause`). The node's kernel still completes a TCP
 * handshake on a listening socket, so tcpSocket succeeds; nobody answers an HTTP request, so httpGet
 * times out after timeoutSeconds (Go's http.Client error); an exec joins the frozen cgroup and hangs
 * until the CRI ExecSync deadline. upstream: staging/src/k8s.io/cri-client/pkg/remote_runtime.go ExecSync
 * (ErrCommandTimedOut "command timed out", "%w: %q timed out after %s"); pkg/probe/exec/exec.go
 */
export function frozenProbeOutcome(
  c: Container,
  p: Probe,
  podIP: string,
  sinceStartMs: number,
): { ok: boolean; output: string; understood: boolean } {
  const normal = probeOutcome(c, p, podIP, sinceStartMs);
  const timeout = `${Math.max(1, p.timeoutSeconds ?? 1)}s`;
  if (p.httpGet) {
    const refused = !normal.ok && normal.output.includes('connection refused');
    if (refused) return normal;
    const url = describeProbe(c, p, podIP).slice(9);
    return {
      ok: false,
      output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      understood: true,
    };
  }
  if (p.tcpSocket) return normal;
  if (p.exec)
    return {
      ok: false,
      output: `command timed out: ${JSON.stringify((p.exec.command ?? []).join(' '))} timed out after ${timeout}`,
      understood: true,
    };
  return normal;
}

/** The probe's result and output, `sinceStartMs` after the container started. */
export function probeOutcome(
  c: Container,
  p: Probe,
  podIP: string,
  sinceStartMs: number,
): { ok: boolean; output: string; understood: boolean } {
  const program = programOf(c);
  const listens = LISTENS[program] ?? [];
  if (p.httpGet) {
    const port = portOf(c, p.httpGet.port);
    const path = p.httpGet.path ?? '/';
    // The Go HTTP client's error: `Get "<url>": dial tcp …: connect: connection refused`.
    if (!listens.includes(port))
      return {
        ok: false,
        output: `Get "${describeProbe(c, p, podIP).slice(9)}": ${refused(podIP, port)}`,
        understood: true,
      };
    if (program !== 'nginx') return { ok: true, output: '', understood: false };
    if (NGINX_PATHS.includes(path)) return { ok: true, output: '', understood: true };
    return { ok: false, output: 'HTTP probe failed with statuscode: 404', understood: true };
  }
  if (p.tcpSocket) {
    const port = portOf(c, p.tcpSocket.port);
    return listens.includes(port)
      ? { ok: true, output: '', understood: true }
      : { ok: false, output: refused(podIP, port), understood: true };
  }
  const cmd = p.exec?.command ?? [];
  if (cmd[0] === 'true') return { ok: true, output: '', understood: true };
  if (cmd[0] === 'false') return { ok: false, output: '', understood: true };
  if (cmd[0] === 'cat' && cmd.length === 2) {
    const file = cmd[1] ?? '';
    if (fileExistsAt(c, file, sinceStartMs)) return { ok: true, output: '', understood: true };
    // busybox's cat and GNU coreutils' cat word the error differently.
    const busybox = lookupImage(c.image ?? '')?.program === 'shell';
    const output = busybox
      ? `cat: can't open '${file}': No such file or directory`
      : `cat: ${file}: No such file or directory`;
    return { ok: false, output, understood: true };
  }
  return { ok: true, output: '', understood: false };
}
