import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../../scenario';
import { simulate } from '../../cluster/simulate';
import type { KubeObject, Scenario } from '../../scenario';
import type { Trace, TraceMessage } from '../../trace/types';

const nginx: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
};
const jane = (verbs: string[]): KubeObject[] => [
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pods', namespace: 'default' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'jane-pods', namespace: 'default' }, subjects: [{ kind: 'User', name: 'jane' }], roleRef: { kind: 'Role', name: 'pods' } },
]; // prettier-ignore

function run(args: string, cluster: KubeObject[] = []): Trace {
  const scenario: Scenario = {
    ...DEFAULT_SCENARIO,
    cluster: [...DEFAULT_SCENARIO.cluster, ...cluster],
    manifests: [nginx],
    actions: [{ kind: 'kubectl', trigger: { atMs: 0 }, args: args.split(' ') }],
  };
  return simulate(scenario);
}

/** The API server's self-messages between kubectl's n-th request and the next non-filter message. */
function filtersOf(trace: Trace, method: string): TraceMessage[] {
  const i = trace.messages.findIndex((m) => m.from === 'kubectl' && m.label.startsWith(method));
  const out: TraceMessage[] = [];
  for (const m of trace.messages.slice(i + 1)) {
    if (m.from !== 'kube-apiserver' || m.to !== 'kube-apiserver') break;
    if (!/^(authenticate|impersonate|authorize)/.test(m.label)) break;
    out.push(m);
  }
  return out;
}

describe('the handler chain, filter by filter, for kubectl’s requests', () => {
  it('authenticates, then authorizes, each request of apply (activity 1), then admission starts activity 2', () => {
    const trace = run('apply -f pod.yaml');
    const post = filtersOf(trace, 'POST');
    expect(post.map((m) => m.label)).toEqual([
      'authenticate: x509 kubernetes-admin [kubeadm:cluster-admins system:authenticated]',
      'authorize: RBAC allowed create pods',
    ]);
    expect(post.map((m) => m.activity)).toEqual([1, 1]);
    expect(post[1]!.detail).toMatchObject({
      reason:
        'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
      authorizationMode: 'Node,RBAC',
      node: 'no opinion (not a node)',
      priorityAndFairness: 'FlowSchema "global-default", priority level "global-default"',
    });
    expect(post[0]!.detail.audit).toMatch(/^level None/);
    const after = trace.messages[trace.messages.indexOf(post[1]!) + 1]!;
    expect([after.activity, after.from, after.to, after.label]).toEqual([
      2, 'kube-apiserver', 'kube-apiserver', 'decode, set defaults; mutating admission',
    ]); // prettier-ignore
    expect(filtersOf(trace, 'GET').map((m) => m.label.split(':')[0])).toEqual(['authenticate', 'authorize']);
  });

  it('puts impersonation between them when --as is used, and authorizes as the impersonated user', () => {
    const trace = run('create -f pod.yaml --as=jane', jane(['create']));
    const labels = filtersOf(trace, 'POST').map((m) => m.label);
    expect(labels).toEqual([
      'authenticate: x509 kubernetes-admin [kubeadm:cluster-admins system:authenticated]',
      'impersonate: jane [system:authenticated]',
      'authorize: RBAC allowed create pods',
    ]);
    const authz = filtersOf(trace, 'POST')[2]!;
    expect(authz.detail.reason).toBe(
      'RBAC: allowed by RoleBinding "jane-pods/default" of Role "pods" to User "jane"',
    );
  });

  it('stops at the filter that refuses: authorize for a verb RBAC does not grant', () => {
    const trace = run('create -f pod.yaml --as=jane', jane(['get']));
    const filters = filtersOf(trace, 'POST');
    expect(filters.map((m) => m.label).at(-1)).toBe('authorize: forbidden create pods');
    const next = trace.messages[trace.messages.indexOf(filters.at(-1)!) + 1]!;
    expect([next.to, next.label]).toEqual(['kubectl', '403 Forbidden']);
  });

  it('stops at authenticate with 401 for a token no authenticator knows', () => {
    const trace = run(
      'apply -f pod.yaml --kubeconfig=/dev/null --server=https://10.0.0.10:6443 --insecure-skip-tls-verify --token=x',
    );
    expect(filtersOf(trace, 'GET').map((m) => m.label)).toEqual(['authenticate: Unauthorized']);
  });

  it('keeps the filters folded into one message for in-cluster clients', () => {
    const trace = run('apply -f pod.yaml');
    const i = trace.messages.findIndex((m) => m.label.endsWith('/binding'));
    expect(trace.messages[i + 1]!.label).toBe(
      'authenticate system:kube-scheduler; authorize create pods/binding: allowed',
    );
  });
});
