// Which kernel namespaces each process of the pod has, read from the trace: the kernel's answers to
// runc's clone/setns calls carry the namespace inode numbers, as /proc/<pid>/ns/* would show them.
import type { Trace } from '../../sim/trace/types';
import type { NamespaceType } from '../../sim/cluster/events';
import { HOST_NAMESPACES } from '../../sim/machines/kernel/kernelState';
import { guestProcessesAt } from './guestView';

export const NS_TYPES: NamespaceType[] = ['mnt', 'uts', 'ipc', 'net', 'pid', 'user', 'cgroup'];

export interface ProcessColumn {
  id: string;
  name: string;
  namespaces: Partial<Record<NamespaceType, number>>;
  cgroup: string | null;
}

export interface NamespaceView {
  node: string | null;
  host: Record<NamespaceType, number>;
  processes: ProcessColumn[];
  podCgroup: string | null;
  /** A Kata pod: the processes are the guest kernel's (in the pod's VM), not the node's. */
  vm: string | null;
}

function containerNames(trace: Trace, upto: number): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of trace.messages) {
    if (m.seq > upto) break;
    const name =
      m.to === 'runc' && m.label.startsWith('runc create') ? /\(([^)]+)\)\s*$/.exec(m.label)?.[1] : undefined;
    if (name) names.set(m.toActor, name);
  }
  return names;
}

/** The processes started on `node` (the pod's node) up to `delivered`, pause first. */
export function namespacesAt(trace: Trace, delivered: number, node: string | null): NamespaceView {
  const names = containerNames(trace, delivered);
  const byActor = new Map<string, ProcessColumn>();
  let podCgroup: string | null = null;
  for (const m of trace.messages) {
    if (m.seq > delivered) break;
    const kernel = m.to === 'kernel' ? m.toActor : m.from === 'kernel' ? m.fromActor : null;
    if (!kernel || (node && kernel !== `kernel:${node}`)) continue;
    if (
      m.from === 'kubelet' &&
      m.to === 'kernel' &&
      typeof m.detail.path === 'string' &&
      m.detail.op === 'cgroup.create'
    )
      podCgroup = m.detail.path;
    if (m.from === 'runc' && m.to === 'kernel' && typeof m.detail.cgroup === 'string') {
      const col = byActor.get(m.fromActor) ?? {
        id: m.fromActor.slice(5),
        name: names.get(m.fromActor) ?? 'container',
        namespaces: {},
        cgroup: null,
      };
      byActor.set(m.fromActor, { ...col, cgroup: m.detail.cgroup });
    }
    const ns = m.detail.namespaces as Partial<Record<NamespaceType, number>> | undefined;
    if (m.from === 'kernel' && m.to === 'runc' && ns) {
      const col = byActor.get(m.toActor) ?? {
        id: m.toActor.slice(5),
        name: names.get(m.toActor) ?? 'container',
        namespaces: {},
        cgroup: null,
      };
      byActor.set(m.toActor, { ...col, name: names.get(m.toActor) ?? col.name, namespaces: ns });
    }
  }
  const processes = [...byActor.values()].filter((p) => Object.keys(p.namespaces).length > 0);
  processes.sort((a, b) => (a.name === 'pause' ? -1 : b.name === 'pause' ? 1 : 0));
  const guest = processes.length ? null : guestProcessesAt(trace, delivered, node);
  if (guest)
    return { node, host: HOST_NAMESPACES, processes: guest.processes, podCgroup, vm: guest.sandboxId };
  return { node, host: HOST_NAMESPACES, processes, podCgroup, vm: null };
}

export type Sharing = 'host' | 'pause' | 'own';

/** Whether a process's namespace is the node's, the pause container's, or its own. */
export function sharing(view: NamespaceView, p: ProcessColumn, ns: NamespaceType): Sharing {
  const id = p.namespaces[ns];
  if (id === view.host[ns]) return 'host';
  const pause = view.processes.find((q) => q.name === 'pause');
  if (pause && pause !== p && pause.namespaces[ns] === id) return 'pause';
  return 'own';
}
