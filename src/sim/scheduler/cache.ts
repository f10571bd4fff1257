// The scheduler cache the optimised path keeps between cycles: the snapshot is built once, and each
// placed pod is added to its node's NodeInfo (requests, ports, pod list) instead of rebuilding every
// NodeInfo from every pod on the next cycle, as the scheduler's assume step does.
// upstream: pkg/scheduler/backend/cache/cache.go AssumePod, UpdateSnapshot
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { buildNodeTable, syncRequested, type NodeTable } from './nodeTable';
import { shareRequests } from './requests';
import { addPodToNodeInfo, buildSnapshot, isTerminal } from './snapshot';
import type { Snapshot } from './types';

/** Whether a pod carries terms InterPodAffinity's PreFilter or PreScore would read on an existing pod. */
function affinityTermsOf(p: Pod): { requiredAnti: boolean; scoring: boolean } {
  const a = p.spec?.affinity;
  const has = (list: unknown[] | undefined): boolean => (list?.length ?? 0) > 0;
  return {
    requiredAnti: has(a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    scoring:
      has(a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution) ||
      has(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution) ||
      has(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

export class SchedulerCache {
  readonly nodes: Node[];
  /** Every assigned pod, placed ones appended, as the plain path's `assignedPods` input. */
  readonly assignedPods: Pod[];
  readonly snapshot: Snapshot;
  readonly table: NodeTable;
  /** 0..n-1: the filter search's candidates when PreFilter keeps every node. */
  readonly allIndices: Int32Array;
  private readonly indexOf = new Map<string, number>();
  /** Pods in the snapshot with required anti-affinity: while 0, InterPodAffinity's PreFilter can only Skip. */
  podsWithRequiredAnti = 0;
  /** Pods in the snapshot with terms InterPodAffinity scores by; while 0, only the incoming pod's count. */
  podsWithScoringTerms = 0;

  constructor(nodes: Node[], assignedPods: Pod[]) {
    this.nodes = nodes;
    this.assignedPods = [...assignedPods];
    this.snapshot = buildSnapshot(nodes, assignedPods);
    this.table = buildNodeTable(this.snapshot.nodes);
    this.snapshot.nodes.forEach((info, i) => this.indexOf.set(info.name, i));
    this.allIndices = Int32Array.from(this.snapshot.nodes.keys());
    for (const info of this.snapshot.nodes) for (const p of info.pods) this.count(p);
  }

  private count(p: Pod): void {
    const t = affinityTermsOf(p);
    if (t.requiredAnti) this.podsWithRequiredAnti++;
    if (t.scoring) this.podsWithScoringTerms++;
  }

  private readonly totals: number[] = [];

  /** A zeroed buffer of at least `count` numbers, reused by every cycle that keeps no verdicts. */
  scratch(count: number): number[] {
    this.totals.fill(0, 0, Math.min(count, this.totals.length));
    while (this.totals.length < count) this.totals.push(0);
    return this.totals;
  }

  /** Indices of the nodes in a PreFilter subset, in node order. */
  indicesOf(names: Set<string>): Int32Array {
    return Int32Array.from(
      [...this.snapshot.nodes.keys()].filter((i) => names.has(this.table.names[i] ?? '')),
    );
  }

  /** Binds `pod` to `nodeName` in the cache (the pod as the CLI and the plain path then see it). */
  assume(pod: Pod, nodeName: string): Pod {
    const bound: Pod = { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName } };
    shareRequests(pod, bound);
    this.assignedPods.push(bound);
    const i = this.indexOf.get(nodeName);
    const info = i === undefined ? undefined : this.snapshot.nodes[i];
    if (i !== undefined && info !== undefined && !isTerminal(bound)) {
      addPodToNodeInfo(info, bound);
      syncRequested(this.table, i, info);
      this.count(bound);
    }
    return bound;
  }
}
