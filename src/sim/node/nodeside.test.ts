// Whole runs of the node-side lifecycle (issue #5): native sidecars, startup probes, the liveness →
// CrashLoopBackOff timing, and deletion with preStop hooks, SIGTERM → SIGKILL and the sandbox removed later.
// Each case quotes the fact in kubelet-behaviour.md or lifecycle.md it checks.
import { describe, expect, it } from 'vitest';
import { defaultCluster } from '../../scenario';
import { podColumns } from '../kubectl/podColumns';
import { simulate } from '../cluster/simulate';
import type { Pod } from '../k8s/pod';
import type { Scenario } from '../scenario';
import type { Trace } from '../trace/types';

type Cs = {
  name: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: Record<string, Record<string, unknown>>;
};
type Cond = { type: string; status: string; reason?: string; message?: string };
type Status = {
  phase?: string;
  conditions?: Cond[];
  containerStatuses?: Cs[];
  initContainerStatuses?: Cs[];
};

function run(name: string, spec: Record<string, unknown>, opts: { del?: boolean; horizonMs?: number } = {}) {
  const scenario: Scenario = {
    name,
    cluster: defaultCluster(),
    manifests: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec }],
    actions: [
      { kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply', '-f', 'pod.yaml'] },
      ...(opts.del
        ? [{ kind: 'kubectl' as const, trigger: { whenPodRunning: name }, args: ['delete', 'pod', name] }]
        : []),
    ],
    options: { horizonMs: opts.horizonMs ?? 180_000 },
    seed: 1,
  };
  return simulate(scenario);
}

/** Every stored revision of the pod, with its time. */
function revisions(t: Trace, name: string): { t: number; pod: Pod; s: Status }[] {
  return t.objects
    .filter((o) => o.key === `/registry/pods/default/${name}` && o.object)
    .map((o) => ({ t: o.t, pod: o.object as Pod, s: ((o.object as Pod).status ?? {}) as Status }));
}

/** The kubelet's events in order: reason, message (a PATCHed repeat keeps its message), time. */
function events(t: Trace): { t: number; reason: string; message: string; fieldPath?: string }[] {
  return t.messages
    .filter((m) => m.from === 'kubelet' && /^(POST|PATCH) event /.test(m.label))
    .map((m) => {
      const body = m.detail.body as {
        reason?: string;
        message?: string;
        involvedObject?: { fieldPath?: string };
      };
      const reason = body.reason ?? m.label.replace(/^PATCH event (\S+).*$/, '$1');
      return { t: m.t, reason, message: body.message ?? '', fieldPath: body.involvedObject?.fieldPath };
    });
}

const labels = (t: Trace, re: RegExp) => t.messages.filter((m) => re.test(m.label));
const cond = (s: Status, type: string) => s.conditions?.find((c) => c.type === type);
const columns = (t: Trace, name: string) =>
  revisions(t, name).map((r) => {
    const c = podColumns(r.pod);
    return `${c.ready}/${c.total} ${c.status}`;
  });
const dedupe = (xs: string[]) => xs.filter((x, i) => x !== xs[i - 1]);

const sidecarSpec = (extra: Record<string, unknown> = {}) => ({
  initContainers: [
    {
      name: 'log-shipper',
      image: 'busybox',
      restartPolicy: 'Always',
      command: ['tail', '-F', '/var/log/nginx/access.log'],
      ...extra,
    },
  ],
  containers: [{ name: 'nginx', image: 'nginx:1.27' }],
});

describe('native sidecar (init container with restartPolicy: Always)', () => {
  const t = run('web', sidecarSpec(), { del: true });
  const revs = revisions(t, 'web');

  it('starts the sidecar, does not wait for it to exit, then starts nginx once it runs', () => {
    const starts = labels(t, /^StartContainer (log-shipper|nginx)$/).map((m) => m.label);
    expect(starts).toEqual(['StartContainer log-shipper', 'StartContainer nginx']);
    const started = events(t).filter((e) => e.reason === 'Started');
    expect(started.map((e) => e.fieldPath)).toEqual([
      'spec.initContainers{log-shipper}',
      'spec.containers{nginx}',
    ]);
  });

  it('kubectl get: Init:0/1, PodInitializing, then 2/2 Running; Terminating while it stops', () => {
    expect(dedupe(columns(t, 'web'))).toEqual([
      '0/2 Pending',
      '0/2 Init:0/1',
      '1/2 PodInitializing',
      '2/2 Running',
      '2/2 Terminating',
      '0/2 Completed',
    ]);
  });

  it('Initialized turns True once the sidecar has started, before nginx runs; the sidecar reports started and ready', () => {
    const init = revs.find((r) => cond(r.s, 'Initialized')?.status === 'True')!;
    expect(init.s.phase).toBe('Pending');
    expect(init.s.initContainerStatuses![0]).toMatchObject({
      name: 'log-shipper',
      started: true,
      ready: true,
      state: { running: {} },
    });
    expect(init.s.containerStatuses![0]!.state.waiting).toEqual({ reason: 'PodInitializing' });
    const before = revs.filter((r) => r.t < init.t && r.s.conditions);
    expect(cond(before[before.length - 1]!.s, 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [log-shipper]',
    });
    expect(cond(init.s, 'ContainersReady')).toMatchObject({
      status: 'False',
      message: 'containers with unready status: [nginx]',
    });
  });

  it('on delete: Killing for both, nginx stopped first, the sidecar only after it (reverse order)', () => {
    const killing = events(t).filter((e) => e.reason === 'Killing');
    expect(killing.map((e) => e.message)).toEqual([
      'Stopping container nginx',
      'Stopping container log-shipper',
    ]);
    const stops = labels(t, /^StopContainer /);
    expect(stops.map((m) => m.label)).toEqual([
      'StopContainer nginx (timeout 30s)',
      'StopContainer log-shipper (timeout 30s)',
    ]);
    const nginxStopped = labels(t, /^StopContainer: exited/)[0]!;
    expect(stops[1]!.t).toBeGreaterThan(nginxStopped.t);
  });

  it('tail as PID 1 ignores SIGTERM: SIGKILL at the deadline, exit 137; the pod ends Succeeded (exited sidecars are ignored)', () => {
    const last = revs[revs.length - 1]!.s;
    expect(last.initContainerStatuses![0]!.state.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
    });
    expect(last.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(last.phase).toBe('Succeeded');
    const kill = labels(t, /SIGKILL \(timeout 30s\)/)[0]!;
    expect(kill).toBeDefined();
  });
});

describe('sidecar with a startup probe', () => {
  // exec [true] succeeds at its first run: the kubelet waits for it before starting nginx.
  const t = run('web', sidecarSpec({ startupProbe: { exec: { command: ['true'] }, periodSeconds: 5 } }));
  const revs = revisions(t, 'web');

  it('nginx starts only after the startup probe succeeded; until then the sidecar is not started', () => {
    const probe = labels(t, /^startup probe log-shipper/)[0]!;
    const nginx = labels(t, /^StartContainer nginx$/)[0]!;
    expect(nginx.t).toBeGreaterThan(probe.t);
    const running = revs.find((r) => r.s.initContainerStatuses?.[0]?.state.running)!;
    expect(running.s.initContainerStatuses![0]).toMatchObject({ started: false, ready: false });
    expect(podColumns(running.pod).status).toBe('Init:0/1');
    const started = revs.find((r) => r.s.initContainerStatuses?.[0]?.started)!;
    expect(started.t).toBeGreaterThan(probe.t);
  });
});

describe('startup probe (nginx, nothing on 8080, period 5 s, failureThreshold 3)', () => {
  const spec = {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        startupProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5, failureThreshold: 3 },
        livenessProbe: { httpGet: { path: '/', port: 80 } },
      },
    ],
  };
  const t = run('slow', spec, { horizonMs: 40_000 });
  const ev = events(t);

  it('Unhealthy "Startup probe failed: …" three times, then Killing "Container nginx failed startup probe, will be restarted"', () => {
    const i = ev.findIndex((e) => e.reason === 'Killing');
    expect(ev.slice(i - 3, i).map((e) => e.message)).toEqual(
      Array(3).fill(
        'Startup probe failed: Get "http://10.244.2.2:8080/healthz": dial tcp 10.244.2.2:8080: connect: connection refused',
      ),
    );
    expect(ev[i]!.message).toBe('Container nginx failed startup probe, will be restarted');
    expect(labels(t, /^StopContainer nginx/)[0]!.t).toBeGreaterThanOrEqual(ev[i]!.t);
  });

  it('holds the liveness probe off: no liveness probe runs while the startup probe has not succeeded', () => {
    expect(labels(t, /^liveness probe/)).toEqual([]);
  });

  it('status: running but started false and not ready (0/1), restartCount grows', () => {
    const revs = revisions(t, 'slow');
    const running = revs.filter((r) => r.s.containerStatuses?.[0]?.state.running);
    expect(running.length).toBeGreaterThan(0);
    for (const r of running)
      expect(r.s.containerStatuses![0]).toMatchObject({ started: false, ready: false });
    expect(podColumns(running[0]!.pod)).toMatchObject({ ready: 0, total: 1, status: 'Running' });
    expect(running[running.length - 1]!.s.containerStatuses![0]!.restartCount).toBeGreaterThanOrEqual(1);
  });
});

describe('startup probe that succeeds, then liveness and readiness run', () => {
  const spec = {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        startupProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
        readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
      },
    ],
  };
  const t = run('ok', spec, { horizonMs: 30_000 });

  it('started flips to true after the first startup success; readiness runs only after that, then Ready', () => {
    const startup = labels(t, /^startup probe nginx/);
    const readiness = labels(t, /^readiness probe nginx/);
    expect(startup).toHaveLength(1);
    expect(readiness[0]!.t).toBeGreaterThan(startup[0]!.t);
    const revs = revisions(t, 'ok');
    const started = revs.find((r) => r.s.containerStatuses?.[0]?.started)!;
    expect(started.s.containerStatuses![0]!.ready).toBe(false);
    expect(revs[revs.length - 1]!.s.containerStatuses![0]).toMatchObject({ started: true, ready: true });
  });
});

describe('liveness → CrashLoopBackOff timing (kubelet-behaviour.md E8)', () => {
  // E8: "Repeated kills every 30 s lead to CrashLoopBackOff at the 5th kill, through E2." The sync that
  // kills reads the pod status from before the kill, so doBackOff sees the exit of the kill before: 30 s
  // ago, against a back-off of none, 10, 20, 40 s at kills 2–5; only 40 s > 30 s holds the restart.
  const spec = {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, failureThreshold: 3 },
      },
    ],
  };
  const t = run('unhealthy', spec, { horizonMs: 200_000 });

  it('restarts at once after kills 1–4, and shows CrashLoopBackOff only after the 5th kill', () => {
    const kills = labels(t, /^StopContainer nginx/).map((m) => m.t);
    expect(kills.length).toBeGreaterThanOrEqual(5);
    const starts = labels(t, /^StartContainer nginx$/).map((m) => m.t);
    for (let k = 0; k < 4; k++) expect(starts.some((s) => s > kills[k]! && s < kills[k]! + 1000)).toBe(true);
    expect(starts.some((s) => s > kills[4]! && s < kills[4]! + 30_000)).toBe(false);
    const revs = revisions(t, 'unhealthy');
    const clb = revs.find((r) => r.s.containerStatuses?.[0]?.state.waiting?.reason === 'CrashLoopBackOff')!;
    expect(clb.t).toBeGreaterThan(kills[4]!);
    expect(clb.s.containerStatuses![0]!.state.waiting!.message).toMatch(
      /^back-off 40s restarting failed container=nginx pod=unhealthy_default\(/,
    );
  });
});

describe('graceful delete with a preStop hook (kubelet-behaviour.md E6)', () => {
  // E6: "preStop sleep 5 s + a process that ignores SIGTERM + grace 30 → SIGKILL exactly 30 s after Killing."
  const spec = {
    containers: [
      {
        name: 'app',
        image: 'busybox',
        command: ['sleep', '3600'],
        lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } },
      },
    ],
  };
  const t = run('stopper', spec, { del: true });

  it('Killing first, the hook through CRI ExecSync, then StopContainer with 30 − 5 = 25 s, SIGKILL 30 s after Killing', () => {
    const killing = events(t).find((e) => e.reason === 'Killing')!;
    expect(killing.message).toBe('Stopping container app');
    const exec = labels(t, /^ExecSync app/)[0]!;
    expect(exec.label).toBe('ExecSync app ["sh","-c","sleep 5"] (preStop)');
    const stop = labels(t, /^StopContainer app/)[0]!;
    expect(stop.label).toBe('StopContainer app (timeout 25s)');
    expect(stop.t - killing.t).toBeGreaterThanOrEqual(5000);
    const sigkill = labels(t, /SIGKILL \(timeout 25s\)/)[0]!;
    const killed = t.messages.find(
      (m) => m.t > sigkill.t && /^runc kill/.test(m.label) === false && m.label.includes('exited 137'),
    );
    expect(killed).toBeDefined();
    expect(Math.round((killed!.t - killing.t) / 1000)).toBe(30);
  });

  it('exit 137, phase Failed before the object goes; the kubelet DELETEs with grace 0; the sandbox is removed a minute later', () => {
    const revs = revisions(t, 'stopper');
    const last = revs[revs.length - 1]!.s;
    expect(last.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(last.phase).toBe('Failed');
    const order = [
      /^StopContainer app/,
      /^StopPodSandbox$/,
      /^DELETE \/api\/v1\/namespaces\/default\/pods\/stopper \(grace 0\)$/,
      /^RemovePodSandbox \(GC\)$/,
    ].map((re) => labels(t, re)[0]!.t);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(order[3]! - order[2]!).toBeGreaterThanOrEqual(59_000);
  });
});

describe('a failing preStop hook', () => {
  const hook = (preStop: Record<string, unknown>) => ({
    containers: [{ name: 'nginx', image: 'nginx:1.27', lifecycle: { preStop } }],
  });

  it('httpGet to a port nothing listens on: FailedPreStopHook "PreStopHook failed", and termination goes on', () => {
    const t = run('hook', hook({ httpGet: { path: '/drain', port: 9090 } }), { del: true });
    const ev = events(t).map((e) => `${e.reason}: ${e.message}`);
    const i = ev.indexOf('Killing: Stopping container nginx');
    expect(ev[i + 1]).toBe('FailedPreStopHook: PreStopHook failed');
    expect(labels(t, /^StopContainer nginx \(timeout 30s\)$/)).toHaveLength(1);
  });

  it('httpGet that gets a 404 is not a failure (the hook checks no status code)', () => {
    const t = run('hook', hook({ httpGet: { path: '/drain', port: 80 } }), { del: true });
    expect(events(t).some((e) => e.reason === 'FailedPreStopHook')).toBe(false);
  });

  it('exec that exits 1 fails the hook', () => {
    const t = run('hook', hook({ exec: { command: ['sh', '-c', 'exit 1'] } }), { del: true });
    expect(events(t).filter((e) => e.reason === 'FailedPreStopHook')).toHaveLength(1);
  });

  it('a sleep action waits its seconds and takes them off the grace period', () => {
    const t = run('hook', hook({ sleep: { seconds: 7 } }), { del: true });
    expect(labels(t, /^StopContainer nginx/)[0]!.label).toBe('StopContainer nginx (timeout 23s)');
  });

  it('a hook that outlasts the grace period: the kubelet stops waiting at the deadline and stops with the 2 s floor', () => {
    const spec = {
      terminationGracePeriodSeconds: 10,
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 60'] } } },
        },
      ],
    };
    const t = run('hook', spec, { del: true });
    const killing = events(t).find((e) => e.reason === 'Killing')!;
    const stop = labels(t, /^StopContainer nginx/)[0]!;
    expect(stop.label).toBe('StopContainer nginx (timeout 2s)');
    expect(Math.round((stop.t - killing.t) / 1000)).toBe(10);
    expect(labels(t, /^DELETE \/api\/v1\/namespaces\/default\/pods\/hook \(grace 0\)$/)).toHaveLength(1);
    expect(labels(t, /^RemovePodSandbox \(GC\)$/)).toHaveLength(1);
  });
});
