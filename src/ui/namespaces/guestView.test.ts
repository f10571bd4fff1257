// A Kata pod's namespaces are the guest kernel's: the panel shows the guest's, not node inodes.
import { describe, expect, it } from 'vitest';
import { getPreset, parseScenario } from '../../scenario';
import { simulate } from '../../sim/cluster/simulate';
import { namespacesAt, sharing } from './viewModel';

const parsed = parseScenario(getPreset('kata')?.text ?? '');
if (!parsed.ok) throw new Error(parsed.error.message);
const trace = simulate(parsed.scenario);
const nginxExec = trace.messages.find(
  (m) => m.from === 'guest kernel' && m.label.startsWith('execve: nginx'),
)!;

describe('namespacesAt for a Kata pod', () => {
  it('lists the guest kernel’s pause and nginx, marked as in the VM', () => {
    const view = namespacesAt(trace, nginxExec.seq, 'worker-2');
    expect(view.vm).toMatch(/^[0-9a-f]{64}$/);
    expect(view.processes.map((p) => p.name)).toEqual(['pause', 'nginx']);
  });

  it('has nginx share the sandbox’s ipc and uts, the guest’s net, and its own mnt, pid and cgroup', () => {
    const view = namespacesAt(trace, nginxExec.seq, 'worker-2');
    const app = view.processes[1]!;
    for (const ns of ['ipc', 'uts'] as const) expect(sharing(view, app, ns)).toBe('pause');
    for (const ns of ['mnt', 'pid', 'cgroup'] as const) expect(sharing(view, app, ns)).toBe('own');
    expect(sharing(view, app, 'net')).toBe('host');
  });

  it('shows nothing for another node, and nothing before the agent creates the pause container', () => {
    expect(namespacesAt(trace, nginxExec.seq, 'worker-1').processes).toEqual([]);
    expect(namespacesAt(trace, 60, 'worker-2').processes).toEqual([]);
  });

  it('leaves a runc pod as before (vm null)', () => {
    const def = simulate(parseOrThrow(getPreset('cri-o')?.text ?? ''));
    expect(namespacesAt(def, def.messages.length, null).vm).toBeNull();
  });
});

function parseOrThrow(text: string) {
  const p = parseScenario(text);
  if (!p.ok) throw new Error(p.error.message);
  return p.scenario;
}
