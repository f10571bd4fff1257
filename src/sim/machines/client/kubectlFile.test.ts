import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../../scenario';
import { simulate } from '../../cluster/simulate';
import type { KubeObject, Scenario } from '../../scenario';

const nginx: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
};

function run(commands: string[], extra: Partial<Scenario> = {}) {
  const scenario: Scenario = {
    ...DEFAULT_SCENARIO,
    manifests: [nginx],
    actions: commands.map((c, i) => ({ kind: 'kubectl', trigger: { atMs: i * 60_000 }, args: c.split(' ') })),
    ...extra,
  };
  return simulate(scenario);
}

describe('the file kubectl -f names', () => {
  it('refuses a path other than the manifest, before sending anything', () => {
    const trace = run(['apply -f x.yaml']);
    expect(trace.terminal.map((l) => [l.stream, l.text])).toEqual([
      ['stderr', 'error: the path "x.yaml" does not exist'],
    ]);
    expect(trace.messages.some((m) => m.from === 'kubectl')).toBe(false);
    expect(run(['create --filename=other.yaml']).terminal.map((l) => l.text)).toEqual([
      'error: the path "other.yaml" does not exist',
    ]);
  });

  it('quotes the manifest’s own name in server errors', () => {
    const trace = run(['create -f web.yaml', 'create -f web.yaml'], { manifestFile: 'web.yaml' });
    expect(trace.terminal.map((l) => l.text)).toEqual([
      'pod/nginx created',
      'Error from server (AlreadyExists): error when creating "web.yaml": pods "nginx" already exists',
    ]);
  });

  it('still says which kubeconfig user is missing before it reads the file', () => {
    expect(run(['apply -f x.yaml --user=bob']).terminal.map((l) => l.text)).toEqual([
      'error: auth info "bob" does not exist',
    ]);
  });
});
