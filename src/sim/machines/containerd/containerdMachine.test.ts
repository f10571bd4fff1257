import { describe, expect, it } from 'vitest';
import type { AnyActorRef } from 'xstate';
import { containerdMachine, type ContainerdInput } from './containerdMachine';
import { runAlone } from '../../testing/harness';
import { criRequest, kernelResult, type Of } from '../../testing/events';
import { boundPod, ociState } from '../../testing/nodeEvents';
import { replay, shortestPaths } from '../../testing/model';
import type { CriCall, KernelCall, SimEvent } from '../../cluster/events';

const NODE = 'worker-2';
const KERNEL = `kernel:${NODE}`;
const input: ContainerdInput = {
  node: NODE,
  seed: 1,
  images: [{ names: ['docker.io/library/redis:7.4'], sizeBytes: 40_000_000 }],
};
const pod = boundPod('u-1', NODE);
const runSandbox = (p = pod): CriCall => ({
  method: 'RunPodSandbox',
  pod: p,
  cgroupParent: 'kubepods-podu1.slice',
});

function start() {
  return runAlone(containerdMachine, {
    systemId: `containerd:${NODE}`,
    peers: [KERNEL, 'probe', `kubelet:${NODE}/pod:u-1`],
    input: () => input,
  });
}
type H = ReturnType<typeof start>;

/** What the kernel answers to each call, shaped like kernelState's results. */
function kernelAnswer(call: KernelCall): Record<string, unknown> {
  switch (call.op) {
    case 'netns.create':
      return { path: `/var/run/netns/cni-${call.sandboxId.slice(0, 8)}`, inode: 4026532300 };
    case 'cni.add':
      return { ip: '10.244.2.7' };
    case 'process.spawn':
      return { namespaces: { net: 4026532300, ipc: 4026532301, uts: 4026532302, pid: 4026532303 } };
    case 'process.signal':
      return { exited: true };
    case 'process.exec':
      return { pid: 1 };
    default:
      return {};
  }
}

const kernelCalls = (h: H) => h.to(KERNEL) as Of<'kernel.call'>[];

/** One round of playing the kernel: answers every call not yet answered, then delivers what follows. */
function answerKernel(h: H, answered: { n: number }): void {
  const calls = kernelCalls(h).slice(answered.n);
  answered.n += calls.length;
  for (const c of calls)
    (h.subject.system.get(c.replyTo) as AnyActorRef).send(kernelResult(kernelAnswer(c.call), c.callId));
  h.flush();
}

/** Plays the kernel until containerd and its runcs fall quiet. */
function settle(h: H, answered = { n: 0 }): void {
  h.flush();
  while (kernelCalls(h).length > answered.n) answerKernel(h, answered);
}

const responses = (h: H) => h.to('probe') as Of<'cri.response'>[];
const responseTo = (h: H, callId: string) => responses(h).find((r) => r.callId === callId);

/** Runs the pause container, then creates and starts nginx in it; returns the ids. */
function runNginx(h: H): { sandboxId: string; containerId: string } {
  const answered = { n: 0 };
  h.send(criRequest(runSandbox(), 'run'));
  settle(h, answered);
  const sandboxId = String(responseTo(h, 'run')?.result.podSandboxId);
  h.send(
    criRequest(
      { method: 'CreateContainer', sandboxId, pod, container: 'nginx', image: 'nginx:1.27' },
      'create',
    ),
  );
  settle(h, answered);
  const containerId = String(responseTo(h, 'create')?.result.containerId);
  h.send(criRequest({ method: 'StartContainer', containerId }, 'start'));
  settle(h, answered);
  return { sandboxId, containerId };
}

describe('containerdMachine RunPodSandbox', () => {
  it('creates the netns, then asks for CNI ADD, then creates and starts the pause container, then replies', () => {
    const h = start();
    const answered = { n: 0 };
    const ops = () => kernelCalls(h).map((c) => [c.call.op, c.replyTo]);
    h.send(criRequest(runSandbox(), 'cri-1'));
    h.flush();
    expect(h.snapshot().value).toBe('RunPodSandbox');
    expect(ops()).toEqual([['netns.create', 'containerd:worker-2']]);
    answerKernel(h, answered);
    expect(ops().slice(1)).toEqual([['cni.add', 'containerd:worker-2']]);
    expect(kernelCalls(h)[1]?.call).toMatchObject({ podKey: 'default/nginx-u-1', podUid: 'u-1' });
    answerKernel(h, answered);
    const sandboxId = (kernelCalls(h)[0]?.call as { sandboxId: string }).sandboxId;
    expect(ops().slice(2)).toEqual([['process.spawn', `runc:${sandboxId}`]]);
    expect(responses(h)).toEqual([]);
    answerKernel(h, answered);
    expect(ops().slice(3)).toEqual([['process.exec', `runc:${sandboxId}`]]);
    const exec = h.received.filter((r) => r.to === KERNEL)[3]!;
    const replies = h.received.filter((r) => r.to === 'probe');
    expect(replies.map((r) => (r.event as Of<'cri.response'>).result)).toEqual([{ podSandboxId: sandboxId }]);
    expect(replies[0]!.t).toBeGreaterThan(exec.t);
  });

  it('runs the pause container with its own pid, ipc, uts and mnt namespaces inside the new netns', () => {
    const h = start();
    h.send(criRequest(runSandbox(), 'cri-1'));
    settle(h);
    const spawn = kernelCalls(h).find((c) => c.call.op === 'process.spawn')?.call;
    expect(spawn).toMatchObject({ unshare: ['pid', 'ipc', 'uts', 'mnt'], join: { net: 4026532300 } });
    const sandboxId = String(responses(h)[0]?.result.podSandboxId);
    const runc = h.subject.system.get(`runc:${sandboxId}`) as AnyActorRef;
    expect((runc.getSnapshot() as { value: unknown }).value).toBe('running');
  });

  it('records the sandbox with the IP the CNI gave and goes back to idle', () => {
    const h = start();
    h.send(criRequest(runSandbox(), 'cri-1'));
    settle(h);
    const sandboxId = String(responses(h)[0]?.result.podSandboxId);
    expect(h.snapshot().value).toBe('idle');
    expect(h.snapshot().context.sandboxes[sandboxId]).toMatchObject({
      podKey: 'default/nginx-u-1',
      podUid: 'u-1',
      ip: '10.244.2.7',
      cgroupParent: 'kubepods-podu1.slice',
    });
  });
});

describe('containerdMachine serves one call at a time', () => {
  it('does not start a second RunPodSandbox before the first has replied, and serves them in arrival order', () => {
    const h = start();
    h.send(criRequest(runSandbox(), 'cri-1'));
    h.send(criRequest(runSandbox(boundPod('u-2', NODE)), 'cri-2'));
    h.flush();
    expect(kernelCalls(h).map((c) => c.call.op)).toEqual(['netns.create']);
    expect(h.snapshot().context.queue.map((j) => j.callId)).toEqual(['cri-2']);
    settle(h);
    expect(kernelCalls(h).map((c) => c.call.op)).toEqual([
      'netns.create',
      'cni.add',
      'process.spawn',
      'process.exec',
      'netns.create',
      'cni.add',
      'process.spawn',
      'process.exec',
    ]);
    const cniPods = kernelCalls(h)
      .filter((c) => c.call.op === 'cni.add')
      .map((c) => (c.call as { podUid: string }).podUid);
    expect(cniPods).toEqual(['u-1', 'u-2']);
    expect(responses(h).map((r) => r.callId)).toEqual(['cri-1', 'cri-2']);
  });

  it('leaves an ImageStatus that arrives during RunPodSandbox unanswered until the pause container runs', () => {
    const h = start();
    const answered = { n: 0 };
    h.send(criRequest(runSandbox(), 'cri-1'));
    h.send(criRequest({ method: 'ImageStatus', image: 'redis:7.4' }, 'cri-2'));
    h.flush();
    answerKernel(h, answered);
    answerKernel(h, answered);
    expect(responses(h)).toEqual([]);
    answerKernel(h, answered);
    expect(
      responses(h)
        .map((r) => r.callId)
        .sort(),
    ).toEqual(['cri-1', 'cri-2']);
    const status = h.received.find(
      (r) => r.to === 'probe' && (r.event as Of<'cri.response'>).callId === 'cri-2',
    );
    const exec = h.received.find(
      (r) => r.to === KERNEL && (r.event as Of<'kernel.call'>).call.op === 'process.exec',
    );
    expect(status!.t).toBeGreaterThan(exec!.t);
  });
});

describe('containerdMachine images', () => {
  it('answers ImageStatus with the size of an image the node already has', () => {
    const h = start();
    h.send(criRequest({ method: 'ImageStatus', image: 'redis:7.4' }));
    h.flush();
    expect(responses(h)[0]).toMatchObject({
      ok: true,
      result: { image: { ref: 'docker.io/library/redis:7.4', size: 40_000_000 } },
    });
    expect(h.snapshot().value).toBe('idle');
  });

  it('answers ImageStatus with a null image for one the node does not have', () => {
    const h = start();
    h.send(criRequest({ method: 'ImageStatus', image: 'nginx:1.27' }));
    h.flush();
    expect(responses(h)[0]).toMatchObject({ ok: true, result: { image: null } });
  });

  it('replies to PullImage after the pull time with the digest reference, and then has the image', () => {
    const h = start();
    h.send(criRequest({ method: 'PullImage', image: 'nginx:1.27' }, 'pull'));
    h.flush();
    const pulled = h.received.find((r) => r.to === 'probe')!;
    const result = (pulled.event as Of<'cri.response'>).result;
    expect((pulled.event as Of<'cri.response'>).ok).toBe(true);
    expect(result.imageRef).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(pulled.t).toBe(result.durationMs);
    expect(result.durationMs).toBeGreaterThan(0);
    h.send(criRequest({ method: 'ImageStatus', image: 'nginx:1.27' }, 'status'));
    h.flush();
    expect(responseTo(h, 'status')?.result.image).toEqual({
      ref: 'docker.io/library/nginx:1.27',
      size: result.size,
    });
  });

  it('fails PullImage of a tag the registry does not have with containerd NotFound error', () => {
    const h = start();
    h.send(criRequest({ method: 'PullImage', image: 'nginx:no-such-tag' }));
    h.flush();
    expect(responses(h)[0]).toMatchObject({ ok: false });
    expect(String(responses(h)[0]?.result.error)).toContain(
      'code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag"',
    );
  });
});

describe('containerdMachine StopContainer', () => {
  it('sends the image STOPSIGNAL through runc and replies with the exit code once runc reports stopped', () => {
    const h = start();
    const { containerId } = runNginx(h);
    expect(h.snapshot().context.containers[containerId]?.state).toBe('CONTAINER_RUNNING');
    const before = kernelCalls(h).length;
    h.send(criRequest({ method: 'StopContainer', containerId, timeout: 30 }, 'stop'));
    settle(h, { n: before });
    const signals = kernelCalls(h)
      .slice(before)
      .map((c) => c.call);
    // nginx's Dockerfile says STOPSIGNAL SIGQUIT.
    expect(signals).toEqual([{ op: 'process.signal', containerId, signal: 3 }]);
    expect(responseTo(h, 'stop')).toMatchObject({ ok: true, result: { exitCode: 0, containerId } });
    expect(h.snapshot().context.containers[containerId]).toMatchObject({
      state: 'CONTAINER_EXITED',
      exitCode: 0,
      reason: 'Completed',
    });
  });

  it('replies at once, without a signal, for a container whose task already exited', () => {
    const h = start();
    const { containerId } = runNginx(h);
    h.send({ type: 'task.exit', note: criRequest(runSandbox()).note, containerId, exitCode: 2, oom: false });
    h.flush();
    const before = kernelCalls(h).length;
    h.send(criRequest({ method: 'StopContainer', containerId, timeout: 30 }, 'stop'));
    h.flush();
    expect(kernelCalls(h)).toHaveLength(before);
    expect(responseTo(h, 'stop')).toMatchObject({ ok: true, result: { exitCode: 2, containerId } });
    const died = h.to('kubelet:worker-2/pod:u-1') as Of<'pleg.event'>[];
    expect(died.map((e) => [e.kind, e.containerId])).toEqual([['ContainerDied', containerId]]);
  });

  it('stays in StopContainer until runc reports the container stopped', () => {
    const h = start();
    h.send(criRequest({ method: 'StopContainer', containerId: 'c1', timeout: 0 }, 'stop'));
    h.send(ociState('c1', 'running'));
    h.flush();
    expect(h.snapshot().value).toBe('StopContainer');
    h.send(ociState('c1', 'stopped', { exitCode: 137 }));
    h.flush();
    expect(h.snapshot().value).toBe('idle');
    expect(responseTo(h, 'stop')?.result).toEqual({ exitCode: 137, containerId: 'c1' });
  });
});

describe('containerdMachine model', () => {
  const calls: CriCall[] = [
    runSandbox(),
    { method: 'PodSandboxStatus', sandboxId: 's1' },
    { method: 'ImageStatus', image: 'nginx:1.27' },
    { method: 'PullImage', image: 'nginx:1.27' },
    { method: 'CreateContainer', sandboxId: 's1', pod, container: 'nginx', image: 'nginx:1.27' },
    { method: 'StartContainer', containerId: 'c1' },
    { method: 'ContainerStatus', containerId: 'c1' },
    { method: 'StopContainer', containerId: 'c1', timeout: 30 },
    { method: 'StopPodSandbox', sandboxId: 's1' },
    { method: 'RemoveContainer', containerId: 'c1' },
    { method: 'RemovePodSandbox', sandboxId: 's1' },
  ];
  const events: SimEvent[] = [
    ...calls.map((c, i) => criRequest(c, `cri-${i}`)),
    kernelResult(kernelAnswer({ op: 'netns.create', sandboxId: 's1' })),
    ociState('c1', 'created'),
    ociState('c1', 'running'),
    ociState('c1', 'stopped', { exitCode: 0 }),
    ociState('c1', 'deleted'),
  ];
  const paths = shortestPaths(containerdMachine, events, input);

  it('rests only in idle and in the calls that wait for runc or the kernel, never in the instant ones', () => {
    expect(paths.map((p) => JSON.parse(p.state) as string).sort()).toEqual(
      [
        'idle',
        'RunPodSandbox',
        'StartContainer',
        'StopContainer',
        'StopPodSandbox',
        'RemoveContainer',
        'RemovePodSandbox',
      ].sort(),
    );
  });

  it('reaches each waiting state with the one CRI request for it', () => {
    for (const p of paths.filter((x) => x.state !== '"idle"'))
      expect(p.events.map((e) => (e as Of<'cri.request'>).call.method)).toEqual([JSON.parse(p.state)]);
  });

  it('reaches each path state when the path is replayed on an actor', () => {
    for (const p of paths) expect(replay(containerdMachine, input, p)).toBe(p.state);
  });
});
