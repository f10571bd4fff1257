// The scheduler cache snapshot for one cycle: one NodeInfo per node with its pods' requests, ports and images.
// upstream: pkg/scheduler/framework/types.go NodeInfo.AddPod, pkg/scheduler/backend/cache/snapshot.go
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { nodeAllocatable, podRequests } from './requests';
import type { HostPort, NodeInfo, ResourceMap, Snapshot } from './types';

export const podKey = (pod: Pod): string =>
  `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;

/** Succeeded/Failed pods hold nothing. upstream: pkg/scheduler/scheduler.go (informer field selector) */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Host ports a pod binds (containers only, hostPort > 0), with upstream's defaults filled in. */
// upstream: pkg/scheduler/framework/plugins/nodeports/node_ports.go getContainerPorts
export function podHostPorts(pod: Pod): HostPort[] {
  const ports: HostPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if ((p.hostPort ?? 0) <= 0) continue;
      ports.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort ?? 0 });
    }
  }
  return ports;
}

function addInto(into: ResourceMap, from: ResourceMap): void {
  for (const [name, v] of Object.entries(from)) into[name] = (into[name] ?? 0) + v;
}

function nodeImages(node: Node): Map<string, number> {
  const images = new Map<string, number>();
  for (const image of node.status?.images ?? []) {
    for (const name of image.names ?? []) images.set(name, image.sizeBytes ?? 0);
  }
  return images;
}

export function buildNodeInfo(node: Node, pods: Pod[]): NodeInfo {
  const info: NodeInfo = {
    name: node.metadata?.name ?? '',
    node,
    labels: node.metadata?.labels ?? {},
    pods: [],
    allocatable: nodeAllocatable(node.status?.allocatable),
    requested: {},
    nonZeroRequested: {},
    usedPorts: [],
    images: nodeImages(node),
  };
  for (const pod of pods) addPodToNodeInfo(info, pod);
  return info;
}

/** What one more pod on the node holds. upstream: pkg/scheduler/framework/types.go NodeInfo.AddPod */
export function addPodToNodeInfo(info: NodeInfo, pod: Pod): void {
  info.pods.push(pod);
  addInto(info.requested, podRequests(pod));
  addInto(info.nonZeroRequested, podRequests(pod, { nonZero: true }));
  for (const port of podHostPorts(pod)) info.usedPorts.push(port);
}

/** Groups non-terminal assigned pods by node; pods bound to unknown nodes are ignored. */
export function buildSnapshot(nodes: Node[], assignedPods: Pod[]): Snapshot {
  const podsByNode = new Map<string, Pod[]>();
  for (const pod of assignedPods) {
    const nodeName = pod.spec?.nodeName;
    if (nodeName === undefined || nodeName === '' || isTerminal(pod)) continue;
    const list = podsByNode.get(nodeName) ?? [];
    list.push(pod);
    podsByNode.set(nodeName, list);
  }
  const infos = nodes.map((n) => buildNodeInfo(n, podsByNode.get(n.metadata?.name ?? '') ?? []));
  const imageNodeCounts = new Map<string, number>();
  for (const info of infos) {
    for (const name of info.images.keys()) imageNodeCounts.set(name, (imageNodeCounts.get(name) ?? 0) + 1);
  }
  return { nodes: infos, byName: new Map(infos.map((i) => [i.name, i])), imageNodeCounts };
}
