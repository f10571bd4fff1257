// containerd with its CRI plugin, one per node. It serves the kubelet's CRI calls one at a time, asks
// the kernel for namespaces and the CNI's network, and drives one runc per container (through the
// containerd-shim-runc-v2 of the pod, which is not a lifeline of its own).
import { enqueueActions, setup } from 'xstate';
import type { CriCall, SimEvent } from '../../cluster/events';
import { dispatch } from '../../cluster/outbox';
import { commit } from '../../cluster/commit';
import type { SimEnv } from '../../cluster/env';
import { containerdId, podWorkerId, runcId } from '../../cluster/systemIds';
import { note } from '../../cluster/note';
import { LATENCY } from '../../time/latencies';
import { seedFor } from '../../time/random';
import { normalizeImage, PAUSE_IMAGE } from '../../k8s/images';
import { runcMachine } from '../runc/runcMachine';
import { kataShimMachine } from '../kata/kataShimMachine';
import { conmonId, crioId, kataShimId } from '../../cluster/systemIds';
import { conmonMachine } from '../crio/conmonMachine';
import {
  imageCall,
  runPodSandbox,
  type ContainerdState,
  type Job,
  type Reply,
  type StepResult,
} from './criJobs';
import {
  createContainer,
  removeObject,
  startContainer,
  statusCall,
  stopContainer,
  stopPodSandbox,
  taskExit,
} from './criContainerJobs';
import { execSync } from './criExec';
import { checkpointContainer } from './criCheckpoint';

export interface ContainerdInput {
  node: string;
  seed: number;
  /** The node's `status.images`: what is already in the image store. */
  images: { names?: string[]; sizeBytes?: number }[];
  /** The host: only to learn whether a process is frozen (a stop signal then waits until SIGKILL). */
  env?: SimEnv;
  /** This node runs CRI-O instead (systemId crio:<node>): same CRI, pinns and one conmon per container. */
  runtime?: 'cri-o';
}

export interface ContainerdContext extends ContainerdState {
  queue: Job[];
  job: Job | null;
}

export const CRI_METHODS: CriCall['method'][] = [
  'RunPodSandbox',
  'PodSandboxStatus',
  'ImageStatus',
  'PullImage',
  'CreateContainer',
  'StartContainer',
  'ContainerStatus',
  'StopContainer',
  'ExecSync',
  'StopPodSandbox',
  'RemoveContainer',
  'RemovePodSandbox',
  'CheckpointContainer',
];

/** Calls whose first step always finishes them (advance: imageCall, statusCall, execSync). */
const ENDS_AT_ONCE: ReadonlySet<CriCall['method']> = new Set<CriCall['method']>([
  'ImageStatus',
  'PullImage',
  'PodSandboxStatus',
  'ContainerStatus',
  'ExecSync',
]);

function advance(s: ContainerdState, job: Job, ev: Reply): StepResult {
  const r = (() => {
    switch (job.call.method) {
      case 'RunPodSandbox':
        return runPodSandbox(s, job, ev);
      case 'ImageStatus':
      case 'PullImage':
        return imageCall(s, job);
      case 'CreateContainer':
        return createContainer(s, job, ev);
      case 'StartContainer':
        return startContainer(s, job, ev);
      case 'StopContainer':
        return stopContainer(s, job, ev);
      case 'StopPodSandbox':
        return stopPodSandbox(s, job, ev);
      case 'ExecSync':
        return execSync(s, job);
      case 'CheckpointContainer':
        return checkpointContainer(s, job, ev);
      case 'RemoveContainer':
      case 'RemovePodSandbox':
        return removeObject(s, job, ev);
      default:
        return statusCall(s, job);
    }
  })();
  // Copied only to fill in a missing `done`.
  return r.done === undefined ? { ...r, done: false } : (r as StepResult);
}

function initialImages(input: ContainerdInput): Record<string, number> {
  const images: Record<string, number> = { [normalizeImage(PAUSE_IMAGE)]: 0 };
  for (const img of input.images)
    for (const name of img.names ?? [])
      if (!name.includes('@')) images[normalizeImage(name)] = img.sizeBytes ?? 0;
  return images;
}

export const containerdMachine = setup({
  types: { context: {} as ContainerdContext, events: {} as SimEvent, input: {} as ContainerdInput },
  actors: { runc: runcMachine, kataShim: kataShimMachine, conmon: conmonMachine },
  actions: {
    enqueueCall: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'cri.request') return;
      const job: Job = {
        callId: event.callId,
        call: event.call,
        replyTo: event.replyTo,
        note: event.note,
        step: 0,
        data: {},
      };
      commit(enqueue, context, { queue: [...context.queue, job] });
    }),
    step: enqueueActions(({ context, event, enqueue, system }) => {
      const starting = context.job === null;
      const job = context.job ?? context.queue[0];
      if (!job) return;
      const ev =
        !starting &&
        (event.type === 'kernel.result' || event.type === 'oci.state' || event.type === 'oci.error')
          ? event
          : null;
      if (!starting && !ev) return;
      const r = advance(context, job, ev);
      for (const input of r.spawn)
        enqueue.spawnChild('runc', {
          systemId: runcId(input.containerId),
          id: runcId(input.containerId),
          input,
        });
      for (const input of r.spawnConmon ?? [])
        enqueue.spawnChild('conmon', {
          systemId: conmonId(input.node, input.containerId),
          id: conmonId(input.node, input.containerId),
          input,
        });
      for (const input of r.spawnShim ?? [])
        enqueue.spawnChild('kataShim', {
          systemId: kataShimId(input.sandboxId),
          id: kataShimId(input.sandboxId),
          input,
        });
      const next = {
        ...r.state,
        queue: starting ? context.queue.slice(1) : context.queue,
        job: r.done ? null : r.job,
      };
      commit(enqueue, context, next);
      dispatch(enqueue, system, r.out);
    }),
    // The CRI plugin's TaskExit handler updates the container store and emits a container event the
    // kubelet's PLEG sees. upstream: containerd internal/cri/server/events.go handleContainerExit
    onTaskExit: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'task.exit') return;
      const c = context.containers[event.containerId];
      const sb = c ? context.sandboxes[c.sandboxId] : undefined;
      const state = taskExit(context, event.containerId, event.exitCode, event.oom);
      enqueue.assign({ containers: state.containers });
      if (!sb || !c) return;
      const reason = state.containers[event.containerId]?.reason ?? '';
      const label =
        context.runtime === 'cri-o'
          ? `container ${c.name} exited: ${reason} (exit ${event.exitCode})`
          : `CONTAINER_STOPPED_EVENT ${c.name}: ${reason} (exit ${event.exitCode})`;
      dispatch(enqueue, system, [
        {
          to: podWorkerId(context.node, sb.podUid),
          delay: LATENCY.localCall,
          event: {
            type: 'pleg.event',
            note: note(event.note, 'response', label, { containerId: event.containerId, reason }),
            kind: 'ContainerDied',
            containerId: event.containerId,
          },
        },
      ]);
    }),
  },
  guards: {
    next: ({ context }, method: string) => context.job === null && context.queue[0]?.call.method === method,
    startsAt: ({ context, event }, method: string) =>
      event.type === 'cri.request' &&
      event.call.method === method &&
      context.job === null &&
      context.queue.length === 0,
    done: ({ context }) => context.job === null,
  },
}).createMachine({
  id: 'containerd',
  context: ({ input }) => ({
    node: input.node,
    rng: seedFor(input.seed, containerdId(input.node)),
    sandboxes: {},
    containers: {},
    images: initialImages(input),
    // An object, not a function: XState's assign would call a function-valued property as an assigner.
    ...(input.env ? { env: input.env } : {}),
    ...(input.runtime ? { runtime: input.runtime, self: crioId(input.node) } : {}),
    queue: [],
    job: null,
  }),
  initial: 'idle',
  on: { 'cri.request': { actions: 'enqueueCall' }, 'task.exit': { actions: 'onTaskExit' } },
  states: {
    idle: {
      // A call that finds nothing queued starts at once: what queueing it and letting the eventless
      // transition below take it would do, in one microstep instead of two. A call that always ends in
      // its first step would only pass through its state (no entry or exit actions), so it stays in idle.
      on: {
        'cri.request': CRI_METHODS.map((m) => ({
          guard: { type: 'startsAt' as const, params: m },
          ...(ENDS_AT_ONCE.has(m) ? {} : { target: m }),
          actions: ['enqueueCall' as const, 'step' as const],
        })),
      },
      always: CRI_METHODS.map((m) => ({
        guard: { type: 'next' as const, params: m },
        target: m,
        actions: 'step' as const,
      })),
    },
    ...Object.fromEntries(
      CRI_METHODS.map((m) => [
        m,
        {
          always: { guard: 'done' as const, target: 'idle' },
          on: {
            'kernel.result': { actions: 'step' as const },
            'oci.state': { actions: 'step' as const },
            'oci.error': { actions: 'step' as const },
          },
        },
      ]),
    ),
  },
});
