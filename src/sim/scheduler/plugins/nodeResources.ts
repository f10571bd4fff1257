// NodeResourcesFit (filter + LeastAllocated score) and NodeResourcesBalancedAllocation.
import type { NodeInfo, ResourceMap, Status } from '../types';
import { isScalarResource } from '../requests';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';
const MAX_NODE_SCORE = 100;

/** Integer a*b/c as Go's int64 arithmetic gives it, exact even past 2^53. */
export function mulDiv(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return Math.trunc(product / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

interface Insufficient {
  reason: string;
  unresolvable: boolean;
}

function checkResource(name: string, req: number, node: NodeInfo): Insufficient | null {
  const alloc = node.allocatable[name] ?? 0;
  if (req <= 0 || req <= alloc - (node.requested[name] ?? 0)) return null;
  return { reason: `Insufficient ${name}`, unresolvable: req > alloc };
}

/** Reasons in upstream order: pods, cpu, memory, ephemeral-storage, then scalar resources. */
// upstream: pkg/scheduler/framework/plugins/noderesources/fit.go fitsRequest
function fitsRequest(req: ResourceMap, node: NodeInfo): Insufficient[] {
  const out: Insufficient[] = [];
  if (node.pods.length + 1 > (node.allocatable.pods ?? 0))
    out.push({ reason: 'Too many pods', unresolvable: false });
  const names = Object.keys(req).filter((n) => (req[n] ?? 0) !== 0);
  if (names.length === 0) return out;
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const r = checkResource(name, req[name] ?? 0, node);
    if (r !== null) out.push(r);
  }
  // Upstream iterates a Go map here (random order); sorting keeps several failing scalars deterministic.
  for (const name of names.filter(isScalarResource).sort()) {
    const r = checkResource(name, req[name] ?? 0, node);
    if (r !== null) out.push(r);
  }
  return out;
}

/** Unresolvable (preemption cannot help) when some request exceeds the node's whole allocatable. */
// upstream: noderesources/fit.go Filter
export function nodeResourcesFitFilter(req: ResourceMap, node: NodeInfo): Status | null {
  const insufficient = fitsRequest(req, node);
  if (insufficient.length === 0) return null;
  return {
    plugin: NODE_RESOURCES_FIT,
    code: insufficient.some((i) => i.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable',
    reasons: insufficient.map((i) => i.reason),
  };
}

/** upstream: noderesources/least_allocated.go leastRequestedScore */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return mulDiv(capacity - requested, MAX_NODE_SCORE, capacity);
}

/** LeastAllocated over cpu and memory (weight 1 each), with non-zero requests for the pod and the node. */
// upstream: noderesources/least_allocated.go leastResourceScorer, resource_allocation.go score
export function leastAllocatedScore(podNonZero: ResourceMap, node: NodeInfo): number {
  let sum = 0;
  let weights = 0;
  for (const name of ['cpu', 'memory']) {
    const alloc = node.allocatable[name] ?? 0;
    if (alloc === 0) continue;
    sum += leastRequestedScore((node.nonZeroRequested[name] ?? 0) + (podNonZero[name] ?? 0), alloc);
    weights += 1;
  }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}

/** (1 − std of the cpu/memory fractions) × 100, truncated; fractions capped at 1. */
// upstream: noderesources/balanced_allocation.go balancedResourceScorer
export function balancedScore(requested: ResourceMap, allocatable: ResourceMap): number {
  const fractions: number[] = [];
  for (const name of ['cpu', 'memory']) {
    const alloc = allocatable[name] ?? 0;
    if (alloc === 0) continue;
    fractions.push(Math.min(1, (requested[name] ?? 0) / alloc));
  }
  let std = 0;
  const [a, b] = fractions;
  if (fractions.length === 2 && a !== undefined && b !== undefined) std = Math.abs((a - b) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** PreScore Skip for a pod whose actual cpu and memory requests are both zero. */
export function isBestEffort(podActual: ResourceMap): boolean {
  return (podActual.cpu ?? 0) === 0 && (podActual.memory ?? 0) === 0;
}

/** v1.36+: how much placing the pod moves the node's balance, centred on 50 (PR #135573). */
// upstream: noderesources/balanced_allocation.go Score (v1.36, scheduler.md §5)
export function balancedAllocationScore(podActual: ResourceMap, node: NodeInfo): number {
  const without: ResourceMap = { cpu: node.requested.cpu ?? 0, memory: node.requested.memory ?? 0 };
  const withPod: ResourceMap = {
    cpu: (without.cpu ?? 0) + (podActual.cpu ?? 0),
    memory: (without.memory ?? 0) + (podActual.memory ?? 0),
  };
  const delta = 50 + balancedScore(withPod, node.allocatable) - balancedScore(without, node.allocatable);
  return 50 + Math.trunc(delta / 2);
}

/** balancedScore for cpu and memory given as numbers (the optimised path's node table). */
export function balancedScoreOf(cpu: number, memory: number, allocCpu: number, allocMemory: number): number {
  let std = 0;
  if (allocCpu !== 0 && allocMemory !== 0)
    std = Math.abs((Math.min(1, cpu / allocCpu) - Math.min(1, memory / allocMemory)) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
