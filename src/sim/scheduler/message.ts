// The FailedScheduling message (FitError.Error) and its pieces.
// upstream: pkg/scheduler/framework/types.go FitError.Error, NoNodeAvailableMsg
import type { Status } from './types';

/** Byte-wise, like Go's sort.Strings (all reasons are ASCII, so UTF-16 order is byte order). */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * "<count> <reason>" entries sorted byte-wise: every reason of every explicit node counts once, and
 * nodes without an explicit status (outside a PreFilter subset) count under the absent status.
 */
export function reasonHistogram(explicit: Status[], numAllNodes: number, absentReasons: string[]): string[] {
  const counts = new Map<string, number>();
  for (const status of explicit) for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const absent = numAllNodes - explicit.length;
  if (absent > 0) for (const r of absentReasons) counts.set(r, (counts.get(r) ?? 0) + absent);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byteOrder);
}

export interface FitErrorParts {
  numAllNodes: number;
  /** Set when a PreFilter plugin rejected the pod: replaces the per-node histogram. */
  preFilterMsg?: string;
  explicit: Status[];
  absentReasons: string[];
  /** PostFilter plugins' reasons joined by ", " ('' when none). */
  postFilterMsg: string;
}

/** "0/N nodes are available: <prefilter or histogram>. <postfilter>" */
export function fitErrorMessage(p: FitErrorParts): string {
  let msg = `0/${p.numAllNodes} nodes are available:`;
  if (p.preFilterMsg !== undefined && p.preFilterMsg !== '') {
    msg += ` ${p.preFilterMsg}.`;
  } else {
    const histogram = reasonHistogram(p.explicit, p.numAllNodes, p.absentReasons);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (p.postFilterMsg !== '') msg += ` ${p.postFilterMsg}`;
  return msg;
}

/** DynamicResources' PostFilter reason for a pod without ResourceClaims. */
// upstream: pkg/scheduler/framework/plugins/dynamicresources/dynamicresources.go PostFilter
export const DRA_NO_CLAIMS = 'no new claims to deallocate';

/** PostFilter reasons in plugin order (DynamicResources, DefaultPreemption), joined by ", ". */
// upstream: pkg/scheduler/framework/runtime/framework.go RunPostFilterPlugins
export function postFilterMessage(preemptionMsg: string | null): string {
  return preemptionMsg === null ? DRA_NO_CLAIMS : `${DRA_NO_CLAIMS}, preemption: ${preemptionMsg}`;
}

/** "Successfully assigned <ns>/<pod> to <node>" — the Scheduled event note. upstream: schedule_one.go */
export const scheduledMessage = (podKey: string, node: string): string =>
  `Successfully assigned ${podKey} to ${node}`;
