// spec.containerRuntime of a Scenario: every Node reports that runtime in status.nodeInfo.
// containerRuntimeVersion (`containerd://…` or `cri-o://…`), which is what picks the node's CRI server.
import type { Action, KubeObject } from '../sim/scenario';
import { CONTAINERD_VERSION, CRIO_VERSION } from './defaultCluster';

export type ContainerRuntime = 'containerd' | 'cri-o';

export function withContainerRuntime(node: KubeObject, runtime: ContainerRuntime): KubeObject {
  if (node.kind !== 'Node') return node;
  const status = (node.status ?? {}) as { nodeInfo?: Record<string, unknown> };
  const version = runtime === 'cri-o' ? CRIO_VERSION : CONTAINERD_VERSION;
  return {
    ...node,
    status: { ...status, nodeInfo: { ...status.nodeInfo, containerRuntimeVersion: version } },
  };
}

export function actionsWithRuntime(actions: Action[], runtime: ContainerRuntime): Action[] {
  return actions.map((a) =>
    a.kind === 'addNode' ? { ...a, node: withContainerRuntime(a.node, runtime) } : a,
  );
}
