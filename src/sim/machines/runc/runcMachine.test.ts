import { describe, expect, it } from 'vitest';
import { runcMachine, type RuncInput } from './runcMachine';
import { runAlone } from '../../testing/harness';
import { kernelResult, ociCommand, type Of } from '../../testing/events';
import { replay, shortestPaths } from '../../testing/model';

const input: RuncInput = {
  node: 'worker-2',
  containerId: 'c1',
  owner: 'containerd:worker-2',
  unshare: ['mnt', 'pid', 'cgroup'],
  join: { net: 4026532200, ipc: 4026532201, uts: 4026532202 },
  cgroup: 'kubepods-burstable-podx.slice',
  behaviour: { exit: null, onStopSignal: 0, summary: 'nginx' },
};

function start() {
  return runAlone(runcMachine, {
    systemId: 'runc:c1',
    peers: ['containerd:worker-2', 'kernel:worker-2'],
    input: () => input,
  });
}

/** Plays the kernel: answers each kernel.call runc made since the last answer. */
function answerKernel(h: ReturnType<typeof start>, result: Record<string, unknown>) {
  h.flush();
  h.send(kernelResult(result, 'x'));
  h.flush();
}

describe('runcMachine', () => {
  it('reports created, running, stopped (exit 0 on SIGTERM) and deleted in that order', () => {
    const h = start();
    h.send(ociCommand('create'));
    answerKernel(h, { namespaces: { mnt: 1 } });
    h.send(ociCommand('start'));
    h.flush();
    h.send(ociCommand('kill', 15));
    answerKernel(h, { exited: true });
    h.send(ociCommand('delete'));
    h.flush();
    const states = (h.to('containerd:worker-2') as Of<'oci.state'>[]).map((e) => [e.status, e.exitCode]);
    expect(states).toEqual([
      ['created', undefined],
      ['running', undefined],
      ['stopped', 0],
      ['deleted', 0],
    ]);
    expect(h.snapshot().value).toBe('deleted');
  });

  it('asks the kernel to clone with the unshared namespaces and to join the pause namespaces', () => {
    const h = start();
    h.send(ociCommand('create'));
    h.flush();
    const call = h.to('kernel:worker-2')[0] as Of<'kernel.call'>;
    expect(call.call).toEqual({
      op: 'process.spawn',
      containerId: 'c1',
      unshare: input.unshare,
      join: input.join,
      cgroup: input.cgroup,
    });
    expect(call.note.label).toBe('clone(CLONE_NEWNS|CLONE_NEWPID|CLONE_NEWCGROUP); setns net, ipc, uts');
    expect(call.replyTo).toBe('runc:c1');
  });

  it('reports the namespaces the kernel gave it with the created state', () => {
    const h = start();
    h.send(ociCommand('create'));
    answerKernel(h, { namespaces: { net: 4026532200, mnt: 4026532300 } });
    expect(h.to('containerd:worker-2')[0]).toMatchObject({
      status: 'created',
      namespaces: { net: 4026532200, mnt: 4026532300 },
    });
  });

  it('exits 137 when killed with SIGKILL', () => {
    const h = start();
    h.send(ociCommand('create'));
    answerKernel(h, { namespaces: {} });
    h.send(ociCommand('kill', 9));
    answerKernel(h, { exited: true });
    expect(h.to('containerd:worker-2').at(-1)).toMatchObject({ status: 'stopped', exitCode: 137 });
  });

  it('ignores start before create and delete while running', () => {
    const h = start();
    h.send(ociCommand('start'));
    expect(h.snapshot().value).toBe('idle');
    h.send(ociCommand('create'));
    answerKernel(h, { namespaces: {} });
    h.send(ociCommand('start'));
    h.send(ociCommand('delete'));
    expect(h.snapshot().value).toBe('running');
  });
});

describe('runcMachine model', () => {
  const events = [
    ociCommand('create'),
    ociCommand('start'),
    ociCommand('kill', 15),
    ociCommand('delete'),
    kernelResult({ namespaces: {} }),
  ];
  const paths = shortestPaths(runcMachine, events, input);

  it('reaches every state, including stopped and deleted', () => {
    expect(paths.map((p) => JSON.parse(p.state) as string).sort()).toEqual(
      ['created', 'deleted', 'idle', 'initializing', 'running', 'signalled', 'stopped'].sort(),
    );
  });

  it('reaches deleted from created without running (kill of a created container)', () => {
    const deleted = paths.find((p) => p.state === '"deleted"');
    expect(deleted?.events.map((e) => (e as Of<'oci.command'>).command ?? e.type)).toEqual([
      'create',
      'kernel.result',
      'kill',
      'kernel.result',
      'delete',
    ]);
  });

  it('reaches each path state when the path is replayed on an actor', () => {
    for (const p of paths) expect(replay(runcMachine, input, p)).toBe(p.state);
  });
});
