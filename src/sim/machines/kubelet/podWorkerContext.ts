// The pod worker's context and the helpers every step shares: identity, status patches and events
// (through the event correlator, so repeats PATCH one Event). upstream: pkg/kubelet/pod_workers.go;
// pkg/kubelet/status/status_manager.go (patch only on change); client-go tools/record/event.go recordToSink
import type { SimEvent } from '../../cluster/events';
import type { Cause } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import type { Phase } from '../../trace/types';
import type { KubeObject } from '../../scenario';
import type { SimEnv } from '../../cluster/env';
import { asPod, type Pod } from '../../k8s/pod';
import { unixNanoHex } from '../../time/timestamps';
import type { BackoffTable } from '../../node/backoff';
import { correlate, type CorrelatorState } from '../../node/eventCorrelator';
import { patchEvent, patchStatus, postEvent, type WorkerIds } from './podWorkerIO';
import { conditionSignature, generatePodStatus } from './podStatus';
import type { ContainerRuntime } from './containerRuntime';
import { readinessOf, startedOf, type ProbeRun } from './probeState';
import type { Termination } from './podTermination';

export interface PodWorkerContext {
  env: SimEnv;
  node: string;
  hostIP: string;
  pod: KubeObject;
  uid: string;
  seq: number;
  cgroupParent: string;
  sandboxId: string | null;
  podIP: string | null;
  /** Init containers first, then app containers. */
  runtime: ContainerRuntime[];
  /** The container the sync is starting, and the ones still to start in this sync. */
  index: number;
  todo: number[];
  finished: boolean;
  reasons: Record<string, { reason: string; message: string }>;
  /** This sync's errors: the earliest crash back-off expiry, or another error. */
  syncError: { backoffAtMs: number | null; other: boolean };
  crashBackoff: BackoffTable;
  imageBackoff: BackoffTable;
  pullErrors: Record<string, string>;
  correlator: CorrelatorState;
  rng: number;
  /** Delay to the next sync requested by the last one (null: none). */
  resyncMs: number | null;
  /** Containers whose state changed since the last relist. */
  changed: string[];
  /** When containerd reported each exit (the runtime's finishedAt). */
  exitedAt: Record<string, number>;
  imageRef: string;
  newContainerId: string;
  pullStartMs: number;
  transitions: Record<string, number>;
  lastSig: Record<string, string>;
  lastStatus: string;
  lastPhase: string;
  startTimeMs: number;
  deleting: boolean;
  sandboxStopped: boolean;
  awaiting: number;
  /** Prober workers, keyed `<probe>:<container>`. */
  probes: Record<string, ProbeRun>;
  /** A container whose liveness or startup probe failed: the next sync kills and restarts it. */
  unhealthy: { name: string; containerId: string; probe: 'liveness' | 'startup' } | null;
  /** The container this sync killed for a failed probe: its back-off looks at the exit before. */
  killedInSync?: string | null;
  /** A probe result asked for a sync (a startup probe succeeded). */
  syncRequested?: boolean;
  /** Deletion in progress: each container's preStop hook and turn to stop. */
  termination?: Termination;
}

export type Step = { ctx: PodWorkerContext; out: Outgoing[] };
export type Ev = SimEvent;

export const podOf = (c: PodWorkerContext): Pod => asPod(c.pod);
export const keyOf = (c: PodWorkerContext) =>
  `${c.pod.metadata.namespace ?? 'default'}/${c.pod.metadata.name ?? ''}`;
export const cause = (c: PodWorkerContext, activity: number, phase: Phase): Cause => ({
  activity,
  phase,
  pod: keyOf(c),
});
/** The pod as the kubelet's messages name it: `name_namespace(uid)`. upstream: pkg/kubelet/util/format/pod.go Pod */
export const podDesc = (c: PodWorkerContext) =>
  `${c.pod.metadata.name ?? ''}_${c.pod.metadata.namespace ?? 'default'}(${c.uid})`;

/** Identity for requests; `offset` keeps ids unique when a step sends several messages. */
export function ids(c: PodWorkerContext, offset = 0): WorkerIds {
  return {
    node: c.node,
    uid: c.uid,
    namespace: c.pod.metadata.namespace ?? 'default',
    name: c.pod.metadata.name ?? '',
    seq: c.seq + offset,
    ...(c.env.criEndpoint ? { cri: c.env.criEndpoint(c.node) } : {}),
  };
}

function status(c: PodWorkerContext): { ctx: PodWorkerContext; status: Record<string, unknown> } {
  const now = c.env.now();
  const draft = {
    pod: podOf(c),
    hostIP: c.hostIP,
    startTimeMs: c.startTimeMs,
    podIP: c.podIP,
    sandboxReady: c.sandboxId !== null && c.podIP !== null && !c.sandboxStopped,
    containers: c.runtime,
    reasons: c.reasons,
    lastPhase: c.lastPhase,
    podIsTerminal: c.sandboxStopped,
    readiness: readinessOf(podOf(c), c.runtime, c.probes),
    started: startedOf(podOf(c), c.runtime, c.probes),
    ...(c.env.criEndpoint?.(c.node).startsWith('crio:') ? { runtimeName: 'cri-o' } : {}),
  };
  const first = generatePodStatus({ ...draft, transitions: c.transitions });
  const sig = conditionSignature(first);
  let transitions = c.transitions;
  for (const [type, value] of Object.entries(sig))
    if (c.lastSig[type] !== value) {
      if (transitions === c.transitions) transitions = { ...c.transitions };
      transitions[type] = now;
    }
  // Only a condition that changed moves a lastTransitionTime; otherwise the first status is the status.
  const s = transitions === c.transitions ? first : generatePodStatus({ ...draft, transitions });
  return { ctx: { ...c, transitions, lastSig: sig, lastPhase: String(s.phase) }, status: s };
}

/** The status manager's PATCH, sent only when the status changed (`force` for the first one). */
export function patch(
  c: PodWorkerContext,
  cz: Cause,
  summary: string | ((s: Record<string, unknown>) => string),
  offset = 0,
  force = false,
): Step {
  const s = status(c);
  const text = JSON.stringify(s.status);
  if (!force && text === c.lastStatus) return { ctx: c, out: [] };
  const label = typeof summary === 'string' ? summary : summary(s.status);
  return { ctx: { ...s.ctx, lastStatus: text }, out: [patchStatus(ids(c, offset), cz, s.status, label)] };
}

/** Records an event through the correlator: POST a new one, PATCH a repeat, drop what the spam filter drops. */
export function event(
  c: PodWorkerContext,
  cz: Cause,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  container: string | undefined,
  offset: number,
): Step {
  const now = c.env.now();
  const fieldPath = container ? fieldPathOf(c, container) : '';
  const input = {
    spamKey: `kubelet${c.node}Pod${ids(c).namespace}${ids(c).name}${c.uid}v1`,
    fieldPath,
    type,
    reason,
    message,
    name: `${c.pod.metadata.name ?? ''}.${unixNanoHex(now + (c.seq % 1000) / 1e6)}`,
  };
  const { state, result } = correlate(c.correlator, input, now);
  const ctx = { ...c, correlator: state };
  if (result.action === 'skip') return { ctx, out: [] };
  const w = ids(c, offset);
  if (result.action === 'patch')
    return { ctx, out: [patchEvent(w, cz, result.name, reason, message, result.count, now)] };
  return {
    ctx,
    out: [postEvent(w, c.pod, cz, type, reason, message, now, fieldPath || undefined, result.name)],
  };
}

function fieldPathOf(c: PodWorkerContext, container: string): string {
  const init = c.runtime.find((r) => r.name === container)?.init;
  return init ? `spec.initContainers{${container}}` : `spec.containers{${container}}`;
}

/** Runs steps one after another, threading the context and collecting messages. */
export function chain(c: PodWorkerContext, ...fns: ((c: PodWorkerContext) => Step)[]): Step {
  let ctx = c;
  const out: Outgoing[] = [];
  for (const f of fns) {
    const r = f(ctx);
    ctx = { ...r.ctx, seq: r.ctx.seq + r.out.length };
    out.push(...r.out);
  }
  return { ctx, out };
}
