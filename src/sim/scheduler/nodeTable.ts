// The numbers the hot filter and score loops read, one typed array per field indexed like
// snapshot.nodes: allocatable and requested cpu/memory/ephemeral-storage, pod counts, and flags for
// cordoned and tainted nodes. Kept in step with the NodeInfos by SchedulerCache.assume.
import type { NodeInfo, ResourceMap } from './types';

export interface NodeTable {
  names: string[];
  allocCpu: Float64Array;
  allocMemory: Float64Array;
  allocEphemeral: Float64Array;
  allocPods: Float64Array;
  reqCpu: Float64Array;
  reqMemory: Float64Array;
  reqEphemeral: Float64Array;
  nonZeroCpu: Float64Array;
  nonZeroMemory: Float64Array;
  podCount: Float64Array;
  /** 1 when spec.unschedulable or any taint: the quick filter check leaves such nodes to the plain chain. */
  special: Uint8Array;
  /** 1 when the node has any taint (TaintToleration scores it the plain way). */
  tainted: Uint8Array;
  /** 1 when the node lists images (ImageLocality can credit it). */
  hasImages: Uint8Array;
}

export function buildNodeTable(nodes: NodeInfo[]): NodeTable {
  const n = nodes.length;
  const f = (): Float64Array => new Float64Array(n);
  const t: NodeTable = {
    names: nodes.map((i) => i.name),
    allocCpu: f(),
    allocMemory: f(),
    allocEphemeral: f(),
    allocPods: f(),
    reqCpu: f(),
    reqMemory: f(),
    reqEphemeral: f(),
    nonZeroCpu: f(),
    nonZeroMemory: f(),
    podCount: f(),
    special: new Uint8Array(n),
    tainted: new Uint8Array(n),
    hasImages: new Uint8Array(n),
  };
  nodes.forEach((info, i) => {
    const a = info.allocatable;
    t.allocCpu[i] = a.cpu ?? 0;
    t.allocMemory[i] = a.memory ?? 0;
    t.allocEphemeral[i] = a['ephemeral-storage'] ?? 0;
    t.allocPods[i] = a.pods ?? 0;
    const tainted = (info.node.spec?.taints?.length ?? 0) > 0;
    t.tainted[i] = tainted ? 1 : 0;
    t.special[i] = tainted || info.node.spec?.unschedulable === true ? 1 : 0;
    t.hasImages[i] = info.images.size > 0 ? 1 : 0;
    syncRequested(t, i, info);
  });
  return t;
}

const num = (m: ResourceMap, name: string): number => m[name] ?? 0;

/** Copies node i's requested sums and pod count from its NodeInfo. */
export function syncRequested(t: NodeTable, i: number, info: NodeInfo): void {
  t.reqCpu[i] = num(info.requested, 'cpu');
  t.reqMemory[i] = num(info.requested, 'memory');
  t.reqEphemeral[i] = num(info.requested, 'ephemeral-storage');
  t.nonZeroCpu[i] = num(info.nonZeroRequested, 'cpu');
  t.nonZeroMemory[i] = num(info.nonZeroRequested, 'memory');
  t.podCount[i] = info.pods.length;
}
