// runc for one container (or the pause container): the OCI lifecycle as runc reports it —
// created → running → stopped, then deleted. runc never reports "creating"; that exists only in the
// OCI spec. upstream: opencontainers/runc libcontainer/container_linux.go, state_linux.go
import { assign, enqueueActions, setup } from 'xstate';
import type { NamespaceType, SimEvent } from '../../cluster/events';
import { note } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { kernelId, runcId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';

export interface RuncInput {
  node: string;
  containerId: string;
  /** The containerd actor that drives this runc (the shim's parent). */
  owner: string;
  unshare: NamespaceType[];
  join: Partial<Record<NamespaceType, number>>;
  cgroup: string;
  /** The process's exit code when it is stopped by a signal it handles (nginx: 0). */
  exitCodeOnTerm: number;
}

export interface RuncContext extends RuncInput {
  exitCode: number | null;
  namespaces: Partial<Record<NamespaceType, number>>;
}

const half = LATENCY.containerStart / 2;

function toOwner(
  ctx: RuncContext,
  ev: SimEvent,
  status: 'created' | 'running' | 'stopped' | 'deleted',
  delay: number,
): Outgoing {
  const label = status === 'stopped' ? `state: stopped (exit ${ctx.exitCode ?? 0})` : `state: ${status}`;
  return {
    to: ctx.owner,
    delay,
    event: {
      type: 'oci.state',
      note: note((ev as { note: typeof ev.note }).note, 'response', label, {
        containerId: ctx.containerId,
        status,
        exitCode: ctx.exitCode,
      }),
      containerId: ctx.containerId,
      status,
      ...(ctx.exitCode !== null ? { exitCode: ctx.exitCode } : {}),
      ...(status === 'created' ? { namespaces: ctx.namespaces } : {}),
    },
  };
}

export const runcMachine = setup({
  types: { context: {} as RuncContext, events: {} as SimEvent, input: {} as RuncInput },
  actions: {
    spawnProcess: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'oci.command') return;
      const label = `clone(${context.unshare.map((n) => `CLONE_NEW${n === 'mnt' ? 'NS' : n.toUpperCase()}`).join('|') || '0'})${Object.keys(context.join).length ? `; setns ${Object.keys(context.join).join(', ')}` : ''}`;
      dispatch(enqueue, system, [
        {
          to: kernelId(context.node),
          delay: half,
          event: {
            type: 'kernel.call',
            note: note(event.note, 'request', label, {
              unshare: context.unshare,
              join: context.join,
              cgroup: context.cgroup,
            }),
            callId: `spawn:${context.containerId}`,
            call: {
              op: 'process.spawn',
              containerId: context.containerId,
              unshare: context.unshare,
              join: context.join,
              cgroup: context.cgroup,
            },
            replyTo: runcId(context.containerId),
          },
        },
      ]);
    }),
    signal: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'oci.command') return;
      const signal = event.signal ?? 15;
      dispatch(enqueue, system, [
        {
          to: kernelId(context.node),
          delay: LATENCY.localCall,
          event: {
            type: 'kernel.call',
            note: note(event.note, 'request', `kill(pid 1, ${signal === 9 ? 'SIGKILL' : 'SIGTERM'})`, {
              signal,
            }),
            callId: `signal:${context.containerId}`,
            call: { op: 'process.signal', containerId: context.containerId, signal },
            replyTo: runcId(context.containerId),
          },
        },
      ]);
      // upstream: exit status 128+signal when the signal kills the process (137 for SIGKILL).
      enqueue.assign({ exitCode: signal === 9 ? 137 : context.exitCodeOnTerm });
    }),
    recordNamespaces: assign({
      namespaces: ({ event, context }) =>
        event.type === 'kernel.result'
          ? ((event.result.namespaces as RuncContext['namespaces']) ?? {})
          : context.namespaces,
    }),
    reportCreated: enqueueActions(({ context, event, enqueue, system }) =>
      dispatch(enqueue, system, [toOwner(context, event, 'created', LATENCY.localCall)]),
    ),
    reportRunning: enqueueActions(({ context, event, enqueue, system }) =>
      dispatch(enqueue, system, [toOwner(context, event, 'running', half)]),
    ),
    reportStopped: enqueueActions(({ context, event, enqueue, system }) =>
      dispatch(enqueue, system, [toOwner(context, event, 'stopped', LATENCY.localCall)]),
    ),
    reportDeleted: enqueueActions(({ context, event, enqueue, system }) =>
      dispatch(enqueue, system, [toOwner(context, event, 'deleted', LATENCY.localCall)]),
    ),
  },
  guards: {
    is: ({ event }, command: string) => event.type === 'oci.command' && event.command === command,
  },
}).createMachine({
  id: 'runc',
  context: ({ input }) => ({ ...input, exitCode: null, namespaces: {} }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        'oci.command': {
          guard: { type: 'is', params: 'create' },
          target: 'initializing',
          actions: 'spawnProcess',
        },
      },
    },
    // Not a runc status: `runc init` is setting up namespaces and cgroups; runc reports nothing yet.
    initializing: {
      on: { 'kernel.result': { target: 'created', actions: ['recordNamespaces', 'reportCreated'] } },
    },
    created: {
      on: {
        'oci.command': [
          { guard: { type: 'is', params: 'start' }, target: 'running', actions: 'reportRunning' },
          { guard: { type: 'is', params: 'kill' }, target: 'signalled', actions: 'signal' },
        ],
      },
    },
    running: {
      on: {
        'oci.command': { guard: { type: 'is', params: 'kill' }, target: 'signalled', actions: 'signal' },
      },
    },
    // Signalled, not yet exited: runc still reports running.
    signalled: { on: { 'kernel.result': { target: 'stopped', actions: 'reportStopped' } } },
    stopped: {
      on: {
        'oci.command': {
          guard: { type: 'is', params: 'delete' },
          target: 'deleted',
          actions: 'reportDeleted',
        },
      },
    },
    // Not `final`: a final actor stops at once and XState would cancel its last, delayed reply.
    deleted: {},
  },
});
