import { describe, expect, it } from 'vitest';
import { parseScenario, type ParseResult } from './index';

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: nginx}\nspec: {containers: [{name: web, image: nginx}]}\n';
function withActions(actions: string): ParseResult {
  return parseScenario(
    `${POD}---\napiVersion: podwalk.dev/v1alpha1\nkind: Scenario\nmetadata: {name: s1}\nspec:\n  actions:\n${actions}`,
  );
}
const message = (r: ParseResult) => (r.ok ? 'ok' : r.error.message);

describe('runc actions in the Scenario document', () => {
  it('reads kill, pause and resume of pod/container, with KILL as kill’s default signal', () => {
    const r = withActions(
      '  - {at: 1s, runc: kill, container: nginx/web}\n' +
        '  - {at: 2s, runc: pause, container: default/nginx/web}\n' +
        '  - {when: PodRunning, pod: nginx, runc: resume, container: nginx/web}\n' +
        '  - {at: 3s, runc: kill, container: nginx/web, signal: TERM}\n',
    );
    expect(r.ok && r.scenario.actions).toEqual([
      {
        kind: 'container',
        trigger: { atMs: 1000 },
        op: 'kill',
        pod: 'default/nginx',
        container: 'web',
        signal: 'KILL',
      },
      { kind: 'container', trigger: { atMs: 2000 }, op: 'pause', pod: 'default/nginx', container: 'web' },
      {
        kind: 'container',
        trigger: { whenPodRunning: 'default/nginx' },
        op: 'resume',
        pod: 'default/nginx',
        container: 'web',
      },
      {
        kind: 'container',
        trigger: { atMs: 3000 },
        op: 'kill',
        pod: 'default/nginx',
        container: 'web',
        signal: 'TERM',
      },
    ]);
  });

  it('names the field when the pod or the container is unknown', () => {
    const pod = withActions('  - {at: 1s, runc: kill, container: nginks/web}\n');
    expect(message(pod)).toContain('spec.actions[0].container: no document here defines pod default/nginks.');
    const c = withActions('  - {at: 1s, runc: kill, container: nginx/nginx}\n');
    expect(message(c)).toContain(
      'spec.actions[0].container: pod default/nginx has no container "nginx"; its containers are web.',
    );
    expect(pod.ok || pod.error.line).toBe(11);
  });

  it('refuses an unknown runc command, a signal other than KILL or TERM, and a signal on pause', () => {
    expect(message(withActions('  - {at: 1s, runc: checkpoint, container: nginx/web}\n'))).toContain(
      'spec.actions[0].runc must be kill, pause or resume, not the string "checkpoint".',
    );
    expect(message(withActions('  - {at: 1s, runc: kill, container: nginx/web, signal: HUP}\n'))).toContain(
      'spec.actions[0].signal must be KILL or TERM, not the string "HUP".',
    );
    expect(message(withActions('  - {at: 1s, runc: pause, container: nginx/web, signal: KILL}\n'))).toContain(
      'spec.actions[0].signal applies to runc kill only.',
    );
  });

  it('refuses an action that is both a kubectl command and a runc command', () => {
    expect(
      message(withActions('  - {at: 1s, kubectl: get pods, runc: kill, container: nginx/web}\n')),
    ).toContain('spec.actions[0] takes one of kubectl, runc, kubelet or addNode, not kubectl and runc.');
  });
});

describe('addNode actions in the Scenario document', () => {
  it('adds a worker like the others, with the next address and pod CIDR and the given labels', () => {
    const r = withActions('  - {at: 5s, addNode: worker-3, labels: {disktype: ssd}}\n');
    const a = r.ok ? r.scenario.actions[0] : undefined;
    expect(a?.kind).toBe('addNode');
    const node = a?.kind === 'addNode' ? a.node : null;
    expect(node?.metadata).toEqual({
      name: 'worker-3',
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'worker-3',
        'kubernetes.io/os': 'linux',
        disktype: 'ssd',
      },
    });
    expect(node?.spec).toEqual({ podCIDR: '10.244.3.0/24', podCIDRs: ['10.244.3.0/24'] });
    expect((node?.status as { addresses: unknown[] }).addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.5' },
      { type: 'Hostname', address: 'worker-3' },
    ]);
  });

  it('refuses a name the cluster already has, counting nodes added earlier', () => {
    expect(message(withActions('  - {at: 5s, addNode: worker-2}\n'))).toContain(
      'spec.actions[0].addNode: the cluster already has a node worker-2.',
    );
    expect(
      message(withActions('  - {at: 5s, addNode: worker-3}\n  - {at: 6s, addNode: worker-3}\n')),
    ).toContain('spec.actions[1].addNode: the cluster already has a node worker-3.');
  });

  it('refuses a name that is not a DNS label, and labels that are not strings', () => {
    expect(message(withActions('  - {at: 5s, addNode: Worker_3}\n'))).toContain(
      'spec.actions[0].addNode must be the new node\'s name, such as worker-3, not the string "Worker_3".',
    );
    expect(message(withActions('  - {at: 5s, addNode: worker-3, labels: {ssd: 1}}\n'))).toContain(
      'spec.actions[0].labels must map label names to strings',
    );
  });
});

describe('the kubelet checkpoint action and spec.containerRuntime', () => {
  it('reads {kubelet: checkpoint, container: pod/container} as a checkpoint of that container', () => {
    const r = withActions('  - {at: 10s, kubelet: checkpoint, container: nginx/web}\n');
    expect(r.ok && r.scenario.actions).toEqual([
      { kind: 'checkpoint', trigger: { atMs: 10_000 }, pod: 'default/nginx', container: 'web' },
    ]);
  });

  it('refuses another kubelet verb, a signal, and a container the pod does not have', () => {
    expect(message(withActions('  - {at: 1s, kubelet: restore, container: nginx/web}\n'))).toContain(
      'spec.actions[0].kubelet must be checkpoint, not the string "restore".',
    );
    expect(
      message(withActions('  - {at: 1s, kubelet: checkpoint, container: nginx/web, signal: KILL}\n')),
    ).toContain('spec.actions[0].signal applies to runc kill only.');
    expect(message(withActions('  - {at: 1s, kubelet: checkpoint, container: nginx/db}\n'))).toContain(
      'pod default/nginx has no container "db"',
    );
  });

  it('sets every Node to report the runtime spec.containerRuntime names, and refuses others', () => {
    const doc = (rt: string) =>
      parseScenario(
        `${POD}---\napiVersion: podwalk.dev/v1alpha1\nkind: Scenario\nspec:\n  containerRuntime: ${rt}\n`,
      );
    const r = doc('cri-o');
    const versions = r.ok
      ? r.scenario.cluster
          .filter((o) => o.kind === 'Node')
          .map(
            (n) =>
              (n.status as { nodeInfo: { containerRuntimeVersion: string } }).nodeInfo
                .containerRuntimeVersion,
          )
      : [];
    expect(new Set(versions)).toEqual(new Set(['cri-o://1.37.0']));
    expect(r.ok && r.scenario.options.containerRuntime).toBe('cri-o');
    expect(message(doc('docker'))).toContain(
      'spec.containerRuntime must be containerd or cri-o, not the string "docker".',
    );
  });
});
