// kubectl's command line → what to do and who to be. The kubeconfig is kubeadm's admin.conf (user
// kubernetes-admin, client certificate O=kubeadm:cluster-admins, kubeadm ≥ 1.29); `--kubeconfig=/dev/null`
// is an empty one. upstream: staging/src/k8s.io/client-go/tools/clientcmd/client_config.go
// (getAuthInfo: "auth info %q does not exist"; getUserIdentificationPartialConfig keeps a token and a
// certificate side by side), client-go/rest/config.go ImpersonationConfig
import { MANIFEST_FILE, type KubeObject } from '../../scenario';
import type { Credentials } from '../apiServer/wire';

export const ADMIN = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] };

export interface KubectlCommand {
  command: string;
  verb: string;
  namespace: string;
  name: string;
  object: KubeObject | null;
  /** The file `-f` names (apply, create); kubectl's error lines quote it. */
  file: string | null;
  dryRun: 'none' | 'server' | 'client';
  serverSide: boolean;
  credentials: Credentials;
  /** The Kubectl-Session header: one UUID for all the requests of this command run. */
  session: string;
  /** What kubectl prints without sending anything (a kubeconfig it cannot use). */
  clientError: string | null;
  /** `kubectl scale deployment/web --replicas=N`: the resource and the count. */
  scale?: { resource: string; replicas: number };
}

const VALUED = ['-n', '--namespace', '-f', '--filename', '--as', '--as-group', '--token', '--kubeconfig', '-s',
  '--server', '--user', '--dry-run', '-o', '--output', '--field-manager', '--grace-period', '--context',
  '--certificate-authority', '--replicas']; // prettier-ignore

interface Parsed {
  words: string[];
  flags: Map<string, string[]>;
}

function parse(args: readonly string[]): Parsed {
  const words: string[] = [];
  const flags = new Map<string, string[]>();
  const put = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) words.push(a);
    else if (a.includes('=')) put(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else if (VALUED.includes(a)) put(a, args[++i] ?? '');
    else put(a, 'true');
  }
  return { words, flags };
}

const flag = (p: Parsed, ...names: string[]): string | undefined =>
  names.map((n) => p.flags.get(n)?.at(-1)).find((v) => v !== undefined);

function credentials(p: Parsed): { credentials: Credentials; clientError: string | null } {
  const headers: Record<string, string[]> = {};
  const token = flag(p, '--token');
  if (token) headers.Authorization = [`Bearer ${token}`];
  const as = flag(p, '--as');
  if (as) headers['Impersonate-User'] = [as];
  if (as && p.flags.get('--as-group')) headers['Impersonate-Group'] = p.flags.get('--as-group')!;
  const user = flag(p, '--user');
  const empty = flag(p, '--kubeconfig') === '/dev/null';
  const none = { credentials: { clientCert: null, headers }, clientError: null };
  if (user !== undefined && (empty || user !== ADMIN.name))
    return { ...none, clientError: `error: auth info ${JSON.stringify(user)} does not exist` };
  if (!empty)
    return { credentials: { clientCert: { cn: ADMIN.name, o: ADMIN.groups }, headers }, clientError: null };
  // upstream: kubectl's message when no server is configured; the TLS error is Go's crypto/x509 text
  if (!flag(p, '--server', '-s'))
    return {
      ...none,
      clientError:
        'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    };
  if (!flag(p, '--insecure-skip-tls-verify', '--certificate-authority'))
    return {
      ...none,
      clientError:
        'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority',
    };
  return none;
}

/**
 * kubectl reads -f before it talks to anyone; the simulated disk holds only the manifest file.
 * upstream: staging/src/k8s.io/cli-runtime/pkg/resource/builder.go Builder.Path ("the path %q does not exist"),
 * printed by cmdutil.CheckErr as `error: …`
 */
function missingPath(file: string): string {
  return `error: the path ${JSON.stringify(file)} does not exist`;
}

export function parseCommand(
  args: readonly string[],
  manifests: readonly KubeObject[],
  session = '',
  manifestFile = MANIFEST_FILE,
): KubectlCommand {
  const p = parse(args);
  const [verb = '', ...rest] = p.words;
  const nsFlag = flag(p, '-n', '--namespace');
  const dry = flag(p, '--dry-run');
  const { credentials: c, clientError } = credentials(p);
  const base = {
    command: args.join(' '),
    verb,
    dryRun:
      dry === 'server' ? ('server' as const) : dry === 'client' ? ('client' as const) : ('none' as const),
    serverSide: flag(p, '--server-side') === 'true',
    credentials: c,
    session,
    clientError,
  };
  if (verb === 'apply' || verb === 'create') {
    const file = flag(p, '-f', '--filename') ?? manifestFile;
    const obj = manifests[0] ?? null;
    const namespace = nsFlag ?? obj?.metadata.namespace ?? 'default';
    // A kubeconfig kubectl cannot load fails first (Complete builds the client); a server it cannot reach
    // is noticed only after the file is read.
    const configError = clientError?.startsWith('error: auth info') ?? false;
    const missing = file !== manifestFile && !configError ? { clientError: missingPath(file) } : {};
    return { ...base, ...missing, namespace, name: obj?.metadata.name ?? '', object: obj, file };
  }
  if (verb === 'scale')
    return {
      ...base,
      ...scaleTarget(rest, flag(p, '--replicas')),
      namespace: nsFlag ?? 'default',
      object: null,
      file: null,
    };
  const name = rest.filter((w) => w !== 'pod' && w !== 'pods')[0] ?? '';
  return { ...base, namespace: nsFlag ?? 'default', name, object: null, file: null };
}

const SCALABLE: Record<string, string> = {
  deployment: 'deployments',
  deployments: 'deployments',
  deploy: 'deployments',
  replicaset: 'replicasets',
  replicasets: 'replicasets',
  rs: 'replicasets',
  statefulset: 'statefulsets',
  statefulsets: 'statefulsets',
  sts: 'statefulsets',
};

/** `deployment/web` or `deployment web`. upstream: kubectl/pkg/cmd/scale/scale.go */
function scaleTarget(words: string[], replicas: string | undefined) {
  const [first = '', second = ''] = words;
  const [type, name] = first.includes('/') ? first.split('/', 2) : [first, second];
  const resource = SCALABLE[type ?? ''] ?? '';
  const n = Number(replicas);
  const clientError =
    replicas === undefined || !Number.isInteger(n) || n < 0
      ? 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0'
      : resource === ''
        ? `error: the server doesn't have a resource type "${type ?? ''}"`
        : null;
  return { name: name ?? '', scale: { resource, replicas: n }, ...(clientError ? { clientError } : {}) };
}
