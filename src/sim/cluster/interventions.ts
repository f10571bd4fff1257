// How the host turns a container intervention into the operator's runc command: the person at the node
// first finds the container's current ID, as `crictl ps --pod <pod> --name <container>` shows it — the
// container containerd created last for that pod and name (a restart makes a new one).
import type { CheckpointAction, ContainerAction, KubeObject } from '../scenario';
import type { TraceMessage } from '../trace/types';
import type { OperatorEvent } from './events';
import { nodeOf } from './systemIds';

const SIGNALS = { KILL: 9, TERM: 15 } as const;

export const podKeyOf = (ref: string): string => (ref.includes('/') ? ref : `default/${ref}`);

/** The newest container for (pod, container) among `messages`: its runc actor and node. */
export function currentContainer(
  messages: readonly TraceMessage[],
  podKey: string,
  container: string,
): { containerId: string; node: string } | null {
  const suffix = `(${container})`;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.pod !== podKey || m.to !== 'runc' || m.from !== 'containerd') continue;
    if (!m.label.startsWith('runc create') || !m.label.endsWith(suffix)) continue;
    const node = nodeOf(m.fromActor);
    return node ? { containerId: m.toActor.slice('runc:'.length), node } : null;
  }
  return null;
}

/** The kubelet's checkpoint API, on the node that runs the container (none before it exists). */
export function checkpointCommand(
  a: CheckpointAction,
  messages: readonly TraceMessage[],
  nodes: readonly KubeObject[],
): Extract<OperatorEvent, { type: 'user.checkpoint' }> | null {
  const pod = podKeyOf(a.pod);
  const c = currentContainer(messages, pod, a.container);
  if (!c) return null;
  const node = nodes.find((n) => n.metadata.name === c.node);
  const addresses = (node?.status as { addresses?: { type?: string; address?: string }[] } | undefined)
    ?.addresses;
  const address = addresses?.find((x) => x.type === 'InternalIP')?.address ?? c.node;
  return { type: 'user.checkpoint', node: c.node, address, pod, container: a.container };
}

export function operatorCommand(
  a: ContainerAction,
  messages: readonly TraceMessage[],
): (Extract<OperatorEvent, { type: 'user.runc' }> & { pod: string }) | null {
  const pod = podKeyOf(a.pod);
  const c = currentContainer(messages, pod, a.container);
  if (!c) return null;
  return {
    type: 'user.runc',
    node: c.node,
    containerId: c.containerId,
    op: a.op,
    pod,
    ...(a.op === 'kill' ? { signal: SIGNALS[a.signal ?? 'KILL'] } : {}),
  };
}
