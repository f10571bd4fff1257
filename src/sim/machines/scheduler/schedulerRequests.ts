// What the scheduler asks of the API server: the Binding, the PodScheduled=False status patch, and
// its events. upstream: pkg/scheduler/framework/plugins/defaultbinder/default_binder.go;
// pkg/scheduler/schedule_one.go (finishBinding, handleSchedulingFailure)
import type { HttpRequest, SimEvent } from '../../cluster/events';
import { note, type Cause } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { API_SERVER, SCHEDULER } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { Random } from '../../time/random';
import { rfc3339 } from '../../time/timestamps';
import type { KubeObject } from '../../scenario';
import { asNode, asPod } from '../../k8s/pod';
import { schedulerEvent } from '../../k8s/events';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { decide, scheduleOne, SchedulerCache, type SchedulingResult } from '../../scheduler';
import { liveCache } from './liveCache';
import type { SchedulerContext } from './schedulerMachine';
import { listersOf, nominatedPodsOf } from './listers';

const USER = { name: 'system:kube-scheduler', groups: ['system:authenticated'] };

/** A pod this scheduler should place: no node yet, its schedulerName, not being deleted. */
export function isSchedulable(obj: KubeObject): boolean {
  const pod = asPod(obj);
  return (
    !pod.spec?.nodeName &&
    (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
    !pod.metadata?.deletionTimestamp
  );
}

export function runCycle(
  ctx: SchedulerContext,
  podKey: string,
): { result: SchedulingResult | null; rng: number; nextStartNodeIndex: number } {
  const pod = ctx.pods[podKey];
  if (!pod || !isSchedulable(pod))
    return { result: null, rng: ctx.rng, nextStartNodeIndex: ctx.nextStartNodeIndex };
  const rnd = new Random(ctx.rng);
  const random = () => rnd.next();
  const listers = listersOf(ctx.listers);
  const nominatedPods = nominatedPodsOf(ctx.pods, ctx.env.inPlace);
  const nodes = (): Node[] => Object.values(ctx.nodes).map(asNode);
  const assignedPods = (): Pod[] =>
    Object.values(ctx.pods)
      .map(asPod)
      .filter((p) => p.spec?.nodeName);
  // A pod nominated by an earlier preemption tries its nominated node alone first, and takes it when it
  // fits there; otherwise the cycle runs over every node.
  // upstream: pkg/scheduler/schedule_one.go findNodesThatFitPod, evaluateNominatedNode
  const nominated = asPod(pod).status?.nominatedNodeName;
  const only = nominated ? nodes().filter((n) => n.metadata?.name === nominated) : [];
  if (nominated && only.length === 1) {
    const input = { pod: asPod(pod), assignedPods: assignedPods(), random, listers, nominatedPods };
    const first = scheduleOne({ ...input, nodes: only, nextStartNodeIndex: 0 });
    if (first.node !== null)
      return { result: first, rng: rnd.state, nextStartNodeIndex: ctx.nextStartNodeIndex };
  }
  const cycle = { random, nextStartNodeIndex: ctx.nextStartNodeIndex, listers, nominatedPods };
  // In a run the cache is kept between cycles (liveCache.ts); elsewhere it is built for the cycle.
  const cache = ctx.env.inPlace
    ? liveCache(ctx.pods, ctx.nodes)
    : new SchedulerCache(nodes(), assignedPods());
  const result = decide(cache, asPod(pod), cycle).result();
  return { result, rng: rnd.state, nextStartNodeIndex: result.nextStartNodeIndex };
}

function post(
  id: string,
  cause: Cause,
  method: HttpRequest['method'],
  path: string,
  body: unknown,
  label: string,
  contentType = 'application/json',
): Outgoing {
  const event: SimEvent = {
    type: 'http.request',
    note: note(cause, 'request', label, { method, path, contentType, body }),
    request: { id, method, path, query: '', contentType, body, user: USER, replyTo: SCHEDULER },
  };
  return { to: API_SERVER, delay: LATENCY.network, event };
}

export function bindingRequest(pod: KubeObject, node: string, n: number): Outgoing {
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const body = {
    kind: 'Binding',
    apiVersion: 'v1',
    metadata: { name, namespace: ns, uid: pod.metadata.uid },
    target: { kind: 'Node', name: node },
  };
  const path = `/api/v1/namespaces/${ns}/pods/${name}/binding`;
  return post(
    `scheduler-bind-${n}`,
    { activity: 11, phase: 'Bind', pod: `${ns}/${name}` },
    'POST',
    path,
    body,
    `POST ${path}`,
  );
}

function regarding(pod: KubeObject) {
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    uid: String(pod.metadata.uid ?? ''),
    resourceVersion: pod.metadata.resourceVersion as string | undefined,
  };
}

function eventRequest(pod: KubeObject, ev: KubeObject, cause: Cause, n: number): Outgoing {
  const path = `/apis/events.k8s.io/v1/namespaces/${pod.metadata.namespace ?? 'default'}/events`;
  return post(`scheduler-event-${n}`, cause, 'POST', path, ev, `POST event ${String(ev.reason)}`);
}

export function scheduledEventRequest(pod: KubeObject, node: string, nowMs: number, n: number): Outgoing {
  const r = regarding(pod);
  // upstream: pkg/scheduler/schedule_one.go finishBinding "Successfully assigned %v/%v to %v"
  const ev = schedulerEvent(
    r,
    'Normal',
    'Scheduled',
    'Binding',
    `Successfully assigned ${r.namespace}/${r.name} to ${node}`,
    nowMs,
  );
  return eventRequest(pod, ev, { activity: 11, phase: 'Bind', pod: `${r.namespace}/${r.name}` }, n);
}

/**
 * The PodScheduled=False patch and the FailedScheduling event, both carrying FitError's message; after a
 * preemption the patch also sets status.nominatedNodeName.
 * upstream: pkg/scheduler/schedule_one.go handleSchedulingFailure, updatePod
 */
export function failureRequests(
  pod: KubeObject,
  message: string,
  nowMs: number,
  n: number,
  nominatedNode: string | null = null,
): Outgoing[] {
  const r = regarding(pod);
  const cause: Cause = { activity: 10, phase: 'Schedule', pod: `${r.namespace}/${r.name}` };
  const condition = {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: rfc3339(nowMs),
    reason: 'Unschedulable',
    message,
  };
  const path = `/api/v1/namespaces/${r.namespace}/pods/${r.name}/status`;
  const status = nominatedNode
    ? { conditions: [condition], nominatedNodeName: nominatedNode }
    : { conditions: [condition] };
  const patch = post(
    `scheduler-status-${n}`,
    cause,
    'PATCH',
    path,
    { status },
    `PATCH ${path} (PodScheduled=False${nominatedNode ? `, nominatedNodeName ${nominatedNode}` : ''})`,
    'application/strategic-merge-patch+json',
  );
  const ev = schedulerEvent(r, 'Warning', 'FailedScheduling', 'Scheduling', message, nowMs);
  return [patch, eventRequest(pod, ev, cause, n + 1)];
}

/** Requests preemptionRequests sends per victim. */
export const REQUESTS_PER_VICTIM = 3;

/**
 * DefaultPreemption acting on its chosen candidate, per victim: the DisruptionTarget condition, the
 * graceful DELETE (empty DeleteOptions: the pod's own grace period), then the `Preempted` event on the
 * victim, related to the preemptor.
 * upstream: pkg/scheduler/framework/preemption/preemption.go NewEvaluator (PreemptPod), prepareCandidate;
 * pkg/scheduler/util/utils.go DeletePod
 */
export function preemptionRequests(
  preemptor: KubeObject,
  victims: KubeObject[],
  node: string,
  nowMs: number,
  n: number,
): Outgoing[] {
  const p = regarding(preemptor);
  const cause: Cause = { activity: 10, phase: 'Schedule', pod: `${p.namespace}/${p.name}` };
  const schedulerName = String(
    (preemptor.spec as { schedulerName?: string }).schedulerName ?? 'default-scheduler',
  );
  return victims.flatMap((victim, i) => {
    const v = regarding(victim);
    const k = n + i * REQUESTS_PER_VICTIM;
    const condition = {
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: rfc3339(nowMs),
      reason: 'PreemptionByScheduler',
      message: `${schedulerName}: preempting to accommodate a higher priority pod`,
    };
    const base = `/api/v1/namespaces/${v.namespace}/pods/${v.name}`;
    const patch = post(
      `scheduler-status-${k}`,
      cause,
      'PATCH',
      `${base}/status`,
      { status: { conditions: [condition] } },
      `PATCH ${base}/status (DisruptionTarget=True)`,
      'application/strategic-merge-patch+json',
    );
    const del = post(`scheduler-delete-${k + 1}`, cause, 'DELETE', base, {}, `DELETE ${base} (victim)`);
    const made = schedulerEvent(
      v,
      'Normal',
      'Preempted',
      'Preempting',
      `Preempted by pod ${p.uid} on node ${node}`,
      nowMs,
    );
    const related = { kind: 'Pod', namespace: p.namespace, name: p.name, uid: p.uid, apiVersion: 'v1' };
    const ev = eventRequest(victim, { ...made, related }, cause, k + 2);
    return [patch, del, ev];
  });
}

const priorityOf = (o: KubeObject): number => Number(asPod(o).spec?.priority ?? 0);

/**
 * The pods nominated to `node` with a lower priority than the preemptor: they may no longer fit there, so
 * their nomination is cleared, which also sends them back to the active queue.
 * upstream: pkg/scheduler/framework/preemption/preemption.go prepareCandidate, getLowerPriorityNominatedPods
 */
export function lowerPriorityNominated(
  preemptor: KubeObject,
  node: string,
  pods: Record<string, KubeObject>,
): KubeObject[] {
  const p = priorityOf(preemptor);
  const self = preemptor.metadata.uid;
  return Object.values(pods).filter((o) => {
    const pod = asPod(o);
    return (
      !pod.spec?.nodeName &&
      pod.status?.nominatedNodeName === node &&
      o.metadata.uid !== self &&
      priorityOf(o) < p
    );
  });
}

/**
 * One status PATCH per pod, removing nominatedNodeName (the two-way strategic merge patch of the status
 * with the field emptied: `null`). upstream: pkg/scheduler/util/utils.go ClearNominatedNodeName, PatchPodStatus
 */
export function clearNominationRequests(preemptor: KubeObject, pods: KubeObject[], n: number): Outgoing[] {
  const p = regarding(preemptor);
  const cause: Cause = { activity: 10, phase: 'Schedule', pod: `${p.namespace}/${p.name}` };
  return pods.map((pod, i) => {
    const r = regarding(pod);
    const path = `/api/v1/namespaces/${r.namespace}/pods/${r.name}/status`;
    return post(
      `scheduler-status-${n + i}`,
      cause,
      'PATCH',
      path,
      { status: { nominatedNodeName: null } },
      `PATCH ${path} (clear nominatedNodeName: lower priority)`,
      'application/strategic-merge-patch+json',
    );
  });
}
