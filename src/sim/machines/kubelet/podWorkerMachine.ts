// The kubelet's pod worker for one pod: syncs (status, then start what must start, with the crash and
// image back-offs), PLEG relists that notice started and exited containers, then SyncTerminatingPod
// (stop containers, stop the sandbox), SyncTerminatedPod (terminal status, final DELETE) and container
// GC. upstream: pkg/kubelet/pod_workers.go; pkg/kubelet/kubelet.go SyncPod;
// pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod
import { assign, enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import type { SimEnv } from '../../cluster/env';
import { dispatch } from '../../cluster/outbox';
import { podWorkerId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import type { KubeObject } from '../../scenario';
import { steps, type PodWorkerContext, type StepName } from './podWorkerSteps';
import { nextInBackoff, nextInvalid } from './podSync';
import { mustPull, neverPullMissing, pullInBackoff } from './podImageSteps';
import { running } from './containerRuntime';
import { isExecReply } from './podTermination';

export interface PodWorkerInput {
  env: SimEnv;
  node: string;
  hostIP: string;
  pod: KubeObject;
}

export type { PodWorkerContext };

/** The steps of eventless transitions whose target is the state they leave (`sync`, re-entered). */
const REENTERING: ReadonlySet<StepName> = new Set<StepName>(['skipInvalid', 'skipBackoff']);

const run = (step: StepName) => ({ type: 'run' as const, params: { step } });
const toTerminating = { guard: 'deleting' as const, target: 'terminating', actions: run('kill') };
// A preStop exec that outlasted the grace period answers late; the stop goes on without it.
const ignoreExecReply = { guard: 'isExecReply' as const };
const toKillUnhealthy = {
  guard: 'unhealthy' as const,
  target: 'killingUnhealthy',
  actions: run('killUnhealthy'),
};

export const podWorkerMachine = setup({
  types: { context: {} as PodWorkerContext, events: {} as SimEvent, input: {} as PodWorkerInput },
  actions: {
    run: enqueueActions(({ context, event, enqueue, system }, params: { step: StepName }) => {
      const { ctx, out } = steps[params.step](context, event);
      const seq = ctx.seq + out.length;
      // A step that re-enters `sync` by an eventless transition keeps the same states: XState looks at the
      // eventless transitions again only if the snapshot is a new one, so these steps always assign.
      if (REENTERING.has(params.step)) enqueue.assign(() => ({ ...ctx, seq }));
      else if (context.env.inPlace) {
        // commit's update in place, without first copying the whole context to add `seq`.
        if (ctx !== context) Object.assign(context, ctx);
        context.seq = seq;
      } else if (ctx !== context || seq !== context.seq) enqueue.assign(() => ({ ...ctx, seq }));
      dispatch(enqueue, system, out);
    }),
    observe: assign({
      pod: ({ context, event }) => (event.type === 'kubelet.syncLoop' ? event.pod : context.pod),
      deleting: ({ context, event }) =>
        context.deleting || (event.type === 'kubelet.syncLoop' && event.op === 'DELETE'),
    }),
  },
  guards: {
    replyOk: ({ event }) => (event.type === 'cri.response' ? event.ok : true),
    allAnswered: ({ context }) => context.awaiting <= 1,
    deleting: ({ context }) => context.deleting,
    noSandbox: ({ context }) => context.sandboxId === null,
    unhealthy: ({ context }) => context.unhealthy !== null,
    hasTodo: ({ context }) => context.todo.length > 0,
    nextInvalid: ({ context }) => nextInvalid(context),
    nextInBackoff: ({ context }) => nextInBackoff(context),
    finished: ({ context }) => context.finished && context.todo.length === 0,
    // A pod whose app containers are done still has sidecars to stop first. upstream: computePodActions (KillPod)
    finishedWithSidecars: ({ context }) =>
      context.finished && context.todo.length === 0 && context.runtime.some((rt) => running(rt.current)),
    syncRequested: ({ context }) => context.syncRequested === true,
    isExecReply: ({ event }) => isExecReply(event),
    changed: ({ context }) => context.changed.length > 0,
    resync: ({ context }) => context.resyncMs !== null,
    nothingRunning: ({ context }) => context.awaiting === 0,
    neverPullMissing: ({ context, event }) => neverPullMissing(context, event),
    pullInBackoff: ({ context, event }) => pullInBackoff(context, event),
    mustPull: ({ context, event }) => mustPull(context, event),
    isStatusResponse: ({ event }) =>
      event.type === 'http.response' && event.response.requestId.endsWith(':status'),
    isOwnDelete: ({ event }) =>
      event.type === 'http.response' && event.response.requestId.endsWith(':delete'),
  },
  delays: {
    untilRelist: ({ context }) => {
      // PLEG relists every second; the next relist notices the change. upstream: genericPlegRelistPeriod
      const now = context.env.now();
      return Math.ceil((now + 1) / LATENCY.plegRelist) * LATENCY.plegRelist - now;
    },
    resync: ({ context }) => context.resyncMs ?? 0,
    containerGc: LATENCY.containerGc,
  },
}).createMachine({
  id: 'podWorker',
  context: ({ input }) => steps.initial(input),
  initial: 'syncing',
  on: {
    'kubelet.syncLoop': { actions: 'observe' },
    'pleg.event': { actions: run('noteExit') },
    'probe.tick': { actions: run('probeTick') },
  },
  states: {
    syncing: {
      entry: run('startSync'),
      on: { 'kernel.result': { target: 'creatingSandbox', actions: run('runSandbox') } },
    },
    creatingSandbox: {
      on: {
        'cri.response': [
          { guard: 'replyOk', target: 'sandboxStatus', actions: run('sandboxStatus') },
          { target: 'sandboxBackOff', actions: run('sandboxFailed') },
        ],
      },
    },
    // RunPodSandbox failed: the pod worker tries again after its back-off (podSandboxFailure.ts).
    sandboxBackOff: {
      always: toTerminating,
      after: { resync: { target: 'creatingSandbox', actions: run('runSandbox') } },
    },
    sandboxStatus: { on: { 'cri.response': { target: 'sync', actions: run('sandboxReady') } } },
    // One sync: start the containers in `todo`, one after another, then rest.
    sync: {
      always: [
        toTerminating,
        { guard: 'finishedWithSidecars', target: 'terminating', actions: run('kill') },
        { guard: 'finished', target: 'stoppingSandbox', actions: run('stopSandbox') },
        { guard: 'nextInvalid', target: 'sync', reenter: true, actions: run('skipInvalid') },
        { guard: 'nextInBackoff', target: 'sync', reenter: true, actions: run('skipBackoff') },
        { guard: 'hasTodo', target: 'checkingImage', actions: run('startNext') },
        { target: 'idle', actions: run('endSync') },
      ],
    },
    checkingImage: {
      on: {
        'cri.response': [
          { guard: 'neverPullMissing', target: 'sync', actions: run('neverPull') },
          { guard: 'pullInBackoff', target: 'sync', actions: run('pullBackOff') },
          { guard: 'mustPull', target: 'pullingImage', actions: run('pull') },
          { target: 'creatingContainer', actions: run('imagePresent') },
        ],
      },
    },
    pullingImage: {
      on: {
        'cri.response': [
          { guard: 'replyOk', target: 'creatingContainer', actions: run('pulled') },
          { target: 'sync', actions: run('pullFailed') },
        ],
      },
    },
    creatingContainer: { on: { 'cri.response': { target: 'startingContainer', actions: run('created') } } },
    startingContainer: { on: { 'cri.response': { target: 'sync', actions: run('started') } } },
    idle: {
      always: [
        toTerminating,
        toKillUnhealthy,
        { guard: 'changed', target: 'awaitingRelist' },
        { guard: 'syncRequested', target: 'sync', actions: run('beginSync') },
      ],
      after: { resync: { guard: 'resync', target: 'sync', actions: run('beginSync') } },
    },
    awaitingRelist: {
      always: [toTerminating, toKillUnhealthy],
      after: { untilRelist: { target: 'relisting', actions: run('relist') } },
    },
    // A liveness probe failed: stop the container, then the same sync starts it again (E8).
    killingUnhealthy: {
      on: { 'cri.response': { target: 'sync', actions: run('unhealthyKilled') } },
    },
    relisting: {
      on: {
        'cri.response': [
          { guard: 'allAnswered', target: 'sync', actions: run('lastRelisted') },
          { actions: run('relisted') },
        ],
      },
    },
    terminating: {
      always: { guard: 'nothingRunning', target: 'stoppingSandbox', actions: run('stopSandbox') },
      on: {
        'cri.response': [
          { guard: 'isExecReply', actions: run('execHookDone') },
          { guard: 'allAnswered', target: 'stoppingSandbox', actions: run('stopSandbox') },
          { actions: run('containerStopped') },
        ],
        'lifecycle.hook': { actions: run('hookDone') },
      },
    },
    stoppingSandbox: {
      // No sandbox was ever created (RunPodSandbox kept failing): nothing to stop.
      always: { guard: 'noSandbox', target: 'reportingTerminal', actions: run('reportTerminal') },
      on: {
        'cri.response': [ignoreExecReply, { target: 'reportingTerminal', actions: run('reportTerminal') }],
      },
    },
    reportingTerminal: {
      on: { 'http.response': { guard: 'isStatusResponse', target: 'terminated' } },
    },
    // SyncTerminatedPod is done; the status manager deletes the object once it is marked for deletion.
    terminated: {
      always: { guard: 'deleting', target: 'deletingObject', actions: run('deleteObject') },
    },
    deletingObject: {
      on: { 'http.response': { guard: 'isOwnDelete', target: 'awaitingGc' } },
    },
    awaitingGc: {
      after: { containerGc: { target: 'removingContainers', actions: run('removeContainers') } },
    },
    removingContainers: {
      always: [
        { guard: 'noSandbox', target: 'done' },
        { guard: 'nothingRunning', target: 'removingSandbox', actions: run('removeSandbox') },
      ],
      on: {
        'cri.response': [
          ignoreExecReply,
          { guard: 'allAnswered', target: 'removingSandbox', actions: run('removeSandbox') },
          { actions: run('countDown') },
        ],
      },
    },
    removingSandbox: { on: { 'cri.response': [ignoreExecReply, { target: 'done' }] } },
    done: { type: 'final' },
  },
});

export { podWorkerId };
