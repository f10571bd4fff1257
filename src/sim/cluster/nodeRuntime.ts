// What the host tells node-side components about the node's container runtime: the RuntimeClass
// handlers (the kubelet's RuntimeClass manager's cache) and which nodes run CRI-O instead of containerd
// (as their Node's status.nodeInfo.containerRuntimeVersion says: `cri-o://…` or `containerd://…`).
import type { KubeObject, Scenario } from '../scenario';
import type { SimEnv } from './env';
import { handlerOf } from '../admission/runtimeClass';
import { containerdId, crioId } from './systemIds';

export type ContainerRuntimeName = 'containerd' | 'cri-o';

/** The runtime a Node reports (status.nodeInfo.containerRuntimeVersion); containerd when unset. */
export function runtimeOfNode(node: KubeObject): ContainerRuntimeName {
  const status = node.status as { nodeInfo?: { containerRuntimeVersion?: string } } | undefined;
  return status?.nodeInfo?.containerRuntimeVersion?.startsWith('cri-o://') ? 'cri-o' : 'containerd';
}

export function withNodeRuntimes(env: SimEnv, scenario: Scenario): SimEnv {
  const classes = scenario.cluster.filter((o) => o.kind === 'RuntimeClass');
  const nodes = [
    ...scenario.cluster.filter((o) => o.kind === 'Node'),
    ...scenario.actions.flatMap((a) => (a.kind === 'addNode' ? [a.node] : [])),
  ];
  const crio = new Set(nodes.filter((n) => runtimeOfNode(n) === 'cri-o').map((n) => n.metadata.name ?? ''));
  return {
    ...env,
    ...(classes.length ? { runtimeHandler: (name: string | undefined) => handlerOf(classes, name) } : {}),
    ...(crio.size
      ? { criEndpoint: (node: string) => (crio.has(node) ? crioId(node) : containerdId(node)) }
      : {}),
  };
}
