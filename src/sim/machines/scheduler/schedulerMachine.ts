// kube-scheduler: it learns of pods and nodes only through its informers (LIST + WATCH on the API
// server), keeps a queue, runs one scheduling cycle at a time and binds through the API.
// upstream: pkg/scheduler/schedule_one.go (ScheduleOne, schedulingCycle, bindingCycle)
import { assign, enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import type { SimEnv } from '../../cluster/env';
import { note, SETUP } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { SCHEDULER, API_SERVER } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { seedFor } from '../../time/random';
import type { KubeObject } from '../../scenario';
import type { SchedulingResult } from '../../scheduler';
import { filterMessages, preFilterMessage, scoreMessages, selectMessage } from './cycleMessages';
import {
  bindingRequest,
  failureRequests,
  scheduledEventRequest,
  runCycle,
  isSchedulable,
} from './schedulerRequests';

export interface SchedulerContext {
  env: SimEnv;
  rng: number;
  pods: Record<string, KubeObject>;
  nodes: Record<string, KubeObject>;
  activeQ: string[];
  /** Pods that failed a cycle, with the virtual time they became unschedulable. */
  unschedulable: Record<string, number>;
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

function registerWatches(): Outgoing[] {
  return (['pods', 'nodes'] as const).map((resource) => ({
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
  const pods = { ...ctx.pods };
  const nodes = { ...ctx.nodes };
  const activeQ = [...ctx.activeQ];
  const apply = (obj: KubeObject, deleted: boolean) => {
    const table = obj.kind === 'Node' ? nodes : pods;
    const key = obj.kind === 'Node' ? (obj.metadata.name ?? '') : objKey(obj);
    if (deleted) delete table[key];
    else table[key] = obj;
    const queued = activeQ.includes(key) || ctx.current?.podKey === key || key in ctx.unschedulable;
    if (obj.kind !== 'Node' && !deleted && !queued && isSchedulable(obj)) activeQ.push(key);
  };
  if (ev.type === 'watch.listed') for (const o of ev.items) apply(o, false);
  if (ev.type === 'watch.event') apply(ev.object, ev.eventType === 'DELETED');
  return { pods, nodes, activeQ };
}

export const schedulerMachine = setup({
  types: { context: {} as SchedulerContext, events: {} as Ev, input: {} as { env: SimEnv; seed: number } },
  actions: {
    registerWatches: enqueueActions(({ enqueue, system }) => dispatch(enqueue, system, registerWatches())),
    observe: assign(({ context, event }) => observe(context, event)),
    pop: enqueueActions(({ context, enqueue, system }) => {
      const [podKey, ...rest] = context.activeQ;
      if (!podKey) return;
      const flushed = podKey in context.unschedulable;
      const label = flushed ? 'unschedulable pod flushed to activeQ; pop' : 'activeQ add; pop (PrioritySort)';
      const ev: SimEvent = {
        type: 'scheduler.step',
        note: note({ activity: 6, phase: 'Schedule', pod: podKey }, 'internal', label, {}),
        step: 'enqueue',
        podKey,
      };
      enqueue.assign({ activeQ: rest });
      dispatch(enqueue, system, [{ to: SCHEDULER, delay: LATENCY.schedulingPlugin, event: ev }]);
    }),
    startCycle: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'scheduler.step') return;
      const { result, rng, nextStartNodeIndex } = runCycle(context, event.podKey);
      const unschedulable = { ...context.unschedulable };
      delete unschedulable[event.podKey];
      enqueue.assign({
        current: result ? { podKey: event.podKey, result } : null,
        rng,
        nextStartNodeIndex,
        unschedulable,
        awaiting: 1,
      });
      if (result) dispatch(enqueue, system, [preFilterMessage(event.podKey, result)]);
    }),
    sendFilters: enqueueActions(({ context, enqueue, system }) => {
      const out = filterMessages(context.current!.podKey, context.current!.result);
      enqueue.assign({ awaiting: out.length });
      dispatch(enqueue, system, out);
    }),
    sendScoresOrSelect: enqueueActions(({ context, enqueue, system }) => {
      const { podKey, result } = context.current!;
      const scores = scoreMessages(podKey, result);
      const out = scores.length > 0 ? scores : [selectMessage(podKey, result)];
      enqueue.assign({ awaiting: out.length });
      dispatch(enqueue, system, out);
    }),
    sendSelect: enqueueActions(({ context, enqueue, system }) => {
      enqueue.assign({ awaiting: 1 });
      dispatch(enqueue, system, [selectMessage(context.current!.podKey, context.current!.result)]);
    }),
    countDown: assign({ awaiting: ({ context }) => context.awaiting - 1 }),
    bind: enqueueActions(({ context, enqueue, system }) => {
      const { podKey, result } = context.current!;
      const pod = context.pods[podKey]!;
      // Assume the pod on the node so the next cycle counts it before the binding lands.
      const assumed: KubeObject = { ...pod, spec: { ...(pod.spec as object), nodeName: result.node } };
      enqueue.assign({ pods: { ...context.pods, [podKey]: assumed }, requests: context.requests + 1 });
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
      const out = failureRequests(context.pods[podKey]!, result.message ?? '', now, context.requests + 1);
      // The pod waits in unschedulablePods; the periodic flush moves it back after 5 minutes.
      const flushAt = Math.ceil((now + UNSCHEDULABLE_MAX_MS) / FLUSH_PERIOD_MS) * FLUSH_PERIOD_MS;
      enqueue.assign({
        current: null,
        unschedulable: { ...context.unschedulable, [podKey]: now },
        requests: context.requests + 2,
      });
      dispatch(enqueue, system, out);
      const flush: SimEvent = {
        type: 'scheduler.step',
        note: note(
          { activity: 6, phase: 'Schedule', pod: podKey },
          'internal',
          'flushUnschedulablePodsLeftover: back to activeQ',
          {
            waitedMs: flushAt - now,
          },
        ),
        step: 'flush',
        podKey,
      };
      dispatch(enqueue, system, [{ to: SCHEDULER, delay: flushAt - now, event: flush }]);
    }),
    flush: assign(({ context, event }) => {
      if (event.type !== 'scheduler.step' || !(event.podKey in context.unschedulable)) return {};
      const pod = context.pods[event.podKey];
      return pod && isSchedulable(pod) && !context.activeQ.includes(event.podKey)
        ? { activeQ: [...context.activeQ, event.podKey] }
        : {};
    }),
  },
  guards: {
    hasQueued: ({ context }) => context.activeQ.length > 0,
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
    activeQ: [],
    unschedulable: {},
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
      on: { 'scheduler.step': { guard: { type: 'isStep', params: 'flush' }, actions: 'flush' } },
    },
    queueing: {
      on: {
        'scheduler.step': [
          { guard: { type: 'isStep', params: 'enqueue' }, target: 'preFiltering', actions: 'startCycle' },
          { guard: { type: 'isStep', params: 'flush' }, actions: 'flush' },
        ],
      },
    },
    preFiltering: {
      always: { guard: ({ context }) => context.current === null, target: 'idle' },
      on: {
        'scheduler.step': {
          guard: { type: 'isStep', params: 'preFilter' },
          target: 'filtering',
          actions: 'sendFilters',
        },
      },
    },
    filtering: {
      on: {
        'scheduler.step': [
          { guard: { type: 'isStep', params: 'flush' }, actions: 'flush' },
          { guard: 'lastStepWithScores', target: 'scoring', actions: 'sendScoresOrSelect' },
          { guard: 'lastStep', target: 'selecting', actions: 'sendScoresOrSelect' },
          { actions: 'countDown' },
        ],
      },
    },
    scoring: {
      on: {
        'scheduler.step': [
          { guard: { type: 'isStep', params: 'flush' }, actions: 'flush' },
          { guard: 'lastStep', target: 'selecting', actions: 'sendSelect' },
          { actions: 'countDown' },
        ],
      },
    },
    selecting: {
      on: {
        'scheduler.step': [
          { guard: { type: 'isStep', params: 'flush' }, actions: 'flush' },
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
        'scheduler.step': { guard: { type: 'isStep', params: 'flush' }, actions: 'flush' },
        'http.response': { guard: 'isBindResponse', target: 'idle', actions: 'reportScheduled' },
      },
    },
  },
});
