import { describe, expect, it } from 'vitest';
import { conmonMachine } from './conmonMachine';
import { runAlone } from '../../testing/harness';
import { testNote, type Of } from '../../testing/events';
import { getPreset, parseScenario } from '../../../scenario';
import { simulate } from '../../cluster/simulate';
import { lanesOf, type Trace } from '../../trace/types';

const CRIO = 'crio:worker-2';

function conmon() {
  return runAlone(conmonMachine, {
    systemId: 'conmon:worker-2/c1',
    peers: [CRIO, 'runc:c1'],
    input: () => ({ node: 'worker-2', containerId: 'c1', crio: CRIO }),
  });
}

const created: Of<'oci.state'> = {
  type: 'oci.state',
  note: testNote(12),
  containerId: 'c1',
  status: 'created',
};

describe('conmon', () => {
  it('runs runc create for its container (idle → creating)', () => {
    const h = conmon();
    h.send({ type: 'conmon.spawn', note: testNote(12), containerId: 'c1', name: 'nginx' });
    expect(h.snapshot().value).toBe('creating');
    h.flush();
    const cmd = h.to('runc:c1')[0] as Of<'oci.command'>;
    expect([cmd.command, cmd.note.label]).toEqual(['create', 'runc create c1 (nginx)']);
  });

  it('passes the created container to CRI-O over its sync pipe (creating → monitoring)', () => {
    const h = conmon();
    h.send({ type: 'conmon.spawn', note: testNote(12), containerId: 'c1', name: 'nginx' });
    h.send(created);
    h.flush();
    expect(h.snapshot().value).toBe('monitoring');
    expect((h.to(CRIO)[0] as Of<'oci.state'>).status).toBe('created');
  });

  it('writes the exit file when the process exits (monitoring → exited)', () => {
    const h = conmon();
    h.send({ type: 'conmon.spawn', note: testNote(12), containerId: 'c1', name: 'nginx' });
    h.send(created);
    h.send({ type: 'task.exit', note: testNote(14), containerId: 'c1', exitCode: 137, oom: false });
    h.flush();
    expect(h.snapshot().value).toBe('exited');
    const exit = h.to(CRIO)[1] as Of<'task.exit'>;
    expect([exit.type, exit.exitCode, exit.note.label]).toEqual([
      'task.exit',
      137,
      'exit file /var/run/crio/exits/c1…: 137',
    ]);
  });
});

describe('a node running CRI-O', () => {
  const parsed = parseScenario(getPreset('cri-o')!.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const trace: Trace = simulate(parsed.scenario);

  it('reports cri-o:// as its runtime, and the kubelet writes cri-o:// container IDs', () => {
    const node = parsed.scenario.cluster.find((o) => o.kind === 'Node');
    expect(
      (node?.status as { nodeInfo: { containerRuntimeVersion: string } }).nodeInfo.containerRuntimeVersion,
    ).toBe('cri-o://1.37.0');
    const pod = [...trace.objects]
      .reverse()
      .find((o) => o.key === '/registry/pods/default/nginx' && o.object)?.object;
    const ids = (
      (pod?.status as { containerStatuses?: { containerID?: string }[] }).containerStatuses ?? []
    ).map((c) => c.containerID);
    expect(ids.every((id) => id?.startsWith('cri-o://'))).toBe(true);
  });

  it('draws cri-o and conmon instead of containerd', () => {
    const lanes = lanesOf(trace);
    expect(lanes).toEqual(expect.arrayContaining(['cri-o', 'conmon', 'runc']));
    expect(lanes).not.toContain('containerd');
  });

  it('pins the namespaces with pinns and creates each container through its conmon', () => {
    const labels = trace.messages.filter((m) => m.from === 'cri-o').map((m) => m.label);
    expect(labels.some((l) => l.startsWith('pinns '))).toBe(true);
    const conmons = labels.filter((l) => l.startsWith('conmon -c')).map((l) => /\((\w+)\)$/.exec(l)?.[1]);
    expect(conmons).toEqual(['pause', 'nginx']);
    expect(
      trace.messages.some((m) => m.from === 'conmon' && m.to === 'cri-o' && m.label.startsWith('exit file')),
    ).toBe(true);
  });
});
