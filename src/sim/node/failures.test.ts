// Whole runs of the failure scenarios: statuses, events and timings as kubelet-behaviour.md E1–E10 says.
import { describe, expect, it } from 'vitest';
import { defaultCluster } from '../../scenario';
import { simulate } from '../cluster/simulate';
import type { Scenario } from '../scenario';
import type { Trace } from '../trace/types';

type Status = { phase?: string; containerStatuses?: Cs[]; initContainerStatuses?: Cs[] };
type Waiting = { reason?: string; message?: string };
type Cs = {
  restartCount: number;
  state: Record<string, Record<string, unknown>>;
  lastState: Record<string, Record<string, unknown>>;
};

function run(name: string, spec: Record<string, unknown>, horizonMs = 600_000): Trace {
  const scenario: Scenario = {
    name,
    cluster: defaultCluster(),
    manifests: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec }],
    actions: [{ kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply', '-f', 'pod.yaml'] }],
    options: { horizonMs },
    seed: 1,
  };
  return simulate(scenario);
}

/** Every stored revision of the pod's status, with its time. */
function statuses(t: Trace, name: string): { t: number; s: Status }[] {
  return t.objects
    .filter((o) => o.key === `/registry/pods/default/${name}` && o.object)
    .map((o) => ({ t: o.t, s: (o.object as { status?: Status }).status ?? {} }));
}

/** What the kubelet sent about events: reason, message, POST or PATCH (with count), time. */
function kubeletEvents(
  t: Trace,
): { t: number; verb: string; reason: string; message: string; count: number }[] {
  return t.messages
    .filter((m) => m.from === 'kubelet' && /^(POST|PATCH) event /.test(m.label))
    .map((m) => {
      const body = m.detail.body as { reason?: string; message?: string; count?: number };
      const reason = body.reason ?? m.label.replace(/^PATCH event (\S+).*$/, '$1');
      return {
        t: m.t,
        verb: m.label.slice(0, m.label.indexOf(' ')),
        reason,
        message: body.message ?? '',
        count: body.count ?? 1,
      };
    });
}

const waitingReasons = (t: Trace, name: string) =>
  statuses(t, name)
    .map((x) => x.s.containerStatuses?.[0]?.state.waiting?.reason)
    .filter(Boolean);

describe('CrashLoopBackOff (busybox sh -c "exit 1", restartPolicy Always)', () => {
  const t = run('crasher', {
    containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'exit 1'] }],
  });
  const st = statuses(t, 'crasher');
  const uid = String(
    (
      t.objects.find((o) => o.key === '/registry/pods/default/crasher' && o.object)?.object as {
        metadata?: { uid?: string };
      } | null
    )?.metadata?.uid ?? '',
  );

  it('shows terminated Error right after an exit, then waiting CrashLoopBackOff with the Go-duration message', () => {
    const states = st.map((x) => x.s.containerStatuses?.[0]?.state ?? {});
    expect(states.some((s) => s.terminated?.reason === 'Error')).toBe(true);
    const msgs = states
      .map((s) => (s.waiting as Waiting | undefined)?.message ?? '')
      .filter((m) => m.startsWith('back-off'));
    expect(msgs[0]).toBe(`back-off 10s restarting failed container=app pod=crasher_default(${uid})`);
    expect(new Set(msgs.map((m) => m.split(' ')[1]))).toEqual(
      new Set(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']),
    );
  });

  it('keeps phase Running, counts restarts and keeps the last exit as lastState.terminated', () => {
    const last = st.at(-1)!.s;
    expect(last.phase).toBe('Running');
    const cs = last.containerStatuses![0]!;
    expect(cs.restartCount).toBeGreaterThanOrEqual(5);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('restarts at once after the first exit and no earlier than 10, 20, 40 s after the following ones', () => {
    // A restart begins with the sync's ImageStatus; an exit is the kernel's report of it.
    const starts = t.messages.filter((m) => m.label === 'ImageStatus busybox').map((m) => m.t);
    const exits = t.messages.filter((m) => m.label.startsWith('process exited')).map((m) => m.t);
    expect(starts[1]! - exits[0]!).toBeLessThan(1500);
    [10, 20, 40].forEach((b, i) => {
      const gap = starts[i + 2]! - exits[i + 1]!;
      expect(gap).toBeGreaterThanOrEqual(b * 1000);
      expect(gap).toBeLessThanOrEqual(b * 1500);
    });
  });

  it('merges the repeated BackOff warnings into one Event that is patched with a growing count', () => {
    const backoff = kubeletEvents(t).filter((e) => e.reason === 'BackOff');
    expect(backoff[0]).toMatchObject({
      verb: 'POST',
      message: `Back-off restarting failed container app in pod crasher_default(${uid})`,
    });
    expect(backoff.slice(1).every((e) => e.verb === 'PATCH')).toBe(true);
    expect(backoff.map((e) => e.count)).toEqual(backoff.map((_, i) => i + 1));
  });
});

describe('ErrImagePull then ImagePullBackOff (nginx:nope)', () => {
  const t = run('nope', { containers: [{ name: 'nginx', image: 'nginx:nope' }] }, 120_000);
  const err =
    'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found';

  it('emits Pulling, Failed with the pull error and Failed "Error: ErrImagePull" for each real attempt', () => {
    const ev = kubeletEvents(t);
    expect(ev.slice(0, 3).map((e) => [e.reason, e.message])).toEqual([
      ['Pulling', 'Pulling image "nginx:nope"'],
      ['Failed', `Failed to pull image "nginx:nope": ${err}`],
      ['Failed', 'Error: ErrImagePull'],
    ]);
  });

  it('emits BackOff "Back-off pulling image" and "Error: ImagePullBackOff" inside the window', () => {
    const ev = kubeletEvents(t).map((e) => e.message);
    expect(ev).toContain('Back-off pulling image "nginx:nope"');
    expect(ev).toContain('Error: ImagePullBackOff');
  });

  it('alternates the waiting reasons ErrImagePull and ImagePullBackOff with the upstream messages, phase Pending and no restarts', () => {
    expect(new Set(waitingReasons(t, 'nope'))).toEqual(
      new Set(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']),
    );
    const backoff = statuses(t, 'nope').find(
      (x) => x.s.containerStatuses?.[0]?.state.waiting?.reason === 'ImagePullBackOff',
    );
    expect(backoff?.s.containerStatuses?.[0]?.state.waiting?.message).toBe(
      `Back-off pulling image "nginx:nope": ErrImagePull: ${err}`,
    );
    expect(
      statuses(t, 'nope').every(
        (x) => x.s.phase === 'Pending' && (x.s.containerStatuses?.[0]?.restartCount ?? 0) === 0,
      ),
    ).toBe(true);
  });

  it('spaces real pull attempts at least 10 then 20 s after the previous failure', () => {
    const pulls = t.messages.filter((m) => m.label.startsWith('PullImage nginx')).map((m) => m.t);
    const fails = t.messages.filter((m) => m.label === 'PullImage: not found').map((m) => m.t);
    expect(pulls[1]! - fails[0]!).toBeGreaterThanOrEqual(10_000);
    expect(pulls[2]! - fails[1]!).toBeGreaterThanOrEqual(20_000);
  });
});

describe('other failures', () => {
  it('OOM-kills stress above its memory limit: terminated OOMKilled with exit code 137', () => {
    const t = run(
      'oom',
      {
        containers: [
          {
            name: 'app',
            image: 'polinux/stress',
            command: ['stress'],
            args: ['--vm', '1', '--vm-bytes', '250M'],
            resources: { limits: { memory: '100Mi' } },
          },
        ],
      },
      30_000,
    );
    const term = statuses(t, 'oom')
      .map((x) => x.s.containerStatuses?.[0]?.state.terminated)
      .find(Boolean);
    expect(term).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('runs a failing init container again with back-off (Init:Error, Init:CrashLoopBackOff) and never starts the app', () => {
    const t = run(
      'init',
      {
        initContainers: [{ name: 'setup', image: 'busybox', command: ['sh', '-c', 'exit 2'] }],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      },
      60_000,
    );
    const init = statuses(t, 'init').map((x) => x.s.initContainerStatuses?.[0]?.state ?? {});
    expect(init.some((s) => s.terminated?.reason === 'Error')).toBe(true);
    expect(init.some((s) => s.waiting?.reason === 'CrashLoopBackOff')).toBe(true);
    expect(waitingReasons(t, 'init').every((r) => r === 'PodInitializing')).toBe(true);
    expect(t.messages.some((m) => m.label === 'CreateContainer app')).toBe(false);
  });

  it('ends a restartPolicy Never pod whose container exits 0 as Succeeded with reason Completed, after stopping the sandbox', () => {
    const t = run(
      'done',
      {
        restartPolicy: 'Never',
        containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 2'] }],
      },
      60_000,
    );
    const st = statuses(t, 'done');
    const last = st.at(-1)!.s;
    expect(last.phase).toBe('Succeeded');
    expect(last.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const stopAt = t.messages.find((m) => m.label === 'StopPodSandbox')!.t;
    expect(st.filter((x) => x.s.phase === 'Succeeded').every((x) => x.t > stopAt)).toBe(true);
  });

  it('reports InvalidImageName with the kubelet text and an InspectFailed event', () => {
    const t = run('inv', { containers: [{ name: 'app', image: 'busyBOX' }] }, 30_000);
    expect(waitingReasons(t, 'inv')).toContain('InvalidImageName');
    expect(kubeletEvents(t).map((e) => e.reason)).toEqual(
      expect.arrayContaining(['InspectFailed', 'Failed']),
    );
  });

  it('reports ErrImageNeverPull for a missing image under imagePullPolicy Never', () => {
    const t = run('np', { containers: [{ name: 'app', image: 'redis', imagePullPolicy: 'Never' }] }, 30_000);
    const ev = kubeletEvents(t).find((e) => e.reason === 'ErrImageNeverPull');
    expect(ev?.message).toBe('Container image "redis" is not present with pull policy of Never');
    expect(waitingReasons(t, 'np')).toContain('ErrImageNeverPull');
  });
});
