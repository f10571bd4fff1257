// The optimised Filter step: a quick check that proves, without allocating, that every filter plugin
// passes a node; anything it cannot prove goes through the plain chain (runFilters), so a rejected node
// gets exactly the plain path's status. The search order and early stop are the plain path's.
// upstream: pkg/scheduler/schedule_one.go findNodesThatPassFilters
import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import { runFiltersWithNominatedPods, type CycleState } from './cycle';
import { nodePortsFilter } from './plugins/nodePorts';
import { podMatchesNodeSelectorAndAffinity } from './selectors';
import { isScalarResource } from './requests';
import type { NodeTable } from './nodeTable';
import type { NodeInfo, Status } from './types';

/** What the quick check reads from the pod, computed once per cycle. */
export interface QuickPod {
  pod: Pod;
  tolerations: Toleration[];
  nodeName: string;
  checkAffinity: boolean;
  cpu: number;
  memory: number;
  ephemeral: number;
  scalars: [string, number][];
}

export function quickPod(state: CycleState): QuickPod {
  const { pod, requests } = state;
  return {
    pod,
    tolerations: pod.spec?.tolerations ?? [],
    nodeName: pod.spec?.nodeName ?? '',
    checkAffinity:
      pod.spec?.nodeSelector !== undefined ||
      pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined,
    cpu: requests.cpu ?? 0,
    memory: requests.memory ?? 0,
    ephemeral: requests['ephemeral-storage'] ?? 0,
    scalars: Object.entries(requests).filter(([name, v]) => v !== 0 && isScalarResource(name)),
  };
}

/** true only when every filter plugin would pass node i; false means "ask the plain chain". */
function passesAll(q: QuickPod, state: CycleState, t: NodeTable, i: number, node: NodeInfo): boolean {
  if (t.special[i] === 1) return false;
  if (q.nodeName !== '' && q.nodeName !== node.name) return false;
  if (q.checkAffinity && !podMatchesNodeSelectorAndAffinity(q.pod, node.node)) return false;
  if (state.hostPorts.length > 0 && nodePortsFilter(state.hostPorts, node) !== null) return false;
  if ((t.podCount[i] as number) + 1 > (t.allocPods[i] as number)) return false;
  if (q.cpu > 0 && q.cpu > (t.allocCpu[i] as number) - (t.reqCpu[i] as number)) return false;
  if (q.memory > 0 && q.memory > (t.allocMemory[i] as number) - (t.reqMemory[i] as number)) return false;
  if (q.ephemeral > 0 && q.ephemeral > (t.allocEphemeral[i] as number) - (t.reqEphemeral[i] as number))
    return false;
  for (const [name, v] of q.scalars)
    if (v > 0 && v > (node.allocatable[name] ?? 0) - (node.requested[name] ?? 0)) return false;
  return state.spread === null && state.interPod === null;
}

/** Examined nodes are candidates[(start + i) % length] for i < examined; feasible holds node indices. */
export interface CompactFilterOutcome {
  feasible: number[];
  statuses: Map<number, Status>;
  examined: number;
}

/**
 * The filter search over `candidates` (node indices into the snapshot), from `start`, stopping once
 * `toFind` nodes are feasible. upstream: schedule_one.go findNodesThatPassFilters
 */
export function filterCandidates(
  state: CycleState,
  t: NodeTable,
  candidates: Int32Array,
  start: number,
  toFind: number,
): CompactFilterOutcome {
  const q = quickPod(state);
  const nodes = state.snapshot.nodes;
  const out: CompactFilterOutcome = { feasible: [], statuses: new Map(), examined: 0 };
  const n = candidates.length;
  for (let k = 0; k < n && out.feasible.length < toFind; k++) {
    const i = candidates[(start + k) % n] as number;
    const node = nodes[i] as NodeInfo;
    out.examined++;
    // A node with nominated pods goes through the plain chain, which counts them.
    const quick = state.nominated.size === 0 || !state.nominated.has(node.name);
    const status = quick && passesAll(q, state, t, i, node) ? null : runFiltersWithNominatedPods(state, node);
    if (status === null) out.feasible.push(i);
    else out.statuses.set(i, status);
  }
  return out;
}
