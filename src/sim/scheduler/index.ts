// kube-scheduler's default profile for one pod, as a pure function: snapshot → PreFilter → Filter (from a
// rotating start, stopping at numFeasibleNodesToFind) → PostFilter or Score → selectHost.
// Two implementations decide alike: the plain one (plain.ts, the reference) and the optimised one
// (optimised.ts, with a cache kept between cycles); properties.test.ts holds them to each other.
// upstream: pkg/scheduler/schedule_one.go schedulePod, findNodesThatFitPod, findNodesThatPassFilters
import type { Pod } from 'kubernetes-types/core/v1';
import { SchedulerCache } from './cache';
import { decide, type Decision } from './optimised';
import { scheduleOnePlain } from './plain';
import type { SchedulingInput, SchedulingResult } from './types';
import { podKey } from './snapshot';

export type * from './types';
export { podRequests } from './requests';
export { numFeasibleNodesToFind } from './percentage';
export { SchedulerCache } from './cache';
export { decide, type Decision } from './optimised';
export { scheduleOnePlain } from './plain';

export interface PathOptions {
  /** false runs the plain reference path (plain.ts); the default is the optimised one. */
  optimised?: boolean;
}

export function scheduleOne(input: SchedulingInput, opts: PathOptions = {}): SchedulingResult {
  if (opts.optimised === false) return scheduleOnePlain(input);
  return decide(new SchedulerCache(input.nodes, input.assignedPods), input.pod, input).result();
}

type QueueInput = Omit<SchedulingInput, 'pod' | 'nextStartNodeIndex'> & { pods: Pod[] };

/**
 * Schedules the queue, handing each decision to `keep` before the next pod is tried. A pod for which
 * DefaultPreemption nominated a node gets a second decision: its victims are deleted (at once here; the
 * cluster simulation draws their graceful termination) and the pod, now nominated, tries that node alone
 * first, as its next scheduling attempt does. upstream: pkg/scheduler/schedule_one.go evaluateNominatedNode
 */
function runQueue<T>(
  input: QueueInput,
  opts: PathOptions & { verdicts?: boolean },
  keep: (d: Decision) => T,
): T[] {
  let cache = new SchedulerCache(input.nodes, input.assignedPods);
  let nextStartNodeIndex = 0;
  // A nominated pod leaves the nominator once it is bound. upstream: scheduling_queue.go DeleteNominatedPodIfExists
  let nominatedPods = input.nominatedPods;
  const out: T[] = [];
  const attempt = (pod: Pod): Decision => {
    const cycle = {
      nextStartNodeIndex,
      random: input.random,
      percentageOfNodesToScore: input.percentageOfNodesToScore,
      listers: input.listers,
      nominatedPods,
      verdicts: opts.verdicts,
    };
    const d = opts.optimised === false ? plainDecision(cache, pod, cycle) : decide(cache, pod, cycle);
    nextStartNodeIndex = d.nextStartNodeIndex;
    return d;
  };
  const settle = (pod: Pod, d: Decision): void => {
    out.push(keep(d));
    if (d.node === null) return;
    cache.assume(pod, d.node);
    nominatedPods = nominatedPods?.filter((p) => p !== pod);
  };
  for (const pod of input.pods) {
    const d = attempt(pod);
    settle(pod, d);
    const victims = d.node === null ? (d.result().preemption?.victims ?? null) : null;
    if (victims === null) continue;
    const gone = new Set(victims.pods);
    cache = new SchedulerCache(
      input.nodes,
      cache.assignedPods.filter((p) => !gone.has(podKey(p))),
    );
    const nominated: Pod = { ...pod, status: { ...pod.status, nominatedNodeName: victims.node } };
    settle(pod, nominatedAttempt(cache, nominated, victims.node, input, nominatedPods) ?? attempt(nominated));
  }
  return out;
}

/** The nominated node alone: the decision when the pod fits there, else null (the full cycle runs). */
function nominatedAttempt(
  cache: SchedulerCache,
  pod: Pod,
  node: string,
  input: QueueInput,
  nominatedPods: Pod[] | undefined,
): Decision | null {
  const only = input.nodes.filter((n) => n.metadata?.name === node);
  if (only.length !== 1) return null;
  const r = scheduleOnePlain({
    pod,
    nodes: only,
    assignedPods: cache.assignedPods,
    nextStartNodeIndex: 0,
    random: input.random,
    listers: input.listers,
    nominatedPods,
  });
  if (r.node === null) return null;
  return {
    pod,
    node: r.node,
    acceptableNodes: r.acceptableNodes,
    message: null,
    nextStartNodeIndex: 0,
    result: () => r,
  };
}

/**
 * Pending pods in queue order, each seeing the ones placed before it (the scheduler's assume step):
 * what `podwalk schedule` runs. The optimised path keeps one cache for the whole queue; the plain path
 * rebuilds everything per pod. Each Decision's result() gives the full per-node verdicts.
 */
export function scheduleQueue(input: QueueInput, opts: PathOptions = {}): Decision[] {
  return runQueue(input, opts, (d) => d);
}

export interface Binding {
  pod: Pod;
  node: string | null;
  /** The FailedScheduling message; null on success. */
  message: string | null;
}

/** scheduleQueue keeping only where each pod went: nothing per node outlives its cycle. */
export function bindQueue(input: QueueInput, opts: PathOptions = {}): Binding[] {
  return runQueue({ ...input }, { ...opts, verdicts: false }, (d) => ({
    pod: d.pod,
    node: d.node,
    message: d.message,
  }));
}

/** The plain path in Decision form: every cycle from scratch over the cache's node and pod lists. */
function plainDecision(
  cache: SchedulerCache,
  pod: Pod,
  cycle: Omit<SchedulingInput, 'pod' | 'nodes' | 'assignedPods'>,
): Decision {
  const r = scheduleOnePlain({ ...cycle, pod, nodes: cache.nodes, assignedPods: [...cache.assignedPods] });
  return {
    pod,
    node: r.node,
    acceptableNodes: r.acceptableNodes,
    message: r.message,
    nextStartNodeIndex: r.nextStartNodeIndex,
    result: () => r,
  };
}
