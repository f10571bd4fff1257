// The READY, STATUS and RESTARTS cells of `kubectl get pod`, computed exactly as printPod does, including its
// order-dependent quirks (init containers stop at the first unfinished one; app containers are scanned last→first,
// so the first container's reason wins).
// upstream: pkg/printers/internalversion/printers.go printPod
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { humanDuration, parseTimestamp } from './time';

export interface PodColumns {
  ready: number;
  total: number;
  status: string;
  restarts: number;
  /** Virtual ms of the latest `lastState.terminated.finishedAt` that counts, or null. */
  lastRestartMs: number | null;
}

interface Tally {
  reason: string;
  ready: number;
  restarts: number;
  lastRestartMs: number | null;
}

function later(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b !== null && b > a ? b : a;
}

function finishedAt(status: ContainerStatus): number | null {
  return parseTimestamp(status.lastState?.terminated?.finishedAt);
}

function isRestartable(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function conditionIs(pod: Pod, type: string, status: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === status);
}

function baseReason(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || '';
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  return reason;
}

// Returns the Init:… reason for an unfinished init container, or null when it is done (or a started sidecar).
function initReason(s: ContainerStatus, index: number, total: number, sidecar: boolean): string | null {
  const term = s.state?.terminated;
  if (term && (term.exitCode ?? 0) === 0) return null;
  if (sidecar && s.started === true) return null;
  if (term) {
    if (term.reason) return `Init:${term.reason}`;
    return term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
  }
  const waiting = s.state?.waiting?.reason;
  if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
  return `Init:${index}/${total}`;
}

interface InitScan {
  all: Tally;
  sidecars: Pick<Tally, 'restarts' | 'lastRestartMs'>;
  initializing: boolean;
}

function scanInit(pod: Pod, reason: string): InitScan {
  const total = (pod.spec?.initContainers ?? []).length;
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const all: Tally = { reason, ready: 0, restarts: 0, lastRestartMs: null };
  const sidecars = { restarts: 0, lastRestartMs: null as number | null };
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (const [i, s] of statuses.entries()) {
    const sidecar = isRestartable(specs.get(s.name));
    all.restarts += s.restartCount ?? 0;
    all.lastRestartMs = later(all.lastRestartMs, finishedAt(s));
    if (sidecar) {
      sidecars.restarts += s.restartCount ?? 0;
      sidecars.lastRestartMs = later(sidecars.lastRestartMs, finishedAt(s));
    }
    const pending = initReason(s, i, total, sidecar);
    if (pending === null) {
      // Only a started sidecar counts as ready; a completed init container never does.
      const succeeded = s.state?.terminated && (s.state.terminated.exitCode ?? 0) === 0;
      if (!succeeded && s.ready) all.ready++;
      continue;
    }
    all.reason = pending;
    return { all, sidecars, initializing: true };
  }
  return { all, sidecars, initializing: false };
}

function appReason(s: ContainerStatus): string | null {
  const waiting = s.state?.waiting;
  if (waiting?.reason) return waiting.reason;
  const term = s.state?.terminated;
  if (!term) return null;
  if (term.reason) return term.reason;
  return term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
}

function scanApp(pod: Pod, start: Tally): Tally {
  const t = { ...start };
  let hasRunning = false;
  const statuses = pod.status?.containerStatuses ?? [];
  for (let i = statuses.length - 1; i >= 0; i--) {
    const s = statuses[i];
    if (!s) continue;
    t.restarts += s.restartCount ?? 0;
    t.lastRestartMs = later(t.lastRestartMs, finishedAt(s));
    const reason = appReason(s);
    if (reason !== null) t.reason = reason;
    else if (s.ready && s.state?.running) {
      hasRunning = true;
      t.ready++;
    }
  }
  // A pod whose finished container is shown would read "Completed" while another still serves.
  if (t.reason === 'Completed' && hasRunning) {
    t.reason = conditionIs(pod, 'Ready', 'True') ? 'Running' : 'NotReady';
  }
  return t;
}

function deletionReason(pod: Pod, reason: string): string {
  if (!pod.metadata?.deletionTimestamp) return reason;
  if (pod.status?.reason === 'NodeLost') return 'Unknown';
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' ? reason : 'Terminating';
}

/** All the printPod-derived values for one pod. */
export function podColumns(pod: Pod): PodColumns {
  const sidecarCount = (pod.spec?.initContainers ?? []).filter(isRestartable).length;
  const total = (pod.spec?.containers ?? []).length + sidecarCount;
  const init = scanInit(pod, baseReason(pod));
  let tally = init.all;
  if (!init.initializing || conditionIs(pod, 'Initialized', 'True')) {
    // Once initialised, only sidecar restarts carry over from the init containers.
    tally = scanApp(pod, { ...init.all, ...init.sidecars });
  }
  const status = deletionReason(pod, tally.reason);
  return { ready: tally.ready, total, status, restarts: tally.restarts, lastRestartMs: tally.lastRestartMs };
}

/** STATUS, e.g. `ContainerCreating`, `Init:0/1`, `CrashLoopBackOff`, `Terminating`. */
export function podStatusColumn(pod: Pod): string {
  return podColumns(pod).status;
}

/** READY, e.g. `1/1`. */
export function podReadyColumn(pod: Pod): string {
  const { ready, total } = podColumns(pod);
  return `${ready}/${total}`;
}

/** The RESTARTS cell for already computed columns. */
export function restartsCell({ restarts, lastRestartMs }: PodColumns, nowMs: number): string {
  if (restarts === 0 || lastRestartMs === null) return String(restarts);
  return `${restarts} (${humanDuration(nowMs - lastRestartMs)} ago)`;
}

/** RESTARTS, e.g. `0` or `1 (2s ago)`. */
export function podRestartsColumn(pod: Pod, nowMs: number): string {
  return restartsCell(podColumns(pod), nowMs);
}
