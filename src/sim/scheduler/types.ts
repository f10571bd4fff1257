// Public shapes of one scheduling cycle, plus the internal snapshot types the plugins share.
import type { Node, Pod, ReplicationController, Service } from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';

/**
 * What kube-scheduler's other informers hold: the objects PodTopologySpread's system defaults build
 * their selector from, and the PodDisruptionBudgets DefaultPreemption weighs victims by.
 * upstream: podtopologyspread/plugin.go setListers; preemption/preemption.go NewEvaluator (PdbLister)
 */
export interface SchedulerListers {
  services: Service[];
  replicationControllers: ReplicationController[];
  replicaSets: ReplicaSet[];
  statefulSets: StatefulSet[];
  podDisruptionBudgets: PodDisruptionBudget[];
}

export interface SchedulingInput {
  /** The pending pod, as admitted (spec.priority and spec.overhead already filled). */
  pod: Pod;
  /** Every Node, in cluster order (the order the scheduler's node list has). */
  nodes: Node[];
  /** Pods with spec.nodeName; Succeeded/Failed pods are dropped here, as the scheduler's informer does. */
  assignedPods: Pod[];
  /** Where the filter search starts (0 at the first cycle; pass back the result's value). */
  nextStartNodeIndex: number;
  /** Seeded [0,1) source, used only to break ties between equally scored nodes. */
  random: () => number;
  /** 0 or absent = adaptive, as kube-scheduler's default. */
  percentageOfNodesToScore?: number;
  /** Services, controllers and PDBs the scheduler's informers hold; absent lists are empty. */
  listers?: Partial<SchedulerListers>;
  /**
   * Pending pods with status.nominatedNodeName (the scheduler's PodNominator). Those of equal or higher
   * priority count on their nominated node when filtering. upstream: runtime/framework.go addGENominatedPods
   */
  nominatedPods?: Pod[];
}

export interface PluginScore {
  plugin: string;
  raw: number;
  normalized: number;
  weight: number;
  weighted: number;
}

export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface NodeVerdict {
  node: string;
  /** false when the search stopped before this node or PreFilter excluded it. */
  examined: boolean;
  feasible: boolean;
  failedPlugin: string | null;
  /** Verbatim upstream reasons of the first failing plugin, in upstream order. */
  reasons: string[];
  code: StatusCode | null;
  /** Empty when the node was not scored. */
  scores: PluginScore[];
  /** null when filtered out, not examined, or when only one node was feasible (no scoring). */
  total: number | null;
}

export interface PreemptionOutcome {
  eligible: boolean;
  /** DefaultPreemption's status message (without the `preemption: ` prefix); '' when it nominated a node. */
  message: string;
  victims: { node: string; pods: string[] } | null;
}

export interface SchedulingResult {
  pod: string;
  node: string | null;
  acceptableNodes: string[];
  /** The exact FailedScheduling message, PostFilter part included; null on success. */
  message: string | null;
  preFilter: { plugin: string; result: string }[];
  nodes: NodeVerdict[];
  numFeasibleNodesToFind: number;
  examinedCount: number;
  nextStartNodeIndex: number;
  preemption: PreemptionOutcome | null;
}

/** A filter plugin's rejection. upstream: staging/src/k8s.io/kube-scheduler/framework/interface.go Status */
export interface Status {
  plugin: string;
  code: StatusCode;
  reasons: string[];
}

/** Resource amounts keyed by resource name: cpu in millicores, memory and storage in bytes, others in units. */
export type ResourceMap = Record<string, number>;

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** What the scheduler cache knows about one node. upstream: pkg/scheduler/framework/types.go NodeInfo */
export interface NodeInfo {
  name: string;
  node: Node;
  labels: Record<string, string>;
  pods: Pod[];
  allocatable: ResourceMap;
  requested: ResourceMap;
  /** Requests with missing cpu/memory counted as 100m/200Mi; only scoring uses it. */
  nonZeroRequested: ResourceMap;
  usedPorts: HostPort[];
  /** Image name → size in bytes, one entry per name in status.images[].names. */
  images: Map<string, number>;
}

export interface Snapshot {
  nodes: NodeInfo[];
  byName: Map<string, NodeInfo>;
  /** Image name → number of nodes holding it. upstream: pkg/scheduler/backend/cache/snapshot.go createImageExistenceMap */
  imageNodeCounts: Map<string, number>;
}
