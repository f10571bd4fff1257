import { describe, expect, it } from 'vitest';
import { kataShimMachine } from './kataShimMachine';
import { guestKernelMachine } from './guestKernelMachine';
import { runAlone } from '../../testing/harness';
import { kernelResult, ociCommand, testNote, type Of } from '../../testing/events';
import { getPreset, parseScenario } from '../../../scenario';
import { simulate } from '../../cluster/simulate';
import type { Trace } from '../../trace/types';
import { lanesOf } from '../../trace/types';
import type { KataBundle } from './vmMessages';

const SB = 'sb1';
const pauseBundle: KataBundle = {
  name: 'pause',
  unshare: ['pid', 'ipc', 'uts', 'mnt'],
  join: {},
  behaviour: { exit: null, onStopSignal: 0, summary: '/pause' },
};

function kataTrace(): Trace {
  const parsed = parseScenario(getPreset('kata')!.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

/** Each actor's states in order, as the trace recorded them. */
function statesOf(trace: Trace, prefix: string): string[] {
  const out: string[] = [];
  for (const s of trace.states) if (s.actor.startsWith(prefix) && out.at(-1) !== s.state) out.push(s.state);
  return out;
}

describe('containerd-shim-kata-v2 alone', () => {
  function shim() {
    return runAlone(kataShimMachine, {
      systemId: `kata-shim:${SB}`,
      peers: ['containerd:worker-2', 'kernel:worker-2'],
      input: () => ({ node: 'worker-2', sandboxId: SB, owner: 'containerd:worker-2' }),
    });
  }

  it('launches the hypervisor on the sandbox Create and waits for kata-agent (idle → booting)', () => {
    const h = shim();
    expect(h.snapshot().value).toBe('idle');
    h.send({ ...ociCommand('create'), containerId: SB, bundle: pauseBundle });
    expect(h.snapshot().value).toBe('booting');
  });

  it('creates the tap device once its VM has booted kata-agent (booting → wiring)', () => {
    // The shim's children are the real qemu, guest kernel and agent: the VM boots on the virtual clock.
    const h = shim();
    h.send({ ...ociCommand('create'), containerId: SB, bundle: pauseBundle });
    h.flush();
    expect(h.snapshot().value).toBe('wiring');
    const calls = (h.to('kernel:worker-2') as Of<'kernel.call'>[]).map((e) => e.call.op);
    expect(calls).toEqual(['tap.create']);
    h.send(kernelResult({ ip: '10.244.2.2', prefix: '24', gateway: '10.244.2.1' }));
    expect(h.snapshot().context.network).toEqual({ ip: '10.244.2.2', prefix: '24', gateway: '10.244.2.1' });
  });

  it('answers containerd "created" when the agent has created the pause container (wiring → running)', () => {
    const h = shim();
    h.send({ ...ociCommand('create'), containerId: SB, bundle: pauseBundle });
    h.send({ type: 'vm.result', note: testNote(12), op: 'startAgent', ok: true });
    h.send({
      type: 'vm.result',
      note: testNote(12),
      op: 'CreateContainer',
      containerId: SB,
      ok: true,
      data: { namespaces: { ipc: 1 } },
    });
    expect(h.snapshot().value).toBe('running');
    h.flush();
    const states = (h.to('containerd:worker-2') as Of<'oci.state'>[]).map((e) => [e.status, e.namespaces]);
    expect(states).toEqual([['created', { ipc: 1 }]]);
  });

  it('has no Checkpoint: containerd gets "not implemented"', () => {
    const h = shim();
    h.send({ ...ociCommand('create'), containerId: SB, bundle: pauseBundle });
    h.send({ type: 'vm.result', note: testNote(12), op: 'startAgent', ok: true });
    h.send({ type: 'vm.result', note: testNote(12), op: 'CreateContainer', containerId: SB, ok: true });
    h.send({ ...ociCommand('checkpoint'), containerId: 'c1', replyTo: 'containerd:worker-2' });
    h.flush();
    const errors = h.to('containerd:worker-2').flatMap((e) => (e.type === 'oci.error' ? [e.error] : []));
    expect(errors).toEqual(['not implemented']);
  });
});

describe('the guest kernel', () => {
  function guest() {
    const h = runAlone(guestKernelMachine, {
      systemId: `guest-kernel:${SB}`,
      peers: [`kata-agent:${SB}`, 'agent'],
      input: () => ({ sandboxId: SB }),
    });
    h.send({ type: 'vm.call', note: testNote(12), op: 'boot', replyTo: 'agent' });
    h.flush();
    return h;
  }
  const call = (op: Of<'vm.call'>['op'], data: Record<string, unknown>): Of<'vm.call'> => ({
    type: 'vm.call',
    note: testNote(12),
    op,
    containerId: 'c1',
    data,
    replyTo: 'agent',
  });

  it('boots and starts kata-agent (off → running)', () => {
    const h = guest();
    expect(h.snapshot().value).toBe('running');
    expect((h.to(`kata-agent:${SB}`)[0] as Of<'vm.call'>).op).toBe('startAgent');
  });

  it('lets PID 1 without a handler ignore SIGTERM, and kills it with SIGKILL (exit 137)', () => {
    const h = guest();
    const sleeper = { exit: null, onStopSignal: null, summary: 'sleep 3600' };
    h.send(call('clone', { bundle: { name: 'sh', unshare: ['mnt'], join: {}, behaviour: sleeper } }));
    h.send(call('exec', { behaviour: sleeper }));
    h.send(call('signal', { signal: 15 }));
    h.send(call('signal', { signal: 9 }));
    h.flush();
    const results = (h.to('agent') as Of<'vm.result'>[])
      .filter((e) => e.op === 'signal')
      .map((e) => e.data?.exited);
    expect(results).toEqual([false, true]);
    const exit = h.to(`kata-agent:${SB}`).find((e) => e.type === 'process.exit') as Of<'process.exit'>;
    expect(exit.exitCode).toBe(137);
  });
});

describe('a Kata pod from start to end', () => {
  const trace = kataTrace();

  it('draws the Kata lanes, and still the runc lane for the pods runc runs', () => {
    expect(lanesOf(trace)).toEqual(
      expect.arrayContaining(['containerd-shim-kata-v2', 'qemu', 'guest kernel', 'kata-agent', 'runc']),
    );
  });

  it('takes the shim through idle, booting, wiring, running, stopping, exited', () => {
    expect(statesOf(trace, 'kata-shim:')).toEqual([
      'idle',
      'booting',
      'wiring',
      'running',
      'stopping',
      'exited',
    ]);
    expect(statesOf(trace, 'qemu:')).toEqual(['off', 'running', 'exited']);
    expect(statesOf(trace, 'kata-agent:')).toEqual(['starting', 'serving', 'destroyed']);
  });

  it('sends the RuntimeClass handler with RunPodSandbox and counts the overhead', () => {
    expect(trace.messages.some((m) => m.label === 'RunPodSandbox (runtime handler kata)')).toBe(true);
    const pod = trace.objects.find((o) => o.key === '/registry/pods/default/nginx-kata' && o.object)?.object;
    expect((pod?.spec as { overhead?: unknown }).overhead).toEqual({ cpu: '250m', memory: '160Mi' });
  });

  it('runs no runc for the Kata pod: its containers are created by kata-agent inside the VM', () => {
    expect(trace.messages.filter((m) => m.pod === 'default/nginx-kata' && m.to === 'runc')).toEqual([]);
    const creates = trace.messages.filter(
      (m) => m.to === 'kata-agent' && m.label.startsWith('CreateContainer'),
    );
    expect(creates.map((m) => /\((\w+)\)$/.exec(m.label)?.[1])).toEqual(['pause', 'nginx']);
  });
});
