// The node's kernel as the simulation needs it: namespaces with inode numbers, cgroups, the network
// namespaces containerd pins, and the CNI bridge plugin's plumbing with host-local IPAM.
import type { KernelCall, NamespaceType } from '../../cluster/events';
import { Random } from '../../time/random';
import { hex } from '../../time/ids';

export interface KernelState {
  node: string;
  podCIDR: string;
  rng: number;
  /** Next namespace inode number; new namespaces on Linux get inodes in the 4026532xxx range. */
  nextInode: number;
  /** Namespace inodes per process (containerId), so the panel can show what is shared. */
  processes: Record<
    string,
    {
      namespaces: Record<NamespaceType, number>;
      cgroup: string;
      alive: boolean;
      ignoresStopSignal?: boolean;
      /** The process's cgroup is frozen (cgroup.freeze = 1): it runs nothing, signals other than SIGKILL wait. */
      frozen?: boolean;
      /** The program's own end came while frozen: it happens once the cgroup is thawed. */
      deferredExit?: { exitCode: number; oom: boolean };
    }
  >;
  netns: Record<string, { path: string; inode: number }>;
  leases: Record<string, { ip: string; hostVeth: string }>;
  cgroups: string[];
}

// The initial (host) namespaces: what a process that unshares nothing keeps.
// upstream: include/linux/proc_ns.h PROC_USER_INIT_INO and friends
export const HOST_NAMESPACES: Record<NamespaceType, number> = {
  ipc: 4026531839,
  uts: 4026531838,
  user: 4026531837,
  pid: 4026531836,
  cgroup: 4026531835,
  net: 4026531840,
  mnt: 4026531841,
};

export function initialKernel(node: string, podCIDR: string, seed: number): KernelState {
  return {
    node,
    podCIDR,
    rng: seed,
    nextInode: 4026532200,
    processes: {},
    netns: {},
    leases: {},
    cgroups: [],
  };
}

/** host-local: the next free address of the range, skipping the network address and the gateway (.1). */
export function nextIp(podCIDR: string, taken: readonly string[]): string {
  const [base = '10.244.0.0'] = podCIDR.split('/');
  const octets = base.split('.').map(Number);
  for (let host = 2; host < 255; host++) {
    const ip = `${octets[0]}.${octets[1]}.${octets[2]}.${host}`;
    if (!taken.includes(ip)) return ip;
  }
  return `${octets[0]}.${octets[1]}.${octets[2]}.254`;
}

export function gatewayOf(podCIDR: string): string {
  const [base = '10.244.0.0'] = podCIDR.split('/');
  return base.replace(/\.\d+$/, '.1');
}

export interface KernelOutcome {
  state: KernelState;
  result: Record<string, unknown>;
  label: string;
}

export function applyKernelCall(s: KernelState, call: KernelCall): KernelOutcome {
  switch (call.op) {
    case 'cgroup.create':
      return {
        state: { ...s, cgroups: [...s.cgroups, call.path] },
        result: { path: call.path },
        label: `mkdir /sys/fs/cgroup/kubepods.slice/…/${call.path}`,
      };
    case 'cgroup.delete':
      return {
        state: { ...s, cgroups: s.cgroups.filter((c) => c !== call.path) },
        result: {},
        label: `rmdir ${call.path}`,
      };
    case 'cgroup.freeze': {
      // upstream: runc libcontainer/cgroups/fs2/freezer.go setFreezer writes cgroup.freeze and waits for
      // cgroup.events to say frozen 1; the kernel's freezer: kernel/cgroup/freezer.c
      const p = s.processes[call.containerId];
      const processes = p
        ? { ...s.processes, [call.containerId]: { ...p, frozen: call.frozen } }
        : s.processes;
      return {
        state: { ...s, processes },
        result: { frozen: call.frozen },
        label: `cgroup.freeze = ${call.frozen ? 1 : 0} (cgroup.events: frozen ${call.frozen ? 1 : 0})`,
      };
    }
    case 'netns.create': {
      const rnd = new Random(s.rng);
      const path = `/var/run/netns/cni-${hex(rnd, 8)}-${hex(rnd, 4)}-${hex(rnd, 4)}-${hex(rnd, 4)}-${hex(rnd, 12)}`;
      const inode = s.nextInode;
      return {
        state: {
          ...s,
          rng: rnd.state,
          nextInode: inode + 1,
          netns: { ...s.netns, [call.sandboxId]: { path, inode } },
        },
        result: { path, inode },
        label: `netns ${path.slice(15, 27)}… (net:[${inode}])`,
      };
    }
    case 'netns.delete': {
      const netns = { ...s.netns };
      delete netns[call.sandboxId];
      return { state: { ...s, netns }, result: {}, label: 'netns removed' };
    }
    case 'cni.add':
      return cniAdd(s, call.sandboxId);
    case 'cni.del': {
      const leases = { ...s.leases };
      const lease = leases[call.sandboxId];
      delete leases[call.sandboxId];
      return {
        state: { ...s, leases },
        result: { released: lease?.ip ?? null },
        label: `CNI DEL: released ${lease?.ip ?? 'nothing'}, ${lease?.hostVeth ?? ''} removed`,
      };
    }
    case 'criu.dump': {
      // CRIU freezes the container's cgroup, dumps memory pages, file descriptors and namespaces into the
      // image directory and, with --leave-running, thaws it again; a cgroup that was already frozen (runc
      // pause) stays frozen. upstream: opencontainers/runc libcontainer/criu_linux.go Checkpoint
      // (FreezeCgroup, LeaveRunning); checkpoint-restore/criu criu/seize.c
      const p = s.processes[call.containerId];
      const kept = p?.frozen ? 'cgroup was frozen: left frozen' : 'left running';
      return {
        state: s,
        result: { dumped: Boolean(p?.alive), imagePath: call.imagePath },
        label: `CRIU: cgroup frozen, pages, fds and namespaces dumped; ${kept}`,
      };
    }
    case 'tap.create': {
      // upstream: kata-containers docs/design/architecture/networking.md (TC filter: eth0 ingress →
      // tap0_kata egress, tap0_kata ingress → eth0 egress)
      const lease = s.leases[call.sandboxId];
      const prefix = s.podCIDR.split('/')[1] ?? '24';
      return {
        state: s,
        result: { tap: 'tap0_kata', ip: lease?.ip ?? null, prefix, gateway: gatewayOf(s.podCIDR) },
        label: 'tap0_kata in the pod netns; tc mirred eth0 ⇄ tap0_kata',
      };
    }
    case 'process.spawn':
      return spawn(s, call);
    case 'process.signal': {
      const p = s.processes[call.containerId];
      // PID 1 gets only the signals it has a handler for; SIGKILL always kills. upstream: kernel/signal.c sig_task_ignored (SIGNAL_UNKILLABLE)
      if (p?.alive && p.ignoresStopSignal && call.signal !== 9)
        return {
          state: s,
          result: { exited: false },
          label: `signal ${call.signal}: ignored by PID 1 (no handler)`,
        };
      // A frozen task takes SIGKILL (cgroup v2 lets fatal signals through); others stay pending until thawed.
      if (p?.alive && p.frozen && call.signal !== 9)
        return {
          state: s,
          result: { exited: false },
          label: `signal ${call.signal}: pending (cgroup frozen)`,
        };
      const processes = p
        ? { ...s.processes, [call.containerId]: { ...p, alive: false, frozen: false } }
        : s.processes;
      return {
        state: { ...s, processes },
        result: { exited: true },
        label: `signal ${call.signal}: process exited`,
      };
    }
    case 'process.exec': {
      const p = s.processes[call.containerId];
      const processes = p
        ? { ...s.processes, [call.containerId]: { ...p, ignoresStopSignal: call.ignoresStopSignal } }
        : s.processes;
      return { state: { ...s, processes }, result: { pid: 1 }, label: `execve: ${call.summary}` };
    }
  }
}

function cniAdd(s: KernelState, sandboxId: string): KernelOutcome {
  const rnd = new Random(s.rng);
  // upstream: containernetworking/plugins pkg/ip/link_linux.go RandomVethName: "veth" + 4 random bytes in hex
  const hostVeth = `veth${hex(rnd, 8)}`;
  const ip = nextIp(
    s.podCIDR,
    Object.values(s.leases).map((l) => l.ip),
  );
  const prefix = s.podCIDR.split('/')[1] ?? '24';
  return {
    state: { ...s, rng: rnd.state, leases: { ...s.leases, [sandboxId]: { ip, hostVeth } } },
    result: { ip, prefix, gateway: gatewayOf(s.podCIDR), hostVeth, bridge: 'cni0', ifName: 'eth0' },
    label: `CNI ADD (bridge): ${hostVeth} ↔ eth0 on cni0; host-local ${ip}/${prefix}`,
  };
}

function spawn(s: KernelState, call: Extract<KernelCall, { op: 'process.spawn' }>): KernelOutcome {
  let inode = s.nextInode;
  const namespaces = { ...HOST_NAMESPACES };
  for (const ns of call.unshare) namespaces[ns] = inode++;
  for (const [ns, id] of Object.entries(call.join)) namespaces[ns as NamespaceType] = id;
  const unshared = call.unshare.length ? `unshare ${call.unshare.join(',')}` : '';
  const joined = Object.keys(call.join).length ? `setns ${Object.keys(call.join).join(',')}` : '';
  // A new user namespace gets its maps written (/proc/<pid>/uid_map, gid_map); one joined keeps them.
  // upstream: runc libcontainer/process_linux.go (initProcess writes uid_map/gid_map for CLONE_NEWUSER)
  const maps = call.idMappings && (call.unshare.includes('user') || call.join.user !== undefined);
  return {
    state: {
      ...s,
      nextInode: inode,
      processes: { ...s.processes, [call.containerId]: { namespaces, cgroup: call.cgroup, alive: true } },
    },
    result: { namespaces, ...(maps ? call.idMappings : {}) },
    label: `clone: ${[unshared, joined].filter(Boolean).join('; ')}`,
  };
}

/**
 * The process ends by itself (or is OOM-killed) unless something killed it first. A frozen process runs
 * nothing, so its end waits until its cgroup is thawed (`deferred`).
 */
export function exitProcess(
  s: KernelState,
  containerId: string,
  exit: { exitCode: number; oom: boolean } = { exitCode: 0, oom: false },
): { state: KernelState; alive: boolean; deferred?: boolean } {
  const p = s.processes[containerId];
  if (!p?.alive) return { state: s, alive: false };
  if (p.frozen)
    return {
      state: { ...s, processes: { ...s.processes, [containerId]: { ...p, deferredExit: exit } } },
      alive: true,
      deferred: true,
    };
  return {
    state: { ...s, processes: { ...s.processes, [containerId]: { ...p, alive: false } } },
    alive: true,
  };
}
