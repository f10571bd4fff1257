import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../../scenario';
import { simulate } from '../../cluster/simulate';
import type { KubeObject, Scenario } from '../../scenario';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUANTITY =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

type Spec = Record<string, unknown>;
const pod = (spec: Spec, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default', ...meta },
  spec,
});
const nginx = (c: Spec = {}): Spec => ({ name: 'nginx', image: 'nginx:1.27', ...c });
const obj = (kind: string, name: string, rest: Record<string, unknown>, ns = 'default'): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, ...(kind === 'Namespace' ? {} : { namespace: ns }) },
  ...rest,
});

function run(manifest: KubeObject, cluster: KubeObject[] = [], args = 'create -f pod.yaml') {
  const scenario: Scenario = {
    ...DEFAULT_SCENARIO,
    cluster: [...DEFAULT_SCENARIO.cluster, ...cluster],
    manifests: [manifest],
    actions: [{ kind: 'kubectl', trigger: { atMs: 0 }, args: args.split(' ') }],
  };
  return simulate(scenario);
}

/** The code of the API server's last answer to kubectl, and what kubectl printed. */
function answer(manifest: KubeObject, cluster: KubeObject[] = [], args?: string) {
  const trace = run(manifest, cluster, args);
  const res = trace.messages.filter((m) => m.from === 'kube-apiserver' && m.to === 'kubectl').at(-1)!;
  return { code: (res.detail as { code: number }).code, lines: trace.terminal.map((l) => l.text) };
}

// Each expected message: lifecycle.md §1.5, or the upstream function cited where the code builds it.
const TABLE: [string, KubeObject, KubeObject[], number, string][] = [
  ['an upper-case name', pod({ containers: [nginx()] }, { name: 'Nginx' }), [], 422,
    `The Pod "Nginx" is invalid: metadata.name: Invalid value: "Nginx": ${SUBDOMAIN}`],
  ['a container without an image', pod({ containers: [{ name: 'nginx' }] }), [], 422,
    'The Pod "nginx" is invalid: spec.containers[0].image: Required value'],
  ['two containers with one name', pod({ containers: [nginx(), nginx()] }), [], 422,
    'The Pod "nginx" is invalid: spec.containers[1].name: Duplicate value: "nginx"'],
  ['two ports with one name', pod({ containers: [nginx({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] }), [], 422,
    'The Pod "nginx" is invalid: spec.containers[0].ports[1].name: Duplicate value: "http"'],
  ['requests above limits', pod({ containers: [nginx({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] }), [], 422,
    'The Pod "nginx" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
  ['a bad quantity', pod({ containers: [nginx({ resources: { limits: { memory: '1x' } } })] }), [], 400,
    `Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: ${QUANTITY}`],
  ['an unknown field', pod({ containers: [{ name: 'nginx', imagee: 'nginx:1.27' }] }), [], 400,
    'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"'],
  ['a namespace that does not exist', pod({ containers: [nginx()] }, { namespace: 'team-a' }), [], 404,
    'Error from server (NotFound): error when creating "pod.yaml": namespaces "team-a" not found'],
  ['a namespace being terminated', pod({ containers: [nginx()] }, { namespace: 'old' }), [obj('Namespace', 'old', { status: { phase: 'Terminating' } })], 403,
    'Error from server (Forbidden): error when creating "pod.yaml": pods "nginx" is forbidden: unable to create new content in namespace old because it is being terminated'],
  ['a quota on limits the pod does not set', pod({ containers: [nginx()] }), [obj('ResourceQuota', 'q', { spec: { hard: { 'limits.cpu': '2' } } })], 403,
    'Error from server (Forbidden): error when creating "pod.yaml": pods "nginx" is forbidden: failed quota: q: must specify limits.cpu for: nginx'],
  ['a privileged container under baseline', pod({ containers: [nginx({ securityContext: { privileged: true } })] }, { namespace: 'b' }),
    [obj('Namespace', 'b', { metadata: { name: 'b', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } })], 403,
    'Error from server (Forbidden): error when creating "pod.yaml": pods "nginx" is forbidden: violates PodSecurity "baseline:latest": privileged (container "nginx" must not set securityContext.privileged=true)'],
  ['a PriorityClass that does not exist', pod({ priorityClassName: 'nope', containers: [nginx()] }), [], 403,
    'Error from server (Forbidden): error when creating "pod.yaml": pods "nginx" is forbidden: no PriorityClass with name nope was found'],
]; // prettier-ignore

describe('the API server refuses bad requests with upstream codes and messages', () => {
  for (const [what, manifest, cluster, code, line] of TABLE)
    it(`answers ${code} to ${what}`, () => {
      const a = answer(manifest, cluster);
      expect(a.code).toBe(code);
      expect(a.lines.join('\n')).toBe(line);
    });
});

const jane = { subjects: [{ kind: 'User', name: 'jane' }], roleRef: { kind: 'Role', name: 'missing' } };

describe('identity and kubectl modes', () => {
  it('adds the RBAC resolution error when a binding names a missing role', () => {
    const a = answer(
      pod({ containers: [nginx()] }),
      [obj('RoleBinding', 'rb', jane)],
      'create -f pod.yaml --as=jane',
    );
    expect(a.lines).toEqual([
      'Error from server (Forbidden): error when creating "pod.yaml": pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "missing" not found',
    ]);
  });

  it('prints apply’s retrieving form when the GET is forbidden', () => {
    expect(answer(pod({ containers: [nginx()] }), [], 'apply -f pod.yaml --as=bob').lines).toEqual([
      'Error from server (Forbidden): error when retrieving current configuration of:',
      'Resource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"',
      'Name: "nginx", Namespace: "default"',
      'from server for: "pod.yaml": pods "nginx" is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "default"',
    ]);
  });

  it('refuses impersonation to an anonymous caller', () => {
    const args =
      'create -f pod.yaml --kubeconfig=/dev/null --server=https://10.0.0.10:6443 --insecure-skip-tls-verify --as=jane';
    expect(answer(pod({ containers: [nginx()] }), [], args).lines).toEqual([
      'Error from server (Forbidden): error when creating "pod.yaml": users "jane" is forbidden: User "system:anonymous" cannot impersonate resource "users" in API group "" at the cluster scope',
    ]);
  });

  it('stops in kubectl when --user names no kubeconfig entry', () => {
    const trace = run(pod({ containers: [nginx()] }), [], 'apply -f pod.yaml --user=bob');
    expect(trace.terminal.map((l) => l.text)).toEqual(['error: auth info "bob" does not exist']);
    expect(trace.messages.some((m) => m.from === 'kubectl')).toBe(false);
  });

  it('creates with dryRun=All without an etcd write', () => {
    const trace = run(pod({ containers: [nginx()] }), [], 'apply -f pod.yaml --dry-run=server');
    expect(trace.terminal.map((l) => l.text)).toEqual(['pod/nginx created (server dry run)']);
    expect(trace.messages.find((m) => m.label.startsWith('POST'))!.detail.query).toBe(
      'dryRun=All&fieldManager=kubectl-client-side-apply&fieldValidation=Strict',
    );
    expect(trace.messages.some((m) => m.label === 'txn create /registry/pods/default/nginx')).toBe(false);
  });

  it('server-side applies with one PATCH of application/apply-patch+yaml', () => {
    const trace = run(pod({ containers: [nginx()] }), [], 'apply --server-side -f pod.yaml');
    expect(trace.terminal.map((l) => l.text)).toEqual(['pod/nginx serverside-applied']);
    const patch = trace.messages.find((m) => m.from === 'kubectl')!;
    expect(patch.detail).toMatchObject({
      method: 'PATCH',
      contentType: 'application/apply-patch+yaml',
      query: 'fieldManager=kubectl&force=false',
    });
  });

  it('warns with the warn level’s violations and still creates the pod', () => {
    const ns = obj('Namespace', 'w', {
      metadata: { name: 'w', labels: { 'pod-security.kubernetes.io/warn': 'baseline' } },
    });
    const trace = run(
      pod({ hostNetwork: true, containers: [nginx()] }, { namespace: 'w' }),
      [ns],
      'create -f pod.yaml',
    );
    expect(trace.terminal.map((l) => `${l.stream}: ${l.text}`).slice(0, 2)).toEqual([
      'stderr: Warning: would violate PodSecurity "baseline:latest": host namespaces (hostNetwork)',
      'stdout: pod/nginx created',
    ]);
  });
});
