// How the host turns a container intervention into the operator's runc command: it reads the pod as the
// API server last stored it, to find the node and the container's current ID (what `crictl ps` shows).
import type { ContainerAction } from '../scenario';
import type { OperatorEvent } from './events';

type Stored = Record<string, unknown> | null;

interface PodView {
  spec?: { nodeName?: string };
  status?: { containerStatuses?: { name?: string; containerID?: string; state?: Record<string, unknown> }[] };
}

const SIGNALS = { KILL: 9, TERM: 15 } as const;

export function operatorCommand(
  a: ContainerAction,
  latest: (key: string) => Stored,
): (OperatorEvent & { pod: string }) | null {
  const [ns = 'default', name = ''] = a.pod.includes('/') ? a.pod.split('/') : ['default', a.pod];
  const pod = latest(`/registry/pods/${ns}/${name}`) as PodView | null;
  const node = pod?.spec?.nodeName;
  const status = pod?.status?.containerStatuses?.find((c) => c.name === a.container);
  const id = status?.containerID?.replace(/^[a-z]+:\/\//, '');
  if (!pod || !node || !id) return null;
  return {
    type: 'user.runc',
    node,
    containerId: id,
    op: a.op,
    pod: `${ns}/${name}`,
    ...(a.op === 'kill' ? { signal: SIGNALS[a.signal ?? 'KILL'] } : {}),
  };
}
