import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { DEFAULT_SCENARIO, getPreset, parseScenario } from '../../scenario';
import type { Trace, TraceMessage } from '../trace/types';
import { HOST_NAMESPACES } from '../machines/kernel/kernelState';

const POD_KEY = '/registry/pods/default/nginx';
const trace = simulate(DEFAULT_SCENARIO);

function firstOf(t: Trace, activity: number): TraceMessage {
  const m = t.messages.find((x) => x.activity === activity);
  if (!m) throw new Error(`no message for activity ${activity}`);
  return m;
}

/** Labels with every generated id (uids, container ids, veths, netns and event names) blanked out. */
function shape(t: Trace): string[] {
  return t.messages.map((m) => {
    const label = m.label
      .replace(/[0-9a-f]{8}([-_][0-9a-f]{4}){3}[-_][0-9a-f]{12}/g, '<uid>')
      .replace(/(veth|cni-)[0-9a-f]+/g, '$1<id>')
      .replace(/\b[0-9a-f]{12,64}\b/g, '<id>');
    return `${m.seq} ${m.from}>${m.to} ${label}`;
  });
}

const podRevisions = (t: Trace) => t.objects.filter((o) => o.key === POD_KEY);
const eventObjects = (t: Trace) =>
  t.objects
    .filter((o) => o.key.startsWith('/registry/events/default/nginx.') && o.object)
    .map((o) => o.object as { reason: string; message?: string; note?: string });

describe('simulate(DEFAULT_SCENARIO)', () => {
  it('numbers messages 1, 2, 3… without gaps', () => {
    expect(trace.messages.map((m) => m.seq)).toEqual(trace.messages.map((_, i) => i + 1));
  });

  it('never lets virtual time go backwards', () => {
    for (let i = 1; i < trace.messages.length; i++)
      expect(trace.messages[i]!.t).toBeGreaterThanOrEqual(trace.messages[i - 1]!.t);
  });

  it('reaches activities 1 to 15 for the first time in ascending order', () => {
    const firsts = Array.from({ length: 15 }, (_, i) => firstOf(trace, i + 1).seq);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(new Set(firsts).size).toBe(15);
  });

  it('sends the first message of each activity between the lanes the article names', () => {
    const lanes: Record<number, string> = {
      1: 'kubectl>kube-apiserver',
      2: 'kube-apiserver>kube-apiserver',
      3: 'kube-apiserver>etcd',
      4: 'kube-apiserver>kubectl',
      5: 'kube-apiserver>kube-scheduler',
      6: 'kube-scheduler>kube-scheduler',
      7: 'kube-scheduler>kube-scheduler',
      8: 'kube-scheduler>kube-scheduler',
      9: 'kube-scheduler>kube-scheduler',
      10: 'kube-scheduler>kube-scheduler',
      11: 'kube-scheduler>kube-apiserver',
      12: 'kube-apiserver>kubelet',
      13: 'containerd>kernel',
      14: 'kubelet>kube-apiserver',
      15: 'kubectl>kube-apiserver',
    };
    for (const [activity, expected] of Object.entries(lanes)) {
      const m = firstOf(trace, Number(activity));
      expect(`${m.from}>${m.to}`, `activity ${activity}`).toBe(expected);
    }
  });

  it('produces a deep-equal trace when run twice', () => {
    expect(simulate(DEFAULT_SCENARIO)).toEqual(trace);
  });

  it('produces a deep-equal trace when run twice with another seed, whose pod uid differs', () => {
    const other = { ...DEFAULT_SCENARIO, seed: DEFAULT_SCENARIO.seed + 41 };
    const a = simulate(other);
    expect(simulate(other)).toEqual(a);
    const uid = (t: Trace) => (podRevisions(t)[0]?.object?.metadata as { uid: string }).uid;
    expect(uid(a)).not.toBe(uid(trace));
  });

  it('changes only ids, not the sequence of messages, under another seed', () => {
    const other = simulate({ ...DEFAULT_SCENARIO, seed: DEFAULT_SCENARIO.seed + 41 });
    expect(other.messages.map((m) => m.fromActor)).not.toEqual(trace.messages.map((m) => m.fromActor));
    expect(shape(other)).toEqual(shape(trace));
  });

  it('binds the pod to worker-2', () => {
    const bound = podRevisions(trace).find((o) => (o.object?.spec as { nodeName?: string })?.nodeName);
    expect((bound?.object?.spec as { nodeName: string }).nodeName).toBe('worker-2');
    expect(firstOf(trace, 11).label).toBe('POST /api/v1/namespaces/default/pods/nginx/binding');
  });

  it('stores phase Running before kubectl sends the DELETE, and deletes the key at the end', () => {
    const del = trace.messages.find((m) => m.from === 'kubectl' && m.label.startsWith('DELETE '));
    const running = podRevisions(trace).find(
      (o) => (o.object?.status as { phase?: string } | undefined)?.phase === 'Running',
    );
    expect(del).toBeDefined();
    expect(running!.seq).toBeLessThan(del!.seq);
    expect(podRevisions(trace).at(-1)?.object).toBeNull();
    expect(trace.end.reason).toBe('idle');
  });

  it('records the pod events Scheduled, Pulling, Pulled, Created, Started, Killing with their 1.35 messages', () => {
    const events = eventObjects(trace);
    const pullingAt = trace.messages.find((m) => m.label === 'POST event Pulling')!.t;
    const pulledAt = trace.messages.find((m) => m.label === 'POST event Pulled')!.t;
    const pull = `${(pulledAt - pullingAt) / 1000}s`;
    expect(events.map((e) => [e.reason, e.message ?? e.note])).toEqual([
      ['Scheduled', 'Successfully assigned default/nginx to worker-2'],
      ['Pulling', 'Pulling image "nginx:1.27"'],
      [
        'Pulled',
        `Successfully pulled image "nginx:1.27" in ${pull} (${pull} including waiting). Image size: 72099410 bytes.`,
      ],
      ['Created', 'Container created'],
      ['Started', 'Container started'],
      ['Killing', 'Stopping container nginx'],
    ]);
  });

  it('prints what kubectl prints for apply and delete', () => {
    expect(trace.terminal.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'pod/nginx created'],
      ['stdout', 'pod "nginx" deleted from default namespace'],
    ]);
  });

  it('lets the app container join the pause container net, ipc and uts namespaces and own mnt, pid and cgroup', () => {
    const spawns = trace.messages
      .filter((m) => m.from === 'kernel' && m.to === 'runc' && m.label.startsWith('clone:'))
      .map((m) => m.detail.namespaces as Record<string, number>);
    expect(spawns).toHaveLength(2);
    const [pause, app] = spawns as [Record<string, number>, Record<string, number>];
    for (const ns of ['net', 'ipc', 'uts']) {
      expect(app[ns], ns).toBe(pause[ns]);
      expect(app[ns], ns).not.toBe(HOST_NAMESPACES[ns as keyof typeof HOST_NAMESPACES]);
    }
    for (const ns of ['mnt', 'pid', 'cgroup']) {
      expect(app[ns], ns).not.toBe(pause[ns]);
      expect(app[ns], ns).not.toBe(HOST_NAMESPACES[ns as keyof typeof HOST_NAMESPACES]);
    }
  });

  it('records a state delta only when an actor changes state', () => {
    const last = new Map<string, string>();
    for (const d of trace.states) {
      expect(last.get(d.actor), `${d.actor} at seq ${d.seq}`).not.toBe(d.state);
      last.set(d.actor, d.state);
    }
    expect(trace.states.length).toBeGreaterThan(0);
  });
});

describe('simulate(unschedulable-selector)', () => {
  const preset = getPreset('unschedulable-selector');
  const parsed = parseScenario(preset!.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const t = simulate(parsed.scenario);

  it('leaves the pod Pending with PodScheduled=False and the scheduler’s exact message', () => {
    const status = podRevisions(t).at(-1)?.object?.status as {
      phase: string;
      conditions: { type: string; status: string; reason?: string; message?: string }[];
    };
    expect(status.phase).toBe('Pending');
    expect(status.conditions.find((c) => c.type === 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message:
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    });
  });

  it('never binds the pod and ends at the horizon', () => {
    expect(t.messages.some((m) => m.label.endsWith('/binding'))).toBe(false);
    expect(t.end).toEqual({ t: parsed.scenario.options.horizonMs, reason: 'horizon' });
  });
});
