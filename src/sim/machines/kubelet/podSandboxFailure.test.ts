// A RuntimeClass handler the node's containerd has no runtime for: FailedCreatePodSandBox, retries
// with the pod worker's back-off, and a pod left Pending in ContainerCreating.
import { describe, expect, it } from 'vitest';
import { getPreset, parseScenario } from '../../../scenario';
import { simulate } from '../../cluster/simulate';
import type { Trace } from '../../trace/types';

function run(): Trace {
  const parsed = parseScenario(getPreset('runtime-handler-missing')?.text ?? '');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

describe('RunPodSandbox with a handler containerd does not know', () => {
  const t = run();
  const failures = t.messages
    .filter((m) => m.from === 'kubelet' && m.label === 'POST event FailedCreatePodSandBox')
    .map((m) => ({ t: m.t, body: m.detail.body as { type?: string; message?: string } }));
  const last = t.objects.filter((o) => o.key === '/registry/pods/default/nginx-gvisor' && o.object).at(-1);
  const status = (last?.object as { status?: Record<string, unknown> }).status ?? {};

  it('records a Warning FailedCreatePodSandBox with containerd’s error wrapped as gRPC Unknown', () => {
    expect(failures[0]?.body.type).toBe('Warning');
    expect(failures[0]?.body.message).toMatch(
      /^Failed to create pod sandbox: rpc error: code = Unknown desc = unable to get OCI runtime for sandbox "[0-9a-f]{64}": no runtime for "runsc" is configured$/,
    );
  });

  it('tries again after the pod worker back-off of 10 s with jitter 0.5', () => {
    expect(failures.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < failures.length; i++) {
      const gap = failures[i]!.t - failures[i - 1]!.t;
      expect(gap).toBeGreaterThanOrEqual(10_000);
      expect(gap).toBeLessThanOrEqual(15_100);
    }
  });

  it('leaves the pod Pending, its container waiting in ContainerCreating, and never runs runc', () => {
    expect(status.phase).toBe('Pending');
    const cs = (status.containerStatuses as { state: { waiting?: { reason?: string } } }[])[0];
    expect(cs?.state.waiting?.reason).toBe('ContainerCreating');
    expect(t.messages.some((m) => m.label.startsWith('CreateContainer'))).toBe(false);
    expect(t.messages.some((m) => m.to === 'runc' || m.from === 'runc')).toBe(false);
  });
});

describe('deleting a pod whose sandbox never started', () => {
  const text = (getPreset('runtime-handler-missing')?.text ?? '').replace(
    '  horizon: 1m\n',
    '  horizon: 2m\n  actions:\n  - at: 0s\n    kubectl: apply -f pod.yaml\n  - at: 20s\n    kubectl: delete pod nginx-gvisor\n',
  );
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const t = simulate(parsed.scenario);

  it('stops retrying, sends the final DELETE and asks the runtime for nothing more', () => {
    const after = t.messages.filter((m) => m.t > 20_000);
    expect(after.some((m) => m.label.startsWith('RunPodSandbox'))).toBe(false);
    expect(after.some((m) => m.label.includes('(grace 0)'))).toBe(true);
    expect(after.some((m) => m.to === 'containerd')).toBe(false);
    expect(t.end.reason).toBe('idle');
  });
});
