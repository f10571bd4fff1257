import { describe, expect, it } from 'vitest';
import { simulate } from '../../sim/cluster/simulate';
import { DEFAULT_SCENARIO } from '../../scenario';
import { namespacesAt, sharing } from './viewModel';

const trace = simulate(DEFAULT_SCENARIO);
const started = trace.messages.find(
  (m) => m.to === 'runc' && m.label.startsWith('execve') && !m.label.includes('pause'),
)!;

describe('namespacesAt', () => {
  it('shows nothing before runc creates the pause container', () => {
    expect(namespacesAt(trace, 40, 'worker-2').processes).toEqual([]);
  });

  it('has the app container join the pause container’s net, ipc and uts, with its own mnt, pid and cgroup', () => {
    const view = namespacesAt(trace, started.seq, 'worker-2');
    expect(view.processes.map((p) => p.name)).toEqual(['pause', 'nginx']);
    const app = view.processes[1]!;
    for (const ns of ['net', 'ipc', 'uts'] as const) expect(sharing(view, app, ns)).toBe('pause');
    for (const ns of ['mnt', 'pid', 'cgroup'] as const) expect(sharing(view, app, ns)).toBe('own');
    expect(sharing(view, app, 'user')).toBe('host');
    expect(sharing(view, view.processes[0]!, 'cgroup')).toBe('host');
  });

  it('names the pod’s systemd cgroup slice by QoS class', () => {
    expect(namespacesAt(trace, started.seq, 'worker-2').podCgroup).toMatch(
      /^kubepods-burstable-pod[0-9a-f_]+\.slice$/,
    );
  });
});
