import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { NODE_OPTIONS_PRESETS } from './nodeOptionsPresets';
import { simulate } from '../sim/cluster/simulate';
import { HOST_NAMESPACES } from '../sim/machines/kernel/kernelState';
import { namespacesAt } from '../ui/namespaces/viewModel';
import type { Trace } from '../sim/trace/types';
import type { Pod } from '../sim/k8s/pod';
import { podReadyColumn } from '../sim/kubectl/podColumns';

function run(id: string): Trace {
  const parsed = parseScenario(NODE_OPTIONS_PRESETS.find((p) => p.id === id)!.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}
const lastStatus = (t: Trace) =>
  [...t.objects].reverse().find((o) => o.key.startsWith('/registry/pods/default/') && o.object)?.object as {
    status: {
      podIP?: string;
      hostIP?: string;
      containerStatuses: { ready: boolean; restartCount: number }[];
    };
  };
const events = (t: Trace) =>
  t.messages
    .filter((m) => m.label.startsWith('POST event'))
    .map((m) => (m.detail.body as { reason: string; message: string }).message);

describe('node option presets', () => {
  it('hostNetwork: no netns, no CNI ADD, pause and nginx in the node net and uts namespaces, pod IP = node IP', () => {
    const t = run('host-network');
    expect(t.messages.some((m) => m.label.startsWith('CNI ADD') || m.label.includes('pin netns'))).toBe(
      false,
    );
    const view = namespacesAt(t, t.messages.length, null);
    expect(view.processes.map((p) => p.name)).toEqual(['pause', 'nginx']);
    for (const p of view.processes) {
      expect(p.namespaces.net).toBe(HOST_NAMESPACES.net);
      expect(p.namespaces.uts).toBe(HOST_NAMESPACES.uts);
    }
    const s = lastStatus(t).status;
    expect(s.podIP).toBe(s.hostIP);
  });

  it('shareProcessNamespace: both containers are in the pause container’s pid namespace', () => {
    const view = namespacesAt(run('share-process-namespace'), Infinity, null);
    const [pause, ...apps] = view.processes;
    expect(apps).toHaveLength(2);
    for (const p of apps) expect(p.namespaces.pid).toBe(pause!.namespaces.pid);
    expect(pause!.namespaces.pid).not.toBe(HOST_NAMESPACES.pid);
    expect(apps[0]!.namespaces.mnt).not.toBe(apps[1]!.namespaces.mnt);
  });

  it('a failing readiness probe: Running, never Ready, Unhealthy with the prober’s text, no restart', () => {
    const t = run('readiness-probe-fails');
    expect(events(t)).toContain('Readiness probe failed: HTTP probe failed with statuscode: 404');
    const cs = lastStatus(t).status.containerStatuses[0]!;
    expect(cs).toMatchObject({ ready: false, restartCount: 0 });
  });

  it('a failing liveness probe: connection refused, Killing, a restart', () => {
    const t = run('liveness-probe-fails');
    const ev = events(t);
    expect(ev[ev.indexOf('Container nginx failed liveness probe, will be restarted') - 1]).toMatch(
      /^Liveness probe failed: Get "http:\/\/10\.244\.\d+\.\d+:8080\/healthz": dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$/,
    );
    expect(ev).toContain('Container nginx failed liveness probe, will be restarted');
    expect(lastStatus(t).status.containerStatuses[0]!.restartCount).toBeGreaterThanOrEqual(1);
  });

  it('native sidecar: log-shipper starts before nginx, both run (READY 2/2), and it stops after nginx', () => {
    const t = run('native-sidecar');
    const starts = t.messages.filter((m) => /^StartContainer /.test(m.label)).map((m) => m.label);
    expect(starts).toEqual(['StartContainer log-shipper', 'StartContainer nginx']);
    const running = [...t.objects]
      .filter((o) => o.key === '/registry/pods/default/web' && o.object)
      .map((o) => o.object as Pod)
      .find((p) => p.status?.phase === 'Running');
    expect(podReadyColumn(running!)).toBe('2/2');
    const stops = t.messages.filter((m) => /^StopContainer /.test(m.label)).map((m) => m.label);
    expect(stops).toEqual(['StopContainer nginx (timeout 30s)', 'StopContainer log-shipper (timeout 30s)']);
  });

  it('startup probe fails: Startup probe failed three times, then the kill message, and no liveness probe', () => {
    const t = run('startup-probe-fails');
    const ev = events(t);
    expect(ev[ev.indexOf('Container nginx failed startup probe, will be restarted') - 1]).toMatch(
      /^Startup probe failed: Get "http:\/\/10\.244\.\d+\.\d+:8080\/healthz": dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$/,
    );
    expect(t.messages.some((m) => m.label.startsWith('liveness probe'))).toBe(false);
  });
});
