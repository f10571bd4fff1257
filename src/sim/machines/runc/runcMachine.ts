// runc for one container (or the pause container): the OCI lifecycle as runc reports it —
// created → running → stopped, then deleted. runc never reports "creating"; that exists only in the
// OCI spec. upstream: opencontainers/runc libcontainer/container_linux.go, state_linux.go
import { assign, enqueueActions, setup } from 'xstate';
import type { KernelCall, NamespaceType, SimEvent } from '../../cluster/events';
import { note } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { kernelId, runcId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import type { ProcessBehaviour } from '../../node/behaviour';

export interface RuncInput {
  node: string;
  containerId: string;
  /** The containerd actor that drives this runc (the shim's parent). */
  owner: string;
  unshare: NamespaceType[];
  join: Partial<Record<NamespaceType, number>>;
  cgroup: string;
  /** The user namespace's uid/gid mappings (OCI linux.uidMappings, gidMappings), with hostUsers: false. */
  idMappings?: NonNullable<Extract<KernelCall, { op: 'process.spawn' }>['idMappings']>;
  /** What the container's process does (its own exit, its answer to the stop signal). */
  behaviour: ProcessBehaviour;
}

export interface RuncContext extends RuncInput {
  exitCode: number | null;
  namespaces: Partial<Record<NamespaceType, number>>;
}

const half = LATENCY.containerStart / 2;

const SIGNALS: Record<number, string> = { 2: 'SIGINT', 3: 'SIGQUIT', 9: 'SIGKILL', 15: 'SIGTERM' };
export const signalName = (n: number): string => SIGNALS[n] ?? `signal ${n}`;

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
              ...(context.idMappings ?? {}),
            }),
            callId: `spawn:${context.containerId}`,
            call: {
              op: 'process.spawn',
              containerId: context.containerId,
              unshare: context.unshare,
              join: context.join,
              cgroup: context.cgroup,
              ...(context.idMappings ? { idMappings: context.idMappings } : {}),
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
            note: note(event.note, 'request', `kill(pid 1, ${signalName(signal)})`, {
              signal,
            }),
            callId: `signal:${context.containerId}`,
            call: { op: 'process.signal', containerId: context.containerId, signal },
            replyTo: runcId(context.containerId),
          },
        },
      ]);
      // upstream: exit status 128+signal when the signal kills the process (137 for SIGKILL).
      const onStop = context.behaviour.onStopSignal;
      enqueue.assign({ exitCode: signal === 9 ? 137 : (onStop ?? null) });
    }),
    exec: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'oci.command') return;
      const b = context.behaviour;
      dispatch(enqueue, system, [
        {
          to: kernelId(context.node),
          delay: LATENCY.localCall,
          event: {
            type: 'kernel.call',
            note: note(event.note, 'request', `execve (${b.summary})`, { summary: b.summary }),
            callId: `exec:${context.containerId}`,
            call: {
              op: 'process.exec',
              containerId: context.containerId,
              exit: b.exit,
              ignoresStopSignal: b.onStopSignal === null,
              summary: b.summary,
            },
            replyTo: runcId(context.containerId),
          },
        },
      ]);
    }),
    // The shim reaps the process and publishes TaskExit. upstream: containerd cmd/containerd-shim-runc-v2 (process exit → TaskExit)
    reportExit: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'process.exit') return;
      enqueue.assign({ exitCode: event.exitCode });
      const label = `TaskExit ${context.containerId.slice(0, 13)}: exit_status ${event.exitCode}${event.oom ? ' (OOM)' : ''}`;
      dispatch(enqueue, system, [
        {
          to: context.owner,
          delay: LATENCY.localCall,
          event: {
            type: 'task.exit',
            note: note(event.note, 'response', label, { exitCode: event.exitCode, oom: event.oom }),
            containerId: context.containerId,
            exitCode: event.exitCode,
            oom: event.oom,
          },
        },
      ]);
    }),
    clearExit: assign({ exitCode: null }),
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
    exited: ({ event }) => event.type !== 'kernel.result' || event.result.exited !== false,
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
          { guard: { type: 'is', params: 'start' }, target: 'running', actions: ['exec', 'reportRunning'] },
          { guard: { type: 'is', params: 'kill' }, target: 'signalled', actions: 'signal' },
        ],
      },
    },
    running: {
      on: {
        'oci.command': { guard: { type: 'is', params: 'kill' }, target: 'signalled', actions: 'signal' },
        'process.exit': { target: 'stopped', actions: 'reportExit' },
      },
    },
    // Signalled, not yet exited: runc still reports running; a signal PID 1 ignores changes nothing.
    signalled: {
      on: {
        'kernel.result': [
          { guard: 'exited', target: 'stopped', actions: 'reportStopped' },
          { target: 'running', actions: 'clearExit' },
        ],
        'process.exit': { target: 'stopped', actions: ['reportExit', 'reportStopped'] },
      },
    },
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
