// The trace is the contract between the simulation and everything that shows it (diagram, narration,
// kubectl views, CLI, exports, golden tests). It is plain JSON and versioned: a later release must still
// read version 1 documents.
import type { ScenarioSummary } from '../scenario';

/** Lifelines, one per kind of component, in diagram order (left to right). */
export const LANES = [
  'kubectl',
  'kube-apiserver',
  'etcd',
  // Only drawn when a run uses it (a workload or a PodDisruptionBudget in the scenario); see lanesOf.
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'containerd',
  // CRI-O and its per-container monitor, instead of containerd on nodes that run CRI-O.
  'cri-o',
  'conmon',
  'runc',
  // Kata Containers (runtimeClassName with handler kata): the shim, the VM's hypervisor, the guest kernel
  // and the agent inside the VM.
  'containerd-shim-kata-v2',
  'qemu',
  'guest kernel',
  'kata-agent',
  'kernel',
] as const;
export type Lane = (typeof LANES)[number];

/** Lanes a run may leave out entirely; they appear only when a message uses them. */
export const OPTIONAL_LANES: readonly Lane[] = [
  'kube-controller-manager',
  'cri-o',
  'conmon',
  'containerd-shim-kata-v2',
  'qemu',
  'guest kernel',
  'kata-agent',
];

/**
 * The lanes to draw for a trace: every lane, less optional ones no message touches. containerd is left
 * out too when CRI-O served the node's CRI calls instead and containerd never spoke.
 */
export function lanesOf(trace: { messages: readonly { from: Lane; to: Lane }[] }): Lane[] {
  const used = new Set<Lane>();
  for (const m of trace.messages) {
    used.add(m.from);
    used.add(m.to);
  }
  const withoutContainerd = used.has('cri-o') && !used.has('containerd');
  return LANES.filter(
    (l) => (!OPTIONAL_LANES.includes(l) || used.has(l)) && !(l === 'containerd' && withoutContainerd),
  );
}

export const PHASES = [
  'Setup',
  'Admission',
  'Persist',
  // kube-controller-manager turning a workload (Deployment, ReplicaSet, StatefulSet) into Pods.
  'Reconcile',
  'Schedule',
  'Bind',
  'Sandbox',
  'Pull',
  'Start',
  'Running',
  'Delete',
] as const;
export type Phase = (typeof PHASES)[number];

/** How a message travels; the diagram draws watches differently from requests. */
export type MessageKind = 'request' | 'response' | 'watch' | 'internal';

export interface TraceMessage {
  /** 1-based, counts every message. */
  seq: number;
  /** Virtual milliseconds since the start of the run, at delivery. */
  t: number;
  from: Lane;
  to: Lane;
  fromActor: string;
  toActor: string;
  /** Activity 1–15 (numbered as in the source article), or null for Setup. */
  activity: number | null;
  phase: Phase;
  /** `<namespace>/<name>` of the pod this message is about, if any. */
  pod: string | null;
  kind: MessageKind;
  /** Short arrow label, e.g. `POST /api/v1/namespaces/default/pods`. */
  label: string;
  detail: Record<string, unknown>;
}

/** A machine whose state value changed while handling message `seq`. */
export interface StateDelta {
  seq: number;
  actor: string;
  state: string;
}

/** An object as stored (in etcd) after message `seq`; `object: null` means the key was deleted. */
export interface ObjectRevision {
  seq: number;
  t: number;
  key: string;
  revision: number;
  object: Record<string, unknown> | null;
}

/** A line a terminal shows (kubectl's stdout/stderr) after message `seq`. */
export interface TerminalLine {
  seq: number;
  t: number;
  stream: 'stdout' | 'stderr';
  command: string;
  text: string;
}

export interface Trace {
  version: 1;
  scenario: ScenarioSummary;
  messages: TraceMessage[];
  states: StateDelta[];
  objects: ObjectRevision[];
  terminal: TerminalLine[];
  /** Virtual time at which start-up (Setup) was over; action times count from here. */
  clusterReadyAt: number;
  end: { t: number; reason: 'idle' | 'horizon' };
}
