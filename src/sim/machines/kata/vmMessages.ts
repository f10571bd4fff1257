// The messages of a Kata Containers pod: the shim's ttRPC calls to kata-agent (over VSOCK), the shim's
// control of the hypervisor, and the agent's requests to the guest kernel. Every call is answered by a
// vm.result to its replyTo. upstream: kata-containers docs/design/architecture/README.md (Container
// creation, Container shutdown); src/libs/protocols/protos/agent.proto (the agent API's names)
import type { NamespaceType, SimEvent, VmOp } from '../../cluster/events';
import { note, type Note } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { LATENCY } from '../../time/latencies';
import type { ProcessBehaviour } from '../../node/behaviour';

/** What the shim knows of a container: its OCI bundle, as containerd handed it over at Create. */
export interface KataBundle {
  name: string;
  unshare: NamespaceType[];
  join: Partial<Record<NamespaceType, number>>;
  behaviour: ProcessBehaviour;
}

export function vmCall(
  to: string,
  cause: Note,
  op: VmOp,
  label: string,
  replyTo: string,
  opts: { containerId?: string; data?: Record<string, unknown>; delay?: number } = {},
): Outgoing {
  const event: SimEvent = {
    type: 'vm.call',
    note: note(cause, 'request', label, {
      op,
      ...(opts.containerId ? { containerId: opts.containerId } : {}),
    }),
    op,
    replyTo,
    ...(opts.containerId ? { containerId: opts.containerId } : {}),
    ...(opts.data ? { data: opts.data } : {}),
  };
  return { to, event, delay: opts.delay ?? LATENCY.localCall };
}

export function vmResult(
  to: string,
  cause: Note,
  op: VmOp,
  label: string,
  opts: { containerId?: string; ok?: boolean; data?: Record<string, unknown>; delay?: number } = {},
): Outgoing {
  const event: SimEvent = {
    type: 'vm.result',
    note: note(cause, 'response', label, { op, ...(opts.data ?? {}) }),
    op,
    ok: opts.ok ?? true,
    ...(opts.containerId ? { containerId: opts.containerId } : {}),
    ...(opts.data ? { data: opts.data } : {}),
  };
  return { to, event, delay: opts.delay ?? LATENCY.localCall };
}

/** A message field as text: strings and numbers as they are, anything else empty. */
export const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';

export const shortId = (id: string): string => id.slice(0, 13);

const CLONE_FLAG: Record<NamespaceType, string> = {
  mnt: 'CLONE_NEWNS',
  uts: 'CLONE_NEWUTS',
  ipc: 'CLONE_NEWIPC',
  net: 'CLONE_NEWNET',
  pid: 'CLONE_NEWPID',
  user: 'CLONE_NEWUSER',
  cgroup: 'CLONE_NEWCGROUP',
};

export const cloneFlags = (unshare: readonly NamespaceType[]): string =>
  unshare.map((n) => CLONE_FLAG[n]).join('|') || '0';
