import { describe, expect, it } from 'vitest';
import { runcMachine, type RuncInput } from './runcMachine';
import { runAlone } from '../../testing/harness';
import { kernelResult, ociCommand, type Of } from '../../testing/events';

const SHIM = 'containerd:worker-2';
const input: RuncInput = {
  node: 'worker-2',
  containerId: 'c1',
  owner: SHIM,
  unshare: ['mnt', 'pid', 'cgroup'],
  join: {},
  cgroup: 'kubepods-burstable-podx.slice:cri-containerd:c1',
  behaviour: { exit: null, onStopSignal: 0, summary: 'nginx' },
};

/** containerd's shim runs `runc checkpoint --leave-running` and wants the answer back. */
const checkpoint = (): Of<'oci.command'> => ({
  ...ociCommand('checkpoint'),
  imagePath: '/var/lib/containerd/c1/checkpoint',
  replyTo: SHIM,
});

function start() {
  return runAlone(runcMachine, {
    systemId: 'runc:c1',
    peers: [SHIM, 'kernel:worker-2'],
    input: () => input,
  });
}
type H = ReturnType<typeof start>;

function answer(h: H, result: Record<string, unknown>) {
  h.flush();
  h.send(kernelResult(result));
  h.flush();
}

function created(): H {
  const h = start();
  h.send(ociCommand('create'));
  answer(h, { namespaces: {} });
  return h;
}

function running(): H {
  const h = created();
  h.send(ociCommand('start'));
  h.flush();
  return h;
}

const toShim = (h: H) => h.to(SHIM);
const errors = (h: H) => toShim(h).flatMap((e) => (e.type === 'oci.error' ? [e.error] : []));

describe('runc checkpoint', () => {
  it('has CRIU dump a running container and leaves it running (checkpointing → running)', () => {
    const h = running();
    h.send(checkpoint());
    expect(h.snapshot().value).toBe('checkpointing');
    h.flush();
    const dump = (h.to('kernel:worker-2') as Of<'kernel.call'>[])
      .map((e) => e.call)
      .find((c) => c.op === 'criu.dump');
    expect(dump).toEqual({
      op: 'criu.dump',
      containerId: 'c1',
      imagePath: '/var/lib/containerd/c1/checkpoint',
      leaveRunning: true,
    });
    answer(h, { dumped: true });
    expect(h.snapshot().value).toBe('running');
    const last = toShim(h).at(-1) as Of<'oci.state'>;
    expect([last.type, last.status]).toEqual(['oci.state', 'running']);
  });

  it('checkpoints a paused container and leaves it paused', () => {
    const h = running();
    h.send({ ...ociCommand('pause'), replyTo: 'operator' });
    answer(h, { frozen: true });
    h.send(checkpoint());
    expect(h.snapshot().value).toBe('checkpointingPaused');
    answer(h, { dumped: true });
    expect(h.snapshot().value).toBe('paused');
    expect((toShim(h).at(-1) as Of<'oci.state'>).status).toBe('paused');
  });

  it("refuses a created container with runc's own words", () => {
    const h = created();
    h.send(checkpoint());
    h.flush();
    expect(errors(h)).toEqual(['Container cannot be checkpointed in created state']);
    expect(h.snapshot().value).toBe('created');
  });

  it("refuses a stopped container with runc's own words", () => {
    const h = running();
    h.send(ociCommand('kill', 9));
    answer(h, { exited: true });
    expect(h.snapshot().value).toBe('stopped');
    h.send(checkpoint());
    h.flush();
    expect(errors(h)).toEqual(['Container cannot be checkpointed in stopped state']);
  });

  it('answers a checkpoint that arrives mid-signal instead of leaving the shim waiting', () => {
    const h = running();
    h.send(ociCommand('kill', 15));
    h.send(checkpoint());
    h.flush();
    expect(errors(h)).toEqual(['container not running']);
  });
});
