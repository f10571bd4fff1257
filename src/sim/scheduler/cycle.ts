// PreFilter and Filter for one pod against one snapshot: the state every filter plugin reads, and the
// filter chain in upstream order (first failing plugin wins).
// upstream: pkg/scheduler/framework/runtime/framework.go RunPreFilterPlugins, RunFilterPlugins
import type { Pod } from 'kubernetes-types/core/v1';
import { podRequests } from './requests';
import { addPodToNodeInfo, buildNodeInfo, podHostPorts, podKey } from './snapshot';
import type { HostPort, NodeInfo, ResourceMap, SchedulerListers, Snapshot, Status } from './types';
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
  listers: Partial<SchedulerListers>;
  /** Node name → nominated pods of equal or higher priority (not this pod) that count there. */
  nominated: Map<string, Pod[]>;
}

/** What a cycle reads besides the pod and the snapshot. */
export interface CycleExtras {
  listers?: Partial<SchedulerListers>;
  nominatedPods?: Pod[];
}

const priorityOf = (p: Pod): number => p.spec?.priority ?? 0;

/**
 * Nominated pods by node, keeping those with priority ≥ the pod's, other than the pod itself.
 * upstream: pkg/scheduler/framework/runtime/framework.go addGENominatedPods
 */
export function nominatedByNode(pod: Pod, nominatedPods: Pod[] = []): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  const self = podKey(pod);
  for (const p of nominatedPods) {
    const node = p.status?.nominatedNodeName;
    if (!node || p.spec?.nodeName || podKey(p) === self || priorityOf(p) < priorityOf(pod)) continue;
    out.set(node, [...(out.get(node) ?? []), p]);
  }
  return out;
}

export function preFilter(pod: Pod, snapshot: Snapshot, extras: CycleExtras = {}): CycleState {
  return {
    pod,
    snapshot,
    requests: podRequests(pod),
    hostPorts: podHostPorts(pod),
    nodeAffinity: nodeAffinityPreFilter(pod),
    spread: spreadPreFilter(pod, snapshot),
    interPod: interPodPreFilter(pod, snapshot),
    listers: extras.listers ?? {},
    nominated: nominatedByNode(pod, extras.nominatedPods),
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

/**
 * The filters with the node's nominated pods counted (as if running there, PreFilter state included),
 * then, if that passes, without them: a nominated pod may end up elsewhere, so the pod must fit both ways.
 * upstream: pkg/scheduler/framework/runtime/framework.go RunFilterPluginsWithNominatedPods
 */
export function runFiltersWithNominatedPods(state: CycleState, node: NodeInfo): Status | null {
  const extra = state.nominated.get(node.name);
  if (extra === undefined || extra.length === 0) return runFilters(state, node);
  const withPods = buildNodeInfo(node.node, node.pods);
  for (const p of extra) addPodToNodeInfo(withPods, p);
  // PreFilter extensions' AddPod: the state as PreFilter computes it with these pods on this node.
  const nodes = state.snapshot.nodes.map((n) => (n.name === node.name ? withPods : n));
  const snapshot: Snapshot = { ...state.snapshot, nodes, byName: new Map(nodes.map((n) => [n.name, n])) };
  const added: CycleState = {
    ...state,
    spread: spreadPreFilter(state.pod, snapshot),
    interPod: interPodPreFilter(state.pod, snapshot),
  };
  return runFilters(added, withPods) ?? runFilters(state, node);
}
