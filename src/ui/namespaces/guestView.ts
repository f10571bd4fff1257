// A Kata pod's containers live in the pod's VM: their namespaces are the guest kernel's, made by the
// kata-agent (rustjail), and the node's kernel sees only the VM's processes (qemu and the shim). The
// guest's own namespaces are its kernel's initial ones, with the same fixed inode numbers a host's
// have (proc_ns init inums). upstream: kata-containers docs/design/architecture/README.md (the agent
// creates the containers inside the guest); linux include/linux/proc_ns.h (PROC_*_INIT_INO).
import type { Trace } from '../../sim/trace/types';
import type { NamespaceType } from '../../sim/cluster/events';
import type { ProcessColumn } from './viewModel';

export interface GuestProcesses {
  sandboxId: string;
  processes: ProcessColumn[];
}

/** The containers the guest kernel of a Kata pod on `node` has created up to `delivered`, or null. */
export function guestProcessesAt(
  trace: Trace,
  delivered: number,
  node: string | null,
): GuestProcesses | null {
  const onNode = new Set<string>();
  const names = new Map<string, string>();
  const cols = new Map<string, ProcessColumn>();
  let sandboxId: string | null = null;
  for (const m of trace.messages) {
    if (m.seq > delivered) break;
    // Sandboxes whose netns this node's kernel pinned are this node's.
    if (
      m.to === 'kernel' &&
      (!node || m.toActor === `kernel:${node}`) &&
      typeof m.detail.sandboxId === 'string'
    )
      onNode.add(m.detail.sandboxId);
    if (m.from === 'kata-agent' && m.to === 'guest kernel' && m.detail.op === 'clone') {
      const name = /\(([^)]+)\)\s*$/.exec(m.label)?.[1] ?? 'container';
      names.set(m.toActor, `${String(m.detail.containerId)} ${name}`);
    }
    const ns = m.detail.namespaces as Partial<Record<NamespaceType, number>> | undefined;
    if (m.from === 'guest kernel' && m.to === 'kata-agent' && m.detail.op === 'clone' && ns) {
      const sb = m.fromActor.slice('guest-kernel:'.length);
      if (!onNode.has(sb)) continue;
      const [id = '', name = 'container'] = (names.get(m.fromActor) ?? '').split(' ');
      sandboxId = sb;
      cols.set(id, { id, name, namespaces: ns, cgroup: null });
    }
  }
  if (!sandboxId) return null;
  const processes = [...cols.values()];
  processes.sort((a, b) => (a.name === 'pause' ? -1 : b.name === 'pause' ? 1 : 0));
  return { sandboxId, processes };
}
