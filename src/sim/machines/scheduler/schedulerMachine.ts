// kube-scheduler: it learns of pods and nodes only through its informers (LIST + WATCH on the API
// server), keeps a queue, runs one scheduling cycle at a time and binds through the API.
// upstream: pkg/scheduler/schedule_one.go (ScheduleOne, schedulingCycle, bindingCycle)
import { assign, enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import type { SimEnv } from '../../cluster/env';
import { note, SETUP } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { commit } from '../../cluster/commit';
import { SCHEDULER, API_SERVER } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { seedFor } from '../../time/random';
import type { KubeObject } from '../../scenario';
import type { SchedulingResult } from '../../scheduler';
import { assumeLive, observeLive } from './liveCache';
import { filterMessages, preFilterMessage, scoreMessages, selectMessage } from './cycleMessages';
import {
  bindingRequest,
  failureRequests,
  preemptionRequests,
  clearNominationRequests,
  lowerPriorityNominated,
  REQUESTS_PER_VICTIM,
  scheduledEventRequest,
  runCycle,
  isSchedulable,
} from './schedulerRequests';
import {
  backoffMs,
  clusterEventOf,
  requeueTarget,
  worthRequeuing,
  type ClusterEvent,
  type QueueCounts,
} from './schedulingQueue';
import {
  applyListerUpdate,
  emptyListerCache,
  isListerKind,
  LISTER_RESOURCES,
  observeNominated,
  type ListerCache,
} from './listers';

export interface SchedulerContext {
  env: SimEnv;
  rng: number;
  pods: Record<string, KubeObject>;
  nodes: Record<string, KubeObject>;
  /** Services, ReplicaSets, StatefulSets and PodDisruptionBudgets, as their informers hold them. */
  listers: ListerCache;
  /** Whether those four informers run (see registerWatches). */
  informers: boolean;
  /** Pods ready to be tried, highest priority first (PrioritySort). */
  activeQ: string[];
  /** Pods serving their backoff, with the virtual time it ends. */
  backoffQ: Record<string, number>;
  /** Pods that failed a cycle (unschedulablePods), with the virtual time they became unschedulable. */
  unschedulable: Record<string, number>;
  /** Scheduling attempts per pod (each pop counts one). */
  attempts: Record<string, number>;
  /** The filter plugins that rejected each unschedulable pod (its UnschedulablePlugins). */
  plugins: Record<string, string[]>;
  /** Pods whose move out of unschedulablePods is on its way (a `requeue` self-message), by event. */
  moving: Record<string, string>;
  /** How each pod in activeQ got there, for the pop's label. */
  via: Record<string, string>;
  /** The first cluster event during the current cycle that would requeue its pod (in-flight events). */
  inFlight: string | null;
  current: { podKey: string; result: SchedulingResult } | null;
  awaiting: number;
  nextStartNodeIndex: number;
  requests: number;
}

type Ev = Extract<SimEvent, { type: string }>;
const POD_SELECTOR = 'status.phase!=Succeeded,status.phase!=Failed';
// upstream: pkg/scheduler/backend/queue/scheduling_queue.go DefaultPodMaxInUnschedulablePodsDuration, flush every 30s
const UNSCHEDULABLE_MAX_MS = 5 * 60_000;
const FLUSH_PERIOD_MS = 30_000;

function objKey(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

const priorityOf = (o: KubeObject | undefined): number =>
  Number((o?.spec as { priority?: number } | undefined)?.priority ?? 0);

/** Inserts after every pod of equal or higher priority: PrioritySort, then arrival order. */
function pushActive(activeQ: string[], key: string, pods: Record<string, KubeObject>): string[] {
  const p = priorityOf(pods[key]);
  // The queue is ordered by priority: when its last pod's is not lower, the new one goes last (no scan).
  const last = activeQ[activeQ.length - 1];
  if (last === undefined || priorityOf(pods[last]) >= p) return [...activeQ, key];
  const at = activeQ.findIndex((k) => priorityOf(pods[k]) < p);
  return at < 0 ? [...activeQ, key] : [...activeQ.slice(0, at), key, ...activeQ.slice(at)];
}

export function queueCounts(
  ctx: Pick<SchedulerContext, 'activeQ' | 'backoffQ' | 'unschedulable'>,
): QueueCounts {
  return {
    activeQ: ctx.activeQ.length,
    backoffQ: Object.keys(ctx.backoffQ).length,
    unschedulable: Object.keys(ctx.unschedulable).length,
  };
}

const failedPlugins = (r: SchedulingResult): string[] => [
  ...new Set(r.nodes.map((n) => n.failedPlugin).filter((p): p is string => p !== null)),
];

function queueStep(
  step: 'flush' | 'requeue' | 'backoff',
  podKey: string,
  label: string,
  detail: object,
  delay: number,
): Outgoing {
  const event: SimEvent = {
    type: 'scheduler.step',
    note: note({ activity: 6, phase: 'Schedule', pod: podKey }, 'internal', label, { ...detail }),
    step,
    podKey,
  };
  return { to: SCHEDULER, delay, event };
}

/**
 * LIST+WATCH for pods and nodes, and (with `informers`) for what PodTopologySpread's system defaults and
 * DefaultPreemption read. Upstream always starts the latter; Podwalk leaves them out of runs that have
 * none of those objects and no workload that makes them, so that a bare-Pod trace stays as it was.
 */
function registerWatches(informers: boolean): Outgoing[] {
  return (['pods', 'nodes', ...(informers ? LISTER_RESOURCES : [])] as const).map((resource) => ({
    to: API_SERVER,
    delay: LATENCY.componentStart,
    event: {
      type: 'watch.register' as const,
      note: note(
        SETUP,
        'request',
        `LIST+WATCH ${resource}${resource === 'pods' ? ` (${POD_SELECTOR})` : ''}`,
        { resource },
      ),
      watchId: `scheduler-${resource}`,
      resource,
      fieldSelector: resource === 'pods' ? POD_SELECTOR : null,
      replyTo: SCHEDULER,
    },
  }));
}

/** Applies an informer update to the scheduler's cache and queues newly seen pending pods. */
function observe(ctx: SchedulerContext, ev: Ev): Partial<SchedulerContext> {
  // In a run the informer caches are updated in place (SimEnv.inPlace): a copy of every pod per watch
  // event made a 1,000-pod run quadratic.
  const pods = ctx.env.inPlace ? ctx.pods : { ...ctx.pods };
  const nodes = ctx.env.inPlace ? ctx.nodes : { ...ctx.nodes };
  let activeQ = ctx.activeQ;
  let listers = ctx.listers;
  const apply = (obj: KubeObject, deleted: boolean) => {
    if (isListerKind(obj.kind)) {
      listers = applyListerUpdate(listers, obj, deleted);
      return;
    }
    const table = obj.kind === 'Node' ? nodes : pods;
    const key = obj.kind === 'Node' ? (obj.metadata.name ?? '') : objKey(obj);
    const prev = table[key];
    if (deleted) delete table[key];
    else table[key] = obj;
    if (ctx.env.inPlace) {
      observeLive(pods, obj.kind === 'Node' ? 'node' : 'pod', key, prev, deleted ? null : obj);
      if (obj.kind !== 'Node') observeNominated(pods, key, deleted ? null : obj);
    }
    if (obj.kind === 'Node' || deleted || !isSchedulable(obj)) return;
    const queued =
      activeQ.includes(key) || ctx.current?.podKey === key || key in ctx.unschedulable || key in ctx.backoffQ;
    if (!queued) activeQ = pushActive(activeQ, key, pods);
  };
  if (ev.type === 'watch.listed') for (const o of ev.items) apply(o, false);
  if (ev.type === 'watch.event') apply(ev.object, ev.eventType === 'DELETED');
  if (ev.type === 'watch.event' && isListerKind(ev.object.kind)) return { listers };
  if (ev.type === 'watch.event' && ev.eventType === 'DELETED' && ev.object.kind !== 'Node') {
    // A pending pod deleted leaves every queue. upstream: scheduling_queue.go Delete
    const key = objKey(ev.object);
    const drop = <T>(r: Record<string, T>): Record<string, T> => {
      const { [key]: _gone, ...rest } = r;
      return rest;
    };
    return {
      pods,
      nodes,
      activeQ: activeQ.filter((k) => k !== key),
      backoffQ: drop(ctx.backoffQ),
      unschedulable: drop(ctx.unschedulable),
      moving: drop(ctx.moving),
    };
  }
  return { pods, nodes, activeQ, listers };
}

/** The cluster event an informer update is, judged against the cache before it. */
function clusterEvent(ctx: SchedulerContext, ev: Ev): ClusterEvent | null {
  if (ev.type !== 'watch.event' || isListerKind(ev.object.kind)) return null;
  const old =
    ev.object.kind === 'Node' ? ctx.nodes[ev.object.metadata.name ?? ''] : ctx.pods[objKey(ev.object)];
  return clusterEventOf(ev.eventType, ev.object, old);
}

/**
 * Moves that a cluster event asks for: every unschedulable pod it is worth requeuing gets a `requeue`
 * self-message naming the event. upstream: scheduling_queue.go MoveAllToActiveOrBackoffQueue,
 * movePodsToActiveOrBackoffQueue
 */
function requeueMoves(
  ctx: SchedulerContext,
  ce: ClusterEvent,
): { moving: Record<string, string>; out: Outgoing[] } {
  const moving = { ...ctx.moving };
  const out: Outgoing[] = [];
  const now = ctx.env.now();
  for (const [podKey, failedAt] of Object.entries(ctx.unschedulable)) {
    if (podKey in moving || !worthRequeuing(ctx.plugins[podKey] ?? [], ce)) continue;
    moving[podKey] = ce.label;
    const to = requeueTarget(now, failedAt, ctx.attempts[podKey] ?? 1);
    const label = `${ce.label}: QueueingHint Queue; move from unschedulablePods to ${to}`;
    out.push(
      queueStep(
        'requeue',
        podKey,
        label,
        { event: ce.label, to, queue: queueCounts(ctx) },
        LATENCY.schedulingPlugin,
      ),
    );
  }
  return { moving, out };
}

const QUEUE_STEPS = [
  { guard: { type: 'isStep', params: 'flush' }, actions: 'flush' },
  { guard: { type: 'isStep', params: 'requeue' }, actions: 'requeue' },
  { guard: { type: 'isStep', params: 'backoff' }, actions: 'backoffDone' },
] as const;

export const schedulerMachine = setup({
  types: {
    context: {} as SchedulerContext,
    events: {} as Ev,
    input: {} as { env: SimEnv; seed: number; informers?: boolean },
  },
  actions: {
    registerWatches: enqueueActions(({ context, enqueue, system }) =>
      dispatch(enqueue, system, registerWatches(context.informers)),
    ),
    observe: enqueueActions(({ context, event, enqueue, system }) => {
      const ce = clusterEvent(context, event);
      const next = { ...context, ...observe(context, event) };
      // One update per event (commit: in place in a run).
      if (ce === null) {
        commit(enqueue, context, next);
        return;
      }
      // An event during a cycle is kept for its pod (in-flight events). upstream: active_queue.go addEventIfAnyInFlight
      const cur = context.current;
      const inFlight =
        cur &&
        cur.result.node === null &&
        context.inFlight === null &&
        worthRequeuing(failedPlugins(cur.result), ce)
          ? { inFlight: ce.label }
          : null;
      const { moving, out } = requeueMoves(next, ce);
      commit(enqueue, context, { ...next, ...inFlight, ...(out.length === 0 ? null : { moving }) });
      if (out.length === 0) return;
      dispatch(enqueue, system, out);
    }),
    pop: enqueueActions(({ context, enqueue, system }) => {
      let podKey = context.activeQ[0];
      let activeQ = context.activeQ.slice(1);
      let backoffQ = context.backoffQ;
      let label: string;
      if (podKey !== undefined) {
        label = context.via[podKey] ?? 'activeQ add; pop (PrioritySort)';
      } else {
        // With activeQ empty the pod that ends its backoff first is popped at once (SchedulerPopFromBackoffQ).
        // upstream: pkg/scheduler/backend/queue/active_queue.go unlockedPop, backoffQPopper
        podKey = Object.entries(context.backoffQ).sort((a, b) => a[1] - b[1])[0]?.[0];
        if (podKey === undefined) return;
        const { [podKey]: _popped, ...rest } = context.backoffQ;
        backoffQ = rest;
        activeQ = [];
        label = 'activeQ empty: pop from backoffQ (SchedulerPopFromBackoffQ)';
      }
      const { [podKey]: _via, ...via } = context.via;
      const attempts = context.env.inPlace ? context.attempts : { ...context.attempts };
      attempts[podKey] = (context.attempts[podKey] ?? 0) + 1;
      const queue = queueCounts({ activeQ, backoffQ, unschedulable: context.unschedulable });
      const ev: SimEvent = {
        type: 'scheduler.step',
        note: note({ activity: 6, phase: 'Schedule', pod: podKey }, 'internal', label, {
          queue,
          attempts: attempts[podKey],
        }),
        step: 'enqueue',
        podKey,
      };
      commit(enqueue, context, { activeQ, backoffQ, via, attempts });
      dispatch(enqueue, system, [{ to: SCHEDULER, delay: LATENCY.schedulingPlugin, event: ev }]);
    }),
    startCycle: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'scheduler.step') return;
      const { result, rng, nextStartNodeIndex } = runCycle(context, event.podKey);
      const unschedulable = { ...context.unschedulable };
      delete unschedulable[event.podKey];
      commit(enqueue, context, {
        current: result ? { podKey: event.podKey, result } : null,
        rng,
        nextStartNodeIndex,
        unschedulable,
        inFlight: null,
        awaiting: 1,
      });
      if (result) dispatch(enqueue, system, [preFilterMessage(event.podKey, result)]);
    }),
    sendFilters: enqueueActions(({ context, enqueue, system }) => {
      const out = filterMessages(context.current!.podKey, context.current!.result);
      commit(enqueue, context, { awaiting: out.length });
      dispatch(enqueue, system, out);
    }),
    sendScoresOrSelect: enqueueActions(({ context, enqueue, system }) => {
      const { podKey, result } = context.current!;
      const scores = scoreMessages(podKey, result);
      const out = scores.length > 0 ? scores : [selectMessage(podKey, result)];
      commit(enqueue, context, { awaiting: out.length });
      dispatch(enqueue, system, out);
    }),
    sendSelect: enqueueActions(({ context, enqueue, system }) => {
      commit(enqueue, context, { awaiting: 1 });
      dispatch(enqueue, system, [selectMessage(context.current!.podKey, context.current!.result)]);
    }),
    countDown: assign({ awaiting: ({ context }) => context.awaiting - 1 }),
    bind: enqueueActions(({ context, enqueue, system }) => {
      const { podKey, result } = context.current!;
      const pod = context.pods[podKey]!;
      // Assume the pod on the node so the next cycle counts it before the binding lands.
      const assumed: KubeObject = { ...pod, spec: { ...(pod.spec as object), nodeName: result.node } };
      const pods = context.env.inPlace ? context.pods : { ...context.pods };
      pods[podKey] = assumed;
      if (context.env.inPlace) {
        assumeLive(pods, podKey, assumed);
        observeNominated(pods, podKey, assumed);
      }
      enqueue.assign({ pods, requests: context.requests + 1 });
      dispatch(enqueue, system, [bindingRequest(pod, result.node!, context.requests + 1)]);
    }),
    reportScheduled: enqueueActions(({ context, enqueue, system }) => {
      const { podKey, result } = context.current!;
      dispatch(enqueue, system, [
        scheduledEventRequest(context.pods[podKey]!, result.node!, context.env.now(), context.requests + 1),
      ]);
      enqueue.assign({ current: null, requests: context.requests + 1 });
    }),
    reportUnschedulable: enqueueActions(({ context, enqueue, system }) => {
      const { podKey, result } = context.current!;
      const now = context.env.now();
      const pod = context.pods[podKey]!;
      // PostFilter found victims: preempt them, then nominate the node.
      // upstream: preemption/preemption.go Evaluator.Preempt, prepareCandidate; schedule_one.go handleSchedulingFailure
      const victims = result.preemption?.victims ?? null;
      // A victim already being deleted gets no second DELETE. upstream: preemption.go prepareCandidate
      // ("Victim Pod is already being deleted, skipping the API call for it")
      const victimObjs = (victims?.pods ?? [])
        .map((k) => context.pods[k])
        .filter((p): p is KubeObject => p !== undefined && !p.metadata.deletionTimestamp);
      const first = context.requests + 1;
      const preempt = victims ? preemptionRequests(pod, victimObjs, victims.node, now, first) : [];
      const afterVictims = first + victimObjs.length * REQUESTS_PER_VICTIM;
      const lower = victims ? lowerPriorityNominated(pod, victims.node, context.pods) : [];
      preempt.push(...clearNominationRequests(pod, lower, afterVictims));
      const n = afterVictims + lower.length;
      const out = failureRequests(pod, result.message ?? '', now, n, victims?.node ?? null);
      const unschedulable = { ...context.unschedulable, [podKey]: now };
      const plugins = { ...context.plugins, [podKey]: failedPlugins(result) };
      enqueue.assign({ current: null, unschedulable, plugins, requests: n + 1 });
      dispatch(enqueue, system, [...preempt, ...out]);
      const counts = queueCounts({ ...context, unschedulable });
      if (context.inFlight !== null) {
        // An event during the cycle already made the pod worth retrying. upstream: scheduling_queue.go
        // AddUnschedulableIfNotPresent, determineSchedulingHintForInFlightPod
        const to = requeueTarget(now, now, context.attempts[podKey] ?? 1);
        const label = `${context.inFlight} (during the attempt): QueueingHint Queue; move to ${to}`;
        enqueue.assign({ moving: { ...context.moving, [podKey]: context.inFlight } });
        dispatch(enqueue, system, [
          queueStep(
            'requeue',
            podKey,
            label,
            { event: context.inFlight, to, queue: counts },
            LATENCY.schedulingPlugin,
          ),
        ]);
      }
      // The pod waits in unschedulablePods; the periodic flush moves it back after 5 minutes.
      const flushAt = Math.ceil((now + UNSCHEDULABLE_MAX_MS) / FLUSH_PERIOD_MS) * FLUSH_PERIOD_MS;
      const flush = queueStep(
        'flush',
        podKey,
        'flushUnschedulablePodsLeftover: back to activeQ',
        { waitedMs: flushAt - now, queue: counts },
        flushAt - now,
      );
      dispatch(enqueue, system, [flush]);
    }),
    /** Only a pod that has really waited 5 minutes (not one that failed again since). */
    flush: assign(({ context, event }) => {
      if (event.type !== 'scheduler.step') return {};
      const since = context.unschedulable[event.podKey];
      if (since === undefined || context.env.now() - since < UNSCHEDULABLE_MAX_MS) return {};
      const { [event.podKey]: _gone, ...unschedulable } = context.unschedulable;
      const pod = context.pods[event.podKey];
      if (!pod || !isSchedulable(pod) || context.activeQ.includes(event.podKey)) return { unschedulable };
      return {
        unschedulable,
        activeQ: pushActive(context.activeQ, event.podKey, context.pods),
        via: { ...context.via, [event.podKey]: 'unschedulable pod flushed to activeQ; pop' },
      };
    }),
    requeue: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'scheduler.step') return;
      const key = event.podKey;
      const cause = context.moving[key];
      const { [key]: _moved, ...moving } = context.moving;
      enqueue.assign({ moving });
      const since = context.unschedulable[key];
      if (since === undefined || cause === undefined) return;
      const { [key]: _gone, ...unschedulable } = context.unschedulable;
      const now = context.env.now();
      const attempts = context.attempts[key] ?? 1;
      if (requeueTarget(now, since, attempts) === 'activeQ') {
        enqueue.assign({
          unschedulable,
          activeQ: pushActive(context.activeQ, key, context.pods),
          via: { ...context.via, [key]: `moved to activeQ by ${cause}; pop` },
        });
        return;
      }
      const until = since + backoffMs(attempts);
      const backoffQ = { ...context.backoffQ, [key]: until };
      enqueue.assign({ unschedulable, backoffQ });
      // With activeQ empty the next pop takes the pod from backoffQ at once (SchedulerPopFromBackoffQ), so
      // only a pod waiting behind others gets the timer that ends its backoff.
      if (context.activeQ.length === 0) return;
      const label = `backoff of ${backoffMs(attempts) / 1000}s completed: move from backoffQ to activeQ`;
      const counts = queueCounts({
        activeQ: [...context.activeQ, key],
        backoffQ: context.backoffQ,
        unschedulable,
      });
      dispatch(enqueue, system, [
        queueStep('backoff', key, label, { event: cause, queue: counts }, until - now),
      ]);
    }),
    /** upstream: scheduling_queue.go flushBackoffQCompleted */
    backoffDone: assign(({ context, event }) => {
      if (event.type !== 'scheduler.step' || !(event.podKey in context.backoffQ)) return {};
      const { [event.podKey]: _done, ...backoffQ } = context.backoffQ;
      return {
        backoffQ,
        activeQ: pushActive(context.activeQ, event.podKey, context.pods),
        via: { ...context.via, [event.podKey]: 'backoff completed: activeQ; pop' },
      };
    }),
  },
  guards: {
    hasQueued: ({ context }) => context.activeQ.length > 0 || Object.keys(context.backoffQ).length > 0,
    lastStep: ({ context }) => context.awaiting <= 1,
    lastStepWithScores: ({ context }) =>
      context.awaiting <= 1 && (context.current?.result.nodes.some((n) => n.total !== null) ?? false),
    isStep: ({ event }, step: string) => event.type === 'scheduler.step' && event.step === step,
    feasible: ({ context }) => context.current?.result.node != null,
    isBindResponse: ({ event }) =>
      event.type === 'http.response' && event.response.requestId.startsWith('scheduler-bind'),
  },
}).createMachine({
  id: 'scheduler',
  context: ({ input }) => ({
    env: input.env,
    rng: seedFor(input.seed, 'scheduler'),
    pods: {},
    nodes: {},
    listers: emptyListerCache(),
    informers: input.informers ?? true,
    activeQ: [],
    backoffQ: {},
    unschedulable: {},
    attempts: {},
    plugins: {},
    moving: {},
    via: {},
    inFlight: null,
    current: null,
    awaiting: 0,
    nextStartNodeIndex: 0,
    requests: 0,
  }),
  initial: 'starting',
  entry: 'registerWatches',
  on: {
    'watch.listed': { actions: 'observe' },
    'watch.event': { actions: 'observe' },
  },
  states: {
    starting: { always: { guard: ({ context }) => Object.keys(context.nodes).length > 0, target: 'idle' } },
    idle: {
      always: { guard: 'hasQueued', target: 'queueing', actions: 'pop' },
      on: { 'scheduler.step': [...QUEUE_STEPS] },
    },
    queueing: {
      on: {
        'scheduler.step': [
          { guard: { type: 'isStep', params: 'enqueue' }, target: 'preFiltering', actions: 'startCycle' },
          ...QUEUE_STEPS,
        ],
      },
    },
    preFiltering: {
      always: { guard: ({ context }) => context.current === null, target: 'idle' },
      on: {
        'scheduler.step': [
          ...QUEUE_STEPS,
          { guard: { type: 'isStep', params: 'preFilter' }, target: 'filtering', actions: 'sendFilters' },
        ],
      },
    },
    filtering: {
      on: {
        'scheduler.step': [
          ...QUEUE_STEPS,
          { guard: 'lastStepWithScores', target: 'scoring', actions: 'sendScoresOrSelect' },
          { guard: 'lastStep', target: 'selecting', actions: 'sendScoresOrSelect' },
          { actions: 'countDown' },
        ],
      },
    },
    scoring: {
      on: {
        'scheduler.step': [
          ...QUEUE_STEPS,
          { guard: 'lastStep', target: 'selecting', actions: 'sendSelect' },
          { actions: 'countDown' },
        ],
      },
    },
    selecting: {
      on: {
        'scheduler.step': [
          ...QUEUE_STEPS,
          { guard: { type: 'isStep', params: 'select' }, target: 'deciding' },
        ],
      },
    },
    deciding: {
      always: [
        { guard: 'feasible', target: 'binding', actions: 'bind' },
        { target: 'idle', actions: 'reportUnschedulable' },
      ],
    },
    binding: {
      on: {
        'scheduler.step': [...QUEUE_STEPS],
        'http.response': { guard: 'isBindResponse', target: 'idle', actions: 'reportScheduled' },
      },
    },
  },
});
