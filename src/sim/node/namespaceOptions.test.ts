// Whole runs: the namespaces each option gives the pause and app containers (lifecycle.md §5.1, §5.3, §6),
// and readiness flipping after successThreshold (kubelet-behaviour.md E9).
import { describe, expect, it } from 'vitest';
import { defaultCluster } from '../../scenario';
import { simulate } from '../cluster/simulate';
import type { Scenario } from '../scenario';
import type { Trace } from '../trace/types';
import { HOST_NAMESPACES } from '../machines/kernel/kernelState';
import { namespacesForPod, USERNS_LENGTH } from './namespaceOptions';
import { namespacesAt } from '../../ui/namespaces/viewModel';

function run(spec: Record<string, unknown>, horizonMs = 60_000): Trace {
  const scenario: Scenario = {
    name: 'p',
    cluster: defaultCluster(),
    manifests: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec }],
    actions: [{ kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply', '-f', 'pod.yaml'] }],
    options: { horizonMs },
    seed: 1,
  };
  return simulate(scenario);
}
const nginx = [{ name: 'nginx', image: 'nginx:1.27' }];
const procs = (t: Trace) => {
  const [pause, ...apps] = namespacesAt(t, Infinity, null).processes;
  return { pause: pause!, app: apps[0]! };
};

describe('namespace options', () => {
  it('default: pause has its own pid/ipc/uts/mnt and the pod netns; nginx joins net/ipc/uts only', () => {
    const { pause, app } = procs(run({ containers: nginx }));
    for (const ns of ['net', 'ipc', 'uts'] as const) expect(app.namespaces[ns]).toBe(pause.namespaces[ns]);
    for (const ns of ['pid', 'mnt', 'cgroup'] as const)
      expect(app.namespaces[ns]).not.toBe(pause.namespaces[ns]);
    expect(pause.namespaces.net).not.toBe(HOST_NAMESPACES.net);
    expect(app.namespaces.user).toBe(HOST_NAMESPACES.user);
  });

  it('hostPID: pause and nginx are in the node pid namespace (NODE mode)', () => {
    const { pause, app } = procs(run({ hostPID: true, containers: nginx }));
    expect(pause.namespaces.pid).toBe(HOST_NAMESPACES.pid);
    expect(app.namespaces.pid).toBe(HOST_NAMESPACES.pid);
    expect(app.namespaces.ipc).not.toBe(HOST_NAMESPACES.ipc);
  });

  it('hostIPC: pause and nginx are in the node ipc namespace', () => {
    const { pause, app } = procs(run({ hostIPC: true, containers: nginx }));
    expect(pause.namespaces.ipc).toBe(HOST_NAMESPACES.ipc);
    expect(app.namespaces.ipc).toBe(HOST_NAMESPACES.ipc);
    expect(app.namespaces.pid).not.toBe(HOST_NAMESPACES.pid);
  });

  it('hostUsers: false: one user namespace per pod, shared by its containers, with 65536-ID mappings', () => {
    const t = run({ hostUsers: false, containers: nginx });
    const { pause, app } = procs(t);
    expect(pause.namespaces.user).not.toBe(HOST_NAMESPACES.user);
    expect(app.namespaces.user).toBe(pause.namespaces.user);
    const replies = t.messages.filter((m) => m.from === 'kernel' && m.to === 'runc' && m.detail.uidMappings);
    expect(replies).toHaveLength(2);
    const map = (
      replies[0]!.detail.uidMappings as { containerID: number; hostID: number; size: number }[]
    )[0]!;
    expect(map.containerID).toBe(0);
    expect(map.size).toBe(USERNS_LENGTH);
    expect(map.hostID % USERNS_LENGTH).toBe(0);
    expect(map.hostID).toBeGreaterThanOrEqual(USERNS_LENGTH);
  });

  it('maps the pod spec to CRI NamespaceModes as NamespacesForPod does', () => {
    const of = (spec: Record<string, unknown>) => namespacesForPod({ metadata: { uid: 'u' }, spec } as never);
    expect(of({})).toMatchObject({ network: 'POD', pid: 'CONTAINER', ipc: 'POD', userns: null });
    expect(of({ shareProcessNamespace: true }).pid).toBe('POD');
    expect(of({ hostPID: true, shareProcessNamespace: true }).pid).toBe('NODE');
    expect(of({ hostNetwork: true, hostIPC: true })).toMatchObject({ network: 'NODE', ipc: 'NODE' });
  });
});

describe('readiness probe that succeeds (nginx serves /)', () => {
  it('is not Ready until successThreshold successes, then Ready; no Unhealthy events', () => {
    const t = run({
      containers: [
        {
          ...nginx[0],
          readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5, successThreshold: 2 },
        },
      ],
    });
    const probes = t.messages.filter((m) => m.label.startsWith('readiness probe nginx'));
    expect(probes[0]!.label).toMatch(/HTTP GET http:\/\/10\.244\.\d+\.\d+:80\/$/);
    const ready = t.objects
      .filter((o) => o.key === '/registry/pods/default/p' && o.object)
      .map((o) => ({
        t: o.t,
        ready: (o.object as { status?: { containerStatuses?: { ready: boolean }[] } }).status
          ?.containerStatuses?.[0]?.ready,
      }));
    const first = ready.find((r) => r.ready);
    expect(first!.t).toBeGreaterThan(probes[1]!.t);
    expect(first!.t).toBeLessThan(probes[2]!.t);
    expect(t.messages.some((m) => m.label === 'POST event Unhealthy')).toBe(false);
  });
});
