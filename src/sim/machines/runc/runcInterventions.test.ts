import { describe, expect, it } from 'vitest';
import { runcMachine, type RuncInput } from './runcMachine';
import { runAlone } from '../../testing/harness';
import { kernelResult, ociCommand, type Of } from '../../testing/events';
import { replay, shortestPaths } from '../../testing/model';

const OPERATOR = 'operator';
const input: RuncInput = {
  node: 'worker-2',
  containerId: 'c1',
  owner: 'containerd:worker-2',
  unshare: ['mnt', 'pid', 'cgroup'],
  join: {},
  cgroup: 'kubepods-burstable-podx.slice:cri-containerd:c1',
  behaviour: { exit: null, onStopSignal: 0, summary: 'nginx' },
};

/** A command typed by a person at the node: runc answers its errors to them. */
const byHand = (command: Of<'oci.command'>['command'], signal?: number): Of<'oci.command'> => ({
  ...ociCommand(command, signal),
  replyTo: OPERATOR,
});

function start() {
  return runAlone(runcMachine, {
    systemId: 'runc:c1',
    peers: ['containerd:worker-2', 'kernel:worker-2', OPERATOR],
    input: () => input,
  });
}

type H = ReturnType<typeof start>;

function answerKernel(h: H, result: Record<string, unknown>) {
  h.flush();
  h.send(kernelResult(result, 'x'));
  h.flush();
}

function running(): H {
  const h = start();
  h.send(ociCommand('create'));
  answerKernel(h, { namespaces: {} });
  h.send(ociCommand('start'));
  h.flush();
  return h;
}

function paused(): H {
  const h = running();
  h.send(byHand('pause'));
  answerKernel(h, { frozen: true });
  return h;
}

const errors = (h: H) => (h.to(OPERATOR) as Of<'oci.error'>[]).map((e) => e.error);
const kernelCalls = (h: H) => (h.to('kernel:worker-2') as Of<'kernel.call'>[]).map((e) => e.call);

describe('runc pause, resume and kill by hand', () => {
  it('pauses a running container by writing cgroup.freeze = 1, and resumes it with 0', () => {
    const h = paused();
    expect(h.snapshot().value).toBe('paused');
    h.send(byHand('resume'));
    answerKernel(h, { frozen: false });
    expect(h.snapshot().value).toBe('running');
    const freezes = kernelCalls(h).filter((c) => c.op === 'cgroup.freeze');
    expect(freezes.map((c) => c.op === 'cgroup.freeze' && c.frozen)).toEqual([true, false]);
    expect(errors(h)).toEqual([]);
  });

  it('refuses to resume a container that is not paused: "container not paused"', () => {
    const h = running();
    h.send(byHand('resume'));
    h.flush();
    expect(errors(h)).toEqual(['container not paused']);
    expect(h.snapshot().value).toBe('running');
    expect((h.to(OPERATOR)[0] as Of<'oci.error'>).note.label).toBe(
      'runc resume: container not paused (exit status 1)',
    );
  });

  it('refuses to pause a paused container: "container not running"', () => {
    const h = paused();
    h.send(byHand('pause'));
    h.flush();
    expect(errors(h)).toEqual(['container not running']);
    expect(h.snapshot().value).toBe('paused');
  });

  it('refuses pause, resume and kill of a stopped container, and every command before create', () => {
    const before = start();
    before.send(byHand('kill', 9));
    before.flush();
    expect(errors(before)).toEqual(['container does not exist']);
    const h = running();
    h.send(byHand('kill', 9));
    answerKernel(h, { exited: true });
    expect(h.snapshot().value).toBe('stopped');
    for (const c of ['pause', 'resume', 'kill'] as const) h.send(byHand(c, c === 'kill' ? 9 : undefined));
    h.flush();
    expect(errors(h)).toEqual(['container not running', 'container not running', 'container not running']);
  });

  it('reports a hand-sent SIGKILL as the shim’s TaskExit with exit status 137, not as a reply', () => {
    const h = running();
    h.send(byHand('kill', 9));
    answerKernel(h, { exited: true });
    const toContainerd = h.to('containerd:worker-2');
    expect(toContainerd.at(-1)).toMatchObject({ type: 'task.exit', exitCode: 137, oom: false });
    expect(toContainerd.filter((e) => e.type === 'oci.state' && e.status === 'stopped')).toEqual([]);
  });

  it('kills a paused container with SIGKILL (runc thaws it after the signal)', () => {
    const h = paused();
    h.send(byHand('kill', 9));
    answerKernel(h, { exited: true });
    expect(h.snapshot().value).toBe('stopped');
    expect(h.to('containerd:worker-2').at(-1)).toMatchObject({ type: 'task.exit', exitCode: 137 });
  });

  it('leaves a paused container paused when SIGTERM only waits in the frozen cgroup', () => {
    const h = paused();
    h.send(byHand('kill', 15));
    answerKernel(h, { exited: false });
    expect(h.snapshot().value).toBe('paused');
  });

  it('still answers the shim’s own kill with an oci.state, as before', () => {
    const h = running();
    h.send(ociCommand('kill', 15));
    answerKernel(h, { exited: true });
    expect(h.to('containerd:worker-2').at(-1)).toMatchObject({
      type: 'oci.state',
      status: 'stopped',
      exitCode: 0,
    });
  });
});

describe('runcMachine model with pause and resume', () => {
  const events = [
    ociCommand('create'),
    ociCommand('start'),
    byHand('pause'),
    byHand('resume'),
    byHand('kill', 9),
    ociCommand('delete'),
    kernelResult({ namespaces: {} }),
  ];
  const paths = shortestPaths(runcMachine, events, input);

  it('reaches paused, and stopped from paused through signalledPaused', () => {
    const states = paths.map((p) => JSON.parse(p.state) as string);
    expect(states).toEqual(expect.arrayContaining(['pausing', 'paused', 'resuming', 'signalledPaused']));
  });

  it('reaches each path state when the path is replayed on an actor', () => {
    for (const p of paths) expect(replay(runcMachine, input, p)).toBe(p.state);
  });
});
