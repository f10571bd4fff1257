// PreFilter and Filter for one pod against one snapshot: the state every filter plugin reads, and the
// filter chain in upstream order (first failing plugin wins).
// upstream: pkg/scheduler/framework/runtime/framework.go RunPreFilterPlugins, RunFilterPlugins
import type { Pod } from 'kubernetes-types/core/v1';
import { podRequests } from './requests';
import { podHostPorts } from './snapshot';
import type { HostPort, NodeInfo, ResourceMap, Snapshot, Status } from './types';
import {
  interPodFilter,
  interPodPreFilter,
  type InterPodFilterState,
  INTER_POD_AFFINITY,
} from './plugins/interPodAffinity';
import {
  describeNodeAffinityPreFilter,
  NODE_AFFINITY,
  nodeAffinityFilter,
  nodeAffinityPreFilter,
  type NodeAffinityPreFilter,
} from './plugins/nodeAffinity';
import { nodeNameFilter } from './plugins/nodeName';
import { NODE_PORTS, nodePortsFilter } from './plugins/nodePorts';
import { NODE_RESOURCES_FIT, nodeResourcesFitFilter } from './plugins/nodeResources';
import {
  POD_TOPOLOGY_SPREAD,
  spreadFilter,
  spreadPreFilter,
  type SpreadFilterState,
} from './plugins/podTopologySpread';
import { nodeUnschedulableFilter, taintTolerationFilter } from './plugins/taints';

export interface CycleState {
  pod: Pod;
  snapshot: Snapshot;
  requests: ResourceMap;
  hostPorts: HostPort[];
  nodeAffinity: NodeAffinityPreFilter;
  spread: SpreadFilterState | null;
  interPod: InterPodFilterState | null;
}

export function preFilter(pod: Pod, snapshot: Snapshot): CycleState {
  return {
    pod,
    snapshot,
    requests: podRequests(pod),
    hostPorts: podHostPorts(pod),
    nodeAffinity: nodeAffinityPreFilter(pod),
    spread: spreadPreFilter(pod, snapshot),
    interPod: interPodPreFilter(pod, snapshot),
  };
}

/** One line per PreFilter plugin that can Skip or narrow the node list, in profile order. */
export function describePreFilter(state: CycleState): { plugin: string; result: string }[] {
  const described = (plugin: string, skip: boolean): { plugin: string; result: string } => ({
    plugin,
    result: skip ? 'Skip' : 'Success',
  });
  return [
    { plugin: NODE_AFFINITY, result: describeNodeAffinityPreFilter(state.nodeAffinity) },
    described(NODE_PORTS, state.hostPorts.length === 0),
    described(NODE_RESOURCES_FIT, false),
    described(POD_TOPOLOGY_SPREAD, state.spread === null),
    described(INTER_POD_AFFINITY, state.interPod === null),
  ];
}

/** Filter plugins in MultiPoint order; a node's status is the first failing plugin's. */
// upstream: pkg/scheduler/apis/config/v1/default_plugins.go getDefaultPlugins
export function runFilters(state: CycleState, node: NodeInfo): Status | null {
  const { pod } = state;
  return (
    nodeUnschedulableFilter(pod, node) ??
    nodeNameFilter(pod, node) ??
    taintTolerationFilter(pod, node) ??
    nodeAffinityFilter(pod, node) ??
    nodePortsFilter(state.hostPorts, node) ??
    nodeResourcesFitFilter(state.requests, node) ??
    spreadFilter(state.spread, pod, node) ??
    interPodFilter(state.interPod, node)
  );
}
