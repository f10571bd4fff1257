// The kubelet's pod worker for one pod: SyncPod (cgroup, sandbox, images, containers, status), then
// SyncTerminatingPod (stop containers, stop the sandbox), SyncTerminatedPod (terminal status, final
// DELETE), and container GC. upstream: pkg/kubelet/pod_workers.go; pkg/kubelet/kubelet.go SyncPod;
// pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod
import { assign, enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import type { SimEnv } from '../../cluster/env';
import { dispatch } from '../../cluster/outbox';
import { podWorkerId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import type { KubeObject } from '../../scenario';
import { steps, type PodWorkerContext, type StepName } from './podWorkerSteps';

export interface PodWorkerInput {
  env: SimEnv;
  node: string;
  hostIP: string;
  pod: KubeObject;
}

export type { PodWorkerContext };

export const podWorkerMachine = setup({
  types: { context: {} as PodWorkerContext, events: {} as SimEvent, input: {} as PodWorkerInput },
  actions: {
    run: enqueueActions(({ context, event, enqueue, system }, params: { step: StepName }) => {
      const { ctx, out } = steps[params.step](context, event);
      enqueue.assign({ ...ctx, seq: ctx.seq + out.length });
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
    moreContainers: ({ context }) => context.index + 1 < context.containers.length,
    imagePresent: ({ event }) => event.type === 'cri.response' && event.result.image != null,
    allAnswered: ({ context }) => context.awaiting <= 1,
    deleting: ({ context }) => context.deleting,
    isStatusResponse: ({ event }) =>
      event.type === 'http.response' && event.response.requestId.endsWith(':status'),
    isOwnDelete: ({ event }) =>
      event.type === 'http.response' && event.response.requestId.endsWith(':delete'),
  },
  delays: {
    untilRelist: ({ context }) => {
      // PLEG relists every second; the next relist notices the started container. upstream: genericPlegRelistPeriod
      const now = context.env.now();
      return Math.ceil((now + 1) / LATENCY.plegRelist) * LATENCY.plegRelist - now;
    },
    containerGc: LATENCY.containerGc,
  },
}).createMachine({
  id: 'podWorker',
  context: ({ input }) => steps.initial(input),
  initial: 'syncing',
  on: {
    'kubelet.syncLoop': { actions: 'observe' },
  },
  states: {
    syncing: {
      entry: { type: 'run', params: { step: 'startSync' } },
      on: {
        'kernel.result': {
          target: 'creatingSandbox',
          actions: { type: 'run', params: { step: 'runSandbox' } },
        },
      },
    },
    creatingSandbox: {
      on: {
        'cri.response': {
          target: 'sandboxStatus',
          actions: { type: 'run', params: { step: 'sandboxStatus' } },
        },
      },
    },
    sandboxStatus: {
      on: {
        'cri.response': {
          target: 'checkingImage',
          actions: { type: 'run', params: { step: 'sandboxReady' } },
        },
      },
    },
    checkingImage: {
      on: {
        'cri.response': [
          {
            guard: 'imagePresent',
            target: 'creatingContainer',
            actions: { type: 'run', params: { step: 'imagePresent' } },
          },
          { target: 'pullingImage', actions: { type: 'run', params: { step: 'pull' } } },
        ],
      },
    },
    pullingImage: {
      on: {
        'cri.response': [
          {
            guard: 'replyOk',
            target: 'creatingContainer',
            actions: { type: 'run', params: { step: 'pulled' } },
          },
          { target: 'imagePullFailed', actions: { type: 'run', params: { step: 'pullFailed' } } },
        ],
      },
    },
    // TODO(node-side issue): ImagePullBackOff retries; today the pod stays here until deleted.
    imagePullFailed: {
      always: {
        guard: 'deleting',
        target: 'stoppingSandbox',
        actions: { type: 'run', params: { step: 'stopSandbox' } },
      },
    },
    creatingContainer: {
      on: {
        'cri.response': {
          target: 'startingContainer',
          actions: { type: 'run', params: { step: 'created' } },
        },
      },
    },
    startingContainer: {
      on: {
        'cri.response': [
          {
            guard: 'moreContainers',
            target: 'checkingImage',
            actions: { type: 'run', params: { step: 'startedNext' } },
          },
          { target: 'awaitingRelist', actions: { type: 'run', params: { step: 'started' } } },
        ],
      },
    },
    awaitingRelist: {
      after: { untilRelist: { target: 'relisting', actions: { type: 'run', params: { step: 'relist' } } } },
    },
    relisting: {
      on: {
        'cri.response': [
          {
            guard: 'allAnswered',
            target: 'running',
            actions: { type: 'run', params: { step: 'reportRunning' } },
          },
          { actions: { type: 'run', params: { step: 'countDown' } } },
        ],
      },
    },
    running: {
      always: {
        guard: 'deleting',
        target: 'terminating',
        actions: { type: 'run', params: { step: 'kill' } },
      },
    },
    terminating: {
      on: {
        'cri.response': [
          {
            guard: 'allAnswered',
            target: 'stoppingSandbox',
            actions: { type: 'run', params: { step: 'stopSandbox' } },
          },
          { actions: { type: 'run', params: { step: 'containerStopped' } } },
        ],
      },
    },
    stoppingSandbox: {
      on: {
        'cri.response': {
          target: 'reportingTerminal',
          actions: { type: 'run', params: { step: 'reportTerminal' } },
        },
      },
    },
    reportingTerminal: {
      on: {
        'http.response': {
          guard: 'isStatusResponse',
          target: 'deletingObject',
          actions: { type: 'run', params: { step: 'deleteObject' } },
        },
      },
    },
    deletingObject: {
      on: { 'http.response': { guard: 'isOwnDelete', target: 'awaitingGc' } },
    },
    awaitingGc: {
      after: {
        containerGc: {
          target: 'removingContainers',
          actions: { type: 'run', params: { step: 'removeContainers' } },
        },
      },
    },
    removingContainers: {
      on: {
        'cri.response': [
          {
            guard: 'allAnswered',
            target: 'removingSandbox',
            actions: { type: 'run', params: { step: 'removeSandbox' } },
          },
          { actions: { type: 'run', params: { step: 'countDown' } } },
        ],
      },
    },
    removingSandbox: {
      on: { 'cri.response': { target: 'done' } },
    },
    done: { type: 'final' },
  },
});

export { podWorkerId };
