import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../../scenario';
import { simulate } from '../../cluster/simulate';
import type { KubeObject, Scenario } from '../../scenario';
import type { TraceMessage } from '../../trace/types';
import { USER_AGENT } from './kubectlHeaders';

const nginx: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
};

function kubectlRequests(...commands: string[]): TraceMessage[] {
  const scenario: Scenario = {
    ...DEFAULT_SCENARIO,
    manifests: [nginx],
    actions: commands.map((c, i) => ({ kind: 'kubectl', trigger: { atMs: i * 60_000 }, args: c.split(' ') })),
  };
  return simulate(scenario).messages.filter((m) => m.from === 'kubectl' && m.kind === 'request');
}

const headers = (m: TraceMessage) => m.detail.headers as [string, string][];
const named = (m: TraceMessage, name: string) =>
  headers(m)
    .filter(([n]) => n === name)
    .map(([, v]) => v);

describe('kubectl request headers', () => {
  it('client-side apply: GET without a body, then POST of JSON; one session for both', () => {
    const [get, post] = kubectlRequests('apply -f pod.yaml');
    expect(headers(get!).map(([n]) => n)).toEqual([
      'Accept',
      'User-Agent',
      'Kubectl-Command',
      'Kubectl-Session',
    ]);
    expect(named(get!, 'Accept')).toEqual(['application/json']);
    expect(named(post!, 'Content-Type')).toEqual(['application/json']);
    expect(named(post!, 'Kubectl-Command')).toEqual(['kubectl apply']);
    expect(named(get!, 'Kubectl-Session')).toEqual(named(post!, 'Kubectl-Session'));
    expect(named(get!, 'Kubectl-Session')[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(post!.detail.clientCertificate).toBe('CN=kubernetes-admin, O=kubeadm:cluster-admins');
    expect(named(post!, 'Authorization')).toEqual([]);
  });

  it('has client-go’s User-Agent shape', () => {
    const [get] = kubectlRequests('apply -f pod.yaml');
    expect(named(get!, 'User-Agent')).toEqual([USER_AGENT]);
    expect(USER_AGENT).toMatch(/^kubectl\/v1\.37\.0 \(linux\/amd64\) kubernetes\/[0-9a-f]{7}$/);
  });

  it('client-side apply of a changed pod PATCHes a strategic merge patch', () => {
    const changed = { ...nginx, metadata: { ...nginx.metadata, labels: { app: 'web' } } };
    const scenario: Scenario = {
      ...DEFAULT_SCENARIO,
      manifests: [nginx],
      actions: [{ kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply', '-f', 'pod.yaml'] }],
    };
    // Apply once, then re-run the command against the stored pod with a label added.
    const first = simulate(scenario);
    expect(first.terminal[0]!.text).toBe('pod/nginx created');
    const again: Scenario = {
      ...scenario,
      cluster: [
        ...scenario.cluster,
        first.objects.find((o) => o.key === '/registry/pods/default/nginx')!.object as KubeObject,
      ],
      manifests: [changed],
    };
    const patch = simulate(again).messages.find((m) => m.from === 'kubectl' && m.label.startsWith('PATCH'))!;
    expect(named(patch, 'Content-Type')).toEqual(['application/strategic-merge-patch+json']);
  });

  it('server-side apply sends one PATCH of application/apply-patch+yaml', () => {
    const [patch, ...rest] = kubectlRequests('apply --server-side -f pod.yaml');
    expect(rest).toEqual([]);
    expect(named(patch!, 'Content-Type')).toEqual(['application/apply-patch+yaml']);
    expect(named(patch!, 'Accept')).toEqual(['application/json']);
  });

  it('delete sends DeleteOptions as JSON under its own session', () => {
    const reqs = kubectlRequests('apply -f pod.yaml', 'delete pod nginx');
    const del = reqs.find((m) => m.label.startsWith('DELETE'))!;
    expect(named(del, 'Content-Type')).toEqual(['application/json']);
    expect(named(del, 'Kubectl-Command')).toEqual(['kubectl delete']);
    expect(named(del, 'Kubectl-Session')).not.toEqual(named(reqs[0]!, 'Kubectl-Session'));
  });

  it('--as and --as-group become Impersonate-User and one Impersonate-Group line each', () => {
    const [get] = kubectlRequests('apply -f pod.yaml --as=jane --as-group=dev --as-group=ops');
    expect(named(get!, 'Impersonate-User')).toEqual(['jane']);
    expect(named(get!, 'Impersonate-Group')).toEqual(['dev', 'ops']);
  });

  it('a token is sent as Authorization: Bearer, masked as kubectl -v=8 prints it', () => {
    const [get] = kubectlRequests(
      'apply -f pod.yaml --kubeconfig=/dev/null --server=https://10.0.0.10:6443 --insecure-skip-tls-verify --token=secret',
    );
    expect(named(get!, 'Authorization')).toEqual(['Bearer <masked>']);
    expect(get!.detail.clientCertificate).toBeNull();
    expect(JSON.stringify(get!.detail)).not.toContain('secret');
  });
});
