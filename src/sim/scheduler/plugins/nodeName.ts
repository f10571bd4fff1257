// NodeName: a pod that names a node fits only there.
import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo, Status } from '../types';

export const NODE_NAME = 'NodeName';
// upstream: pkg/scheduler/framework/plugins/nodename/node_name.go ErrReason
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

// upstream: nodename/node_name.go Fits
export function nodeNameFilter(pod: Pod, node: NodeInfo): Status | null {
  const wanted = pod.spec?.nodeName;
  if (wanted === undefined || wanted === '' || wanted === node.name) return null;
  return { plugin: NODE_NAME, code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_NODE_NAME] };
}
