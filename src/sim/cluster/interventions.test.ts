import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario';
import { simulate } from './simulate';
import type { Trace, TraceMessage } from '../trace/types';
import {
  ADD_NODE,
  FREE_CAPACITY,
  KILL_THRICE,
  PAUSE_RESUME,
  PAUSE_WITH_PROBES,
} from './__fixtures__/interventions';

function run(text: string): Trace {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

type PodObj = {
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    containerStatuses?: {
      restartCount?: number;
      lastState?: { terminated?: { exitCode?: number; reason?: string } };
    }[];
  };
};

const lastPod = (t: Trace, key: string): PodObj | null =>
  [...t.objects].reverse().find((o) => o.key === key)?.object ?? null;

const eventReasons = (t: Trace, prefix: string) =>
  t.objects
    .filter((o) => o.key.startsWith(prefix) && o.object)
    .map((o) => o.object as { reason: string; message?: string; count?: number });

const find = (t: Trace, test: (m: TraceMessage) => boolean) => t.messages.filter(test);

describe('killing a container by hand (runc kill KILL on the node)', () => {
  const t = run(KILL_THRICE);
  const exits = find(t, (m) => m.label.startsWith('TaskExit') && m.detail.exitCode === 137);
  const starts = find(t, (m) => m.from === 'containerd' && m.label === 'StartContainer: ok');

  it('draws the command from the client lane to runc, as the person at the node types it', () => {
    const cmd = find(t, (m) => m.from === 'kubectl' && m.to === 'runc');
    expect(cmd).toHaveLength(3);
    expect(cmd[0]?.fromActor).toBe('operator');
    expect(String(cmd[0]?.detail.command)).toMatch(
      /^runc --root \/run\/containerd\/runc\/k8s\.io kill [0-9a-f]{64} KILL$/,
    );
  });

  it('ends each process with exit status 137, which containerd reports to the kubelet as Error', () => {
    expect(exits).toHaveLength(3);
    expect(find(t, (m) => /^CONTAINER_STOPPED_EVENT nginx: Error \(exit 137\)$/.test(m.label))).toHaveLength(
      3,
    );
  });

  it('restarts at once after the first kill, then after the 10 s and 20 s back-offs', () => {
    // Starts after the first one: each restart follows an exit.
    const delays = exits.map((e) => (starts.find((s) => s.t > e.t)?.t ?? Infinity) - e.t);
    expect(delays[0]).toBeLessThan(2_000);
    expect(delays[1]).toBeGreaterThanOrEqual(10_000);
    expect(delays[1]).toBeLessThan(16_000);
    expect(delays[2]).toBeGreaterThanOrEqual(20_000);
    expect(delays[2]).toBeLessThan(31_000);
  });

  it('counts three restarts, the last one terminated with exit code 137 (Error)', () => {
    const status = lastPod(t, '/registry/pods/default/nginx')?.status?.containerStatuses?.[0];
    expect(status?.restartCount).toBe(3);
    expect(status?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('records the kubelet’s events in order: a restart, then BackOff before each later one', () => {
    const since = exits[0]?.t ?? 0;
    const reasons = t.objects
      .filter((o) => o.t > since && o.key.startsWith('/registry/events/default/nginx.') && o.object)
      .map((o) => (o.object as { reason: string }).reason);
    const restart = ['Pulled', 'Created', 'Started'];
    expect(reasons).toEqual([...restart, 'BackOff', ...restart, 'BackOff', ...restart]);
  });

  it('records BackOff with the kubelet’s words while the container waits', () => {
    const backoff = eventReasons(t, '/registry/events/default/nginx.').filter((e) => e.reason === 'BackOff');
    expect(backoff.length).toBeGreaterThan(0);
    expect(backoff[0]?.message).toMatch(
      /^Back-off restarting failed container nginx in pod nginx_default\(.+\)$/,
    );
  });
});

describe('pausing a container by hand (runc pause)', () => {
  const t = run(PAUSE_RESUME);
  const freeze = find(t, (m) => m.label === 'write cgroup.freeze = 1');

  it('freezes the cgroup, refuses a second pause with runc’s own error, and thaws it on resume', () => {
    expect(freeze).toHaveLength(1);
    expect(find(t, (m) => m.from === 'runc' && m.to === 'kubectl').map((m) => m.label)).toEqual([
      'runc pause: container not running (exit status 1)',
    ]);
    expect(find(t, (m) => m.label === 'write cgroup.freeze = 0')).toHaveLength(1);
  });

  it('draws no kubelet reaction without probes: no restart, no status change, no event', () => {
    const after = t.messages.filter((m) => m.t > (freeze[0]?.t ?? 0) && m.from === 'kubelet');
    expect(after).toEqual([]);
    expect(lastPod(t, '/registry/pods/default/nginx')?.status?.containerStatuses?.[0]?.restartCount).toBe(0);
  });
});

describe('pausing a container whose pod has probes', () => {
  const t = run(PAUSE_WITH_PROBES);
  const events = eventReasons(t, '/registry/events/default/nginx.');

  it('fails the HTTP liveness probe with the Go client’s timeout, three times, then kills the container', () => {
    const unhealthy = events.filter((e) => e.reason === 'Unhealthy');
    expect(unhealthy.map((e) => e.message)).toEqual(
      Array(3).fill(
        'Liveness probe failed: Get "http://10.244.2.2:80/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      ),
    );
    expect(events.find((e) => e.reason === 'Killing')?.message).toBe(
      'Container nginx failed liveness probe, will be restarted',
    );
  });

  it('keeps the TCP readiness probe passing: the kernel still completes the handshake', () => {
    expect(events.some((e) => e.message?.startsWith('Readiness probe failed'))).toBe(false);
  });

  it('lets the stop signal wait in the frozen cgroup until SIGKILL at the grace period, then restarts', () => {
    expect(find(t, (m) => m.label === 'signal 3: pending (cgroup frozen)')).toHaveLength(1);
    const kill = find(t, (m) => /^runc kill \w+ SIGKILL \(timeout 5s\)$/.test(m.label));
    expect(kill).toHaveLength(1);
    expect(find(t, (m) => m.label === 'StopContainer: exited 137')).toHaveLength(1);
    expect(lastPod(t, '/registry/pods/default/nginx')?.status?.containerStatuses?.[0]?.restartCount).toBe(1);
  });
});

describe('adding a node while a pod is Pending', () => {
  const t = run(ADD_NODE);

  it('has the new kubelet register its Node, which the scheduler hears of as ADDED', () => {
    const post = find(t, (m) => m.label === 'POST /api/v1/nodes (register node worker-3)');
    expect(post[0]?.fromActor).toBe('kubelet:worker-3');
    expect(find(t, (m) => m.label === '201 Created' && m.toActor === 'kubelet:worker-3')).toHaveLength(1);
    expect(find(t, (m) => m.label === 'watch ADDED node worker-3' && m.to === 'kube-scheduler')).toHaveLength(
      1,
    );
  });

  it('moves the unschedulable pod to activeQ on NodeAdd and binds it to worker-3, where it runs', () => {
    expect(find(t, (m) => m.label.startsWith('NodeAdd: QueueingHint Queue'))).toHaveLength(1);
    const pod = lastPod(t, '/registry/pods/default/nginx');
    expect(pod?.spec?.nodeName).toBe('worker-3');
    expect(pod?.status?.phase).toBe('Running');
  });
});

describe('freeing capacity while a pod is Pending', () => {
  const t = run(FREE_CAPACITY);

  it('requeues the pod on AssignedPodDelete once the metrics agent is gone, and binds it to worker-2', () => {
    expect(find(t, (m) => m.label.startsWith('AssignedPodDelete: QueueingHint Queue')).length).toBe(1);
    expect(lastPod(t, '/registry/pods/default/big')?.spec?.nodeName).toBe('worker-2');
  });
});
