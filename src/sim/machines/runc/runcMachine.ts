// runc for one container (or the pause container): the OCI lifecycle as runc reports it —
// created → running ⇄ paused → stopped, then deleted. runc never reports "creating"; that exists only in
// the OCI spec. Besides the shim's create/start/kill/delete, a person at the node may run `runc pause`
// (freeze the cgroup: cgroup.freeze = 1 on cgroup v2), `runc resume` and `runc kill`; the kubelet itself
// never pauses a container. `runc checkpoint --leave-running` (the kubelet's checkpoint API, through
// containerd) has CRIU dump a running or paused container, which goes on as it was; a created or stopped
// one is refused (checkpoint.go: "Container cannot be checkpointed in %s state").
// upstream: opencontainers/runc libcontainer/container_linux.go (Pause, Resume, Signal), state_linux.go,
// error.go (ErrNotRunning "container not running", ErrNotPaused "container not paused",
// ErrNotExist "container does not exist")
import { and, assign, enqueueActions, setup } from 'xstate';
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
  /**
   * CRI-O: the container's conmon, which ran `runc create` and waits on the process. It, not CRI-O, hears
   * that the container was created and when it exits (it writes the exit file).
   */
  monitor?: string;
}

export interface RuncContext extends RuncInput {
  exitCode: number | null;
  /** Who asked for the checkpoint in progress (containerd's shim). */
  checkpointReplyTo?: string;
  /** A person at the node sent the running kill: the exit goes out as the shim's TaskExit, not a reply. */
  killedByOperator: boolean;
  namespaces: Partial<Record<NamespaceType, number>>;
}

const half = LATENCY.containerStart / 2;

/** runc's errors, verbatim. upstream: opencontainers/runc libcontainer/error.go */
export const NOT_RUNNING = { error: 'container not running' };
export const NOT_PAUSED = { error: 'container not paused' };
export const NOT_EXIST = { error: 'container does not exist' };
/** upstream: opencontainers/runc checkpoint.go (status.String() is created, running, paused, stopped) */
export const cannotCheckpoint = (status: string) => ({
  error: `Container cannot be checkpointed in ${status} state`,
});

const SIGNALS: Record<number, string> = { 2: 'SIGINT', 3: 'SIGQUIT', 9: 'SIGKILL', 15: 'SIGTERM' };
export const signalName = (n: number): string => SIGNALS[n] ?? `signal ${n}`;

function toOwner(
  ctx: RuncContext,
  ev: SimEvent,
  status: 'created' | 'running' | 'paused' | 'stopped' | 'deleted',
  delay: number,
): Outgoing {
  const label = status === 'stopped' ? `state: stopped (exit ${ctx.exitCode ?? 0})` : `state: ${status}`;
  const monitored = status === 'created' || status === 'stopped';
  return {
    to: monitored && ctx.monitor ? ctx.monitor : ctx.owner,
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
          to: context.monitor ?? context.owner,
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
    clearExit: assign({ exitCode: null, killedByOperator: false }),
    noteKiller: assign({
      killedByOperator: ({ event }) => event.type === 'oci.command' && event.replyTo !== undefined,
    }),
    /** `runc pause` / `runc resume`: write cgroup.freeze. upstream: libcontainer/cgroups/fs2/freezer.go */
    freeze: enqueueActions(({ context, event, enqueue, system }, params: { frozen: boolean }) => {
      if (event.type !== 'oci.command') return;
      const v = params.frozen ? 1 : 0;
      dispatch(enqueue, system, [
        {
          to: kernelId(context.node),
          delay: LATENCY.localCall,
          event: {
            type: 'kernel.call',
            note: note(event.note, 'request', `write cgroup.freeze = ${v}`, { cgroup: context.cgroup }),
            callId: `freeze:${context.containerId}`,
            call: {
              op: 'cgroup.freeze',
              containerId: context.containerId,
              path: context.cgroup,
              frozen: params.frozen,
            },
            replyTo: runcId(context.containerId),
          },
        },
      ]);
    }),
    /** The process died of the operator's signal: the shim reaps it and publishes TaskExit. */
    reportKilled: enqueueActions(({ context, event, enqueue, system }) => {
      const exitCode = context.exitCode ?? 0;
      const label = `TaskExit ${context.containerId.slice(0, 13)}: exit_status ${exitCode}`;
      dispatch(enqueue, system, [
        {
          to: context.monitor ?? context.owner,
          delay: LATENCY.localCall,
          event: {
            type: 'task.exit',
            note: note((event as { note: SimEvent['note'] }).note, 'response', label, {
              exitCode,
              oom: false,
            }),
            containerId: context.containerId,
            exitCode,
            oom: false,
          },
        },
      ]);
    }),
    /** runc prints the error and exits 1; the person at the node sees it. */
    refuse: enqueueActions(({ context, event, enqueue, system }, params: { error: string }) => {
      if (event.type !== 'oci.command' || event.replyTo === undefined) return;
      dispatch(enqueue, system, [
        {
          to: event.replyTo,
          delay: LATENCY.localCall,
          event: {
            type: 'oci.error',
            note: note(event.note, 'response', `runc ${event.command}: ${params.error} (exit status 1)`, {
              error: params.error,
            }),
            containerId: context.containerId,
            error: params.error,
          },
        },
      ]);
    }),

    /** runc checkpoint: CRIU dumps the container into the image path. upstream: libcontainer/criu_linux.go */
    criuDump: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'oci.command') return;
      const imagePath = event.imagePath ?? 'checkpoint';
      enqueue.assign({ checkpointReplyTo: event.replyTo ?? context.owner });
      dispatch(enqueue, system, [
        {
          to: kernelId(context.node),
          delay: LATENCY.localCall,
          event: {
            type: 'kernel.call',
            note: note(event.note, 'request', 'criu dump --leave-running (freeze, dump, thaw)', {
              imagePath,
            }),
            callId: `criu:${context.containerId}`,
            call: { op: 'criu.dump', containerId: context.containerId, imagePath, leaveRunning: true },
            replyTo: runcId(context.containerId),
          },
        },
      ]);
    }),
    reportCheckpointed: enqueueActions(
      ({ context, event, enqueue, system }, params: { status: 'running' | 'paused' | 'stopped' }) => {
        const to = context.checkpointReplyTo ?? context.owner;
        const label =
          params.status === 'stopped'
            ? 'checkpoint: the process exited during the dump'
            : `checkpoint written; still ${params.status}`;
        dispatch(enqueue, system, [
          {
            to,
            delay: LATENCY.localCall,
            event: {
              type: 'oci.state',
              note: note((event as { note: SimEvent['note'] }).note, 'response', label, {
                containerId: context.containerId,
                status: params.status,
                checkpoint: true,
              }),
              containerId: context.containerId,
              status: params.status,
              ...(context.exitCode !== null ? { exitCode: context.exitCode } : {}),
            },
          },
        ]);
      },
    ),
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
    byOperator: ({ context }) => context.killedByOperator,
    fromOperator: ({ event }) => event.type === 'oci.command' && event.replyTo !== undefined,
    is: ({ event }, command: string) => event.type === 'oci.command' && event.command === command,
  },
}).createMachine({
  id: 'runc',
  context: ({ input }) => ({ ...input, exitCode: null, killedByOperator: false, namespaces: {} }),
  // A checkpoint that reaches runc between two of its states (signalled, pausing, resuming, a dump in
  // progress) is answered rather than left hanging: the shim would otherwise wait for ever.
  on: {
    'oci.command': {
      guard: { type: 'is', params: 'checkpoint' },
      actions: { type: 'refuse', params: NOT_RUNNING },
    },
  },
  initial: 'idle',
  states: {
    idle: {
      on: {
        'oci.command': [
          { guard: { type: 'is', params: 'create' }, target: 'initializing', actions: 'spawnProcess' },
          { actions: { type: 'refuse', params: NOT_EXIST } },
        ],
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
          { guard: { type: 'is', params: 'kill' }, target: 'signalled', actions: ['noteKiller', 'signal'] },
          { guard: { type: 'is', params: 'resume' }, actions: { type: 'refuse', params: NOT_PAUSED } },
          {
            guard: { type: 'is', params: 'checkpoint' },
            actions: { type: 'refuse', params: cannotCheckpoint('created') },
          },
        ],
      },
    },
    running: {
      on: {
        'oci.command': [
          { guard: { type: 'is', params: 'kill' }, target: 'signalled', actions: ['noteKiller', 'signal'] },
          {
            guard: { type: 'is', params: 'pause' },
            target: 'pausing',
            actions: { type: 'freeze', params: { frozen: true } },
          },
          { guard: { type: 'is', params: 'resume' }, actions: { type: 'refuse', params: NOT_PAUSED } },
          { guard: { type: 'is', params: 'checkpoint' }, target: 'checkpointing', actions: 'criuDump' },
        ],
        'process.exit': { target: 'stopped', actions: 'reportExit' },
      },
    },
    // Not a runc status (runc still says running): CRIU is dumping the container.
    checkpointing: {
      on: {
        'kernel.result': {
          target: 'running',
          actions: { type: 'reportCheckpointed', params: { status: 'running' } },
        },
        'process.exit': {
          target: 'stopped',
          actions: ['reportExit', { type: 'reportCheckpointed', params: { status: 'stopped' } }],
        },
      },
    },
    checkpointingPaused: {
      on: {
        'kernel.result': {
          target: 'paused',
          actions: { type: 'reportCheckpointed', params: { status: 'paused' } },
        },
      },
    },
    // Not a runc status: runc has written cgroup.freeze and waits for cgroup.events to say frozen.
    pausing: { on: { 'kernel.result': { target: 'paused' } } },
    // The process is frozen: it runs nothing and answers nothing, but it is alive.
    paused: {
      on: {
        'oci.command': [
          {
            guard: { type: 'is', params: 'resume' },
            target: 'resuming',
            actions: { type: 'freeze', params: { frozen: false } },
          },
          // upstream: container_linux.go signal — after SIGKILL runc thaws a paused container's cgroup
          {
            guard: { type: 'is', params: 'kill' },
            target: 'signalledPaused',
            actions: ['noteKiller', 'signal'],
          },
          { guard: { type: 'is', params: 'pause' }, actions: { type: 'refuse', params: NOT_RUNNING } },
          { guard: { type: 'is', params: 'checkpoint' }, target: 'checkpointingPaused', actions: 'criuDump' },
        ],
      },
    },
    resuming: {
      on: { 'kernel.result': { target: 'running' } },
      // The program's own end, deferred while frozen, may come right after the thaw.
    },
    // Signalled, not yet exited: runc still reports running; a signal PID 1 ignores changes nothing.
    signalled: {
      on: {
        'kernel.result': [
          { guard: and(['exited', 'byOperator']), target: 'stopped', actions: 'reportKilled' },
          { guard: 'exited', target: 'stopped', actions: 'reportStopped' },
          { target: 'running', actions: 'clearExit' },
        ],
        'process.exit': { target: 'stopped', actions: ['reportExit', 'reportStopped'] },
      },
    },
    // A signal to a frozen process: SIGKILL kills it; any other stays pending until the thaw.
    signalledPaused: {
      on: {
        'kernel.result': [
          { guard: and(['exited', 'byOperator']), target: 'stopped', actions: 'reportKilled' },
          { guard: 'exited', target: 'stopped', actions: 'reportStopped' },
          { target: 'paused', actions: 'clearExit' },
        ],
      },
    },
    stopped: {
      on: {
        'oci.command': [
          { guard: { type: 'is', params: 'delete' }, target: 'deleted', actions: 'reportDeleted' },
          {
            guard: { type: 'is', params: 'checkpoint' },
            actions: { type: 'refuse', params: cannotCheckpoint('stopped') },
          },
          { actions: { type: 'refuse', params: NOT_RUNNING } },
        ],
      },
    },
    // Not `final`: a final actor stops at once and XState would cancel its last, delayed reply.
    deleted: {
      on: { 'oci.command': { actions: { type: 'refuse', params: NOT_EXIST } } },
    },
  },
});
