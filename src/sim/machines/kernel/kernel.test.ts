import { describe, expect, it } from 'vitest';
import { applyKernelCall, gatewayOf, HOST_NAMESPACES, initialKernel, nextIp } from './kernelState';
import { kernelMachine } from './kernelMachine';
import { runAlone } from '../../testing/harness';
import { kernelCall } from '../../testing/events';
import { replay, shortestPaths } from '../../testing/model';

const fresh = () => initialKernel('worker-2', '10.244.2.0/24', 7);

describe('nextIp', () => {
  it('skips the network address and the gateway and starts at .2', () => {
    expect(nextIp('10.244.1.0/24', [])).toBe('10.244.1.2');
  });

  it('returns the lowest address not yet leased', () => {
    expect(nextIp('10.244.1.0/24', ['10.244.1.2', '10.244.1.4'])).toBe('10.244.1.3');
  });

  it('names the .1 address as the gateway', () => {
    expect(gatewayOf('10.244.2.0/24')).toBe('10.244.2.1');
  });
});

describe('applyKernelCall', () => {
  it('gives a new netns the next inode in the 4026532xxx range and a /var/run/netns/cni- path', () => {
    const r = applyKernelCall(fresh(), { op: 'netns.create', sandboxId: 's1' });
    expect(r.result.inode).toBe(4026532200);
    expect(r.result.path).toMatch(
      /^\/var\/run\/netns\/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(r.state.nextInode).toBe(4026532201);
  });

  it('leases the next address on the bridge cni0 with a veth named veth + 8 hex digits', () => {
    const r = applyKernelCall(fresh(), {
      op: 'cni.add',
      sandboxId: 's1',
      podKey: 'default/nginx',
      podUid: 'u',
    });
    expect(r.result).toMatchObject({
      ip: '10.244.2.2',
      prefix: '24',
      gateway: '10.244.2.1',
      bridge: 'cni0',
      ifName: 'eth0',
    });
    expect(r.result.hostVeth).toMatch(/^veth[0-9a-f]{8}$/);
    const second = applyKernelCall(r.state, {
      op: 'cni.add',
      sandboxId: 's2',
      podKey: 'default/b',
      podUid: 'v',
    });
    expect(second.result.ip).toBe('10.244.2.3');
  });

  it('releases the lease on CNI DEL so the address is handed out again', () => {
    const added = applyKernelCall(fresh(), {
      op: 'cni.add',
      sandboxId: 's1',
      podKey: 'default/nginx',
      podUid: 'u',
    });
    const del = applyKernelCall(added.state, { op: 'cni.del', sandboxId: 's1' });
    expect(del.result.released).toBe('10.244.2.2');
    expect(del.state.leases).toEqual({});
  });

  it('gives a spawned process new inodes for what it unshares, joined inodes for what it joins, host ones otherwise', () => {
    const r = applyKernelCall(fresh(), {
      op: 'process.spawn',
      containerId: 'c1',
      unshare: ['mnt', 'pid'],
      join: { net: 4026532100 },
      cgroup: 'pod.slice',
    });
    const ns = r.result.namespaces as Record<string, number>;
    expect(ns).toMatchObject({
      mnt: 4026532200,
      pid: 4026532201,
      net: 4026532100,
      user: HOST_NAMESPACES.user,
      uts: HOST_NAMESPACES.uts,
    });
    expect(r.label).toBe('clone: unshare mnt,pid; setns net');
    expect(r.state.processes.c1?.alive).toBe(true);
  });

  it('marks a signalled process as exited', () => {
    const spawned = applyKernelCall(fresh(), {
      op: 'process.spawn',
      containerId: 'c1',
      unshare: [],
      join: {},
      cgroup: 'x',
    });
    const r = applyKernelCall(spawned.state, { op: 'process.signal', containerId: 'c1', signal: 15 });
    expect(r.state.processes.c1?.alive).toBe(false);
    expect(r.label).toBe('signal 15: process exited');
  });

  it('adds and removes cgroups by path', () => {
    const made = applyKernelCall(fresh(), { op: 'cgroup.create', path: 'p.slice' });
    expect(made.state.cgroups).toEqual(['p.slice']);
    expect(applyKernelCall(made.state, { op: 'cgroup.delete', path: 'p.slice' }).state.cgroups).toEqual([]);
  });
});

describe('kernelMachine', () => {
  it('replies to the caller with the call id and the result', () => {
    const h = runAlone(kernelMachine, {
      systemId: 'kernel:worker-2',
      peers: ['probe'],
      input: () => ({ node: 'worker-2', podCIDR: '10.244.2.0/24', seed: 1 }),
    });
    h.send(kernelCall({ op: 'cgroup.create', path: 'p.slice' }, 'probe', 'c-9'));
    h.flush();
    expect(h.to('probe')).toMatchObject([
      { type: 'kernel.result', callId: 'c-9', result: { path: 'p.slice' } },
    ]);
  });

  it('has the single state ready, reached by every path and by its replay', () => {
    const input = { node: 'worker-2', podCIDR: '10.244.2.0/24', seed: 1 };
    const events = [
      kernelCall({ op: 'netns.create', sandboxId: 's' }),
      kernelCall({ op: 'process.spawn', containerId: 'c', unshare: ['pid'], join: {}, cgroup: 'x' }),
    ];
    const paths = shortestPaths(kernelMachine, events, input);
    expect(paths.map((p) => p.state)).toEqual(['"ready"']);
    for (const p of paths) expect(replay(kernelMachine, input, p)).toBe(p.state);
  });
});
