// conmon, CRI-O's container monitor: one per container. CRI-O starts it with the OCI runtime's path, the
// bundle and the exit directory; conmon runs `runc create`, passes the container's PID back to CRI-O over
// its sync pipe, and stays as the container's parent (holding its stdio and log). When the process exits,
// conmon writes the exit code to a file named after the container in /var/run/crio/exits, which CRI-O
// watches. upstream: containers/conmon src/conmon.c (runtime create, sync pipe, exit_dir / exit file),
// src/cli.c (--exit-dir, --runtime, --bundle); cri-o internal/oci/runtime_oci.go CreateContainer
import { enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import { note } from '../../cluster/note';
import { dispatch } from '../../cluster/outbox';
import { runcId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';

export interface ConmonInput {
  node: string;
  containerId: string;
  /** CRI-O's systemId: where the PID and the exit go. */
  crio: string;
}

export const CRIO_EXIT_DIR = '/var/run/crio/exits';

const short = (id: string): string => id.slice(0, 13);

export const conmonMachine = setup({
  types: { context: {} as ConmonInput, events: {} as SimEvent, input: {} as ConmonInput },
  actions: {
    runtimeCreate: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'conmon.spawn') return;
      const id = context.containerId;
      // The label ends with the container's name, as containerd's `runc create` does (the UI finds it so).
      const label = `runc create ${short(id)} (${event.name})`;
      dispatch(enqueue, system, [
        {
          to: runcId(id),
          delay: LATENCY.localCall,
          event: {
            type: 'oci.command',
            note: note(event.note, 'request', label, { containerId: id, command: 'create' }),
            command: 'create',
          },
        },
      ]);
    }),
    /** runc create is done: the PID goes to CRI-O through the sync pipe. */
    created: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'oci.state') return;
      const n = note(event.note, 'response', 'sync pipe: container created, its PID', {
        containerId: event.containerId,
        status: 'created',
      });
      dispatch(enqueue, system, [
        { to: context.crio, delay: LATENCY.localCall, event: { ...event, note: n } },
      ]);
    }),
    /** The process exited: conmon writes the exit file that CRI-O's exit monitor reads. */
    exited: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'task.exit' && event.type !== 'oci.state') return;
      const code = event.type === 'task.exit' ? event.exitCode : (event.exitCode ?? 0);
      const label = `exit file ${CRIO_EXIT_DIR}/${short(context.containerId)}…: ${code}`;
      const n = note(event.note, 'response', label, { containerId: context.containerId, exitCode: code });
      dispatch(enqueue, system, [
        { to: context.crio, delay: LATENCY.localCall, event: { ...event, note: n } },
      ]);
    }),
  },
}).createMachine({
  id: 'conmon',
  context: ({ input }) => input,
  initial: 'idle',
  states: {
    idle: { on: { 'conmon.spawn': { target: 'creating', actions: 'runtimeCreate' } } },
    creating: { on: { 'oci.state': { target: 'monitoring', actions: 'created' } } },
    monitoring: {
      on: {
        'task.exit': { target: 'exited', actions: 'exited' },
        'oci.state': {
          guard: ({ event }) => event.status === 'stopped',
          target: 'exited',
          actions: 'exited',
        },
      },
    },
    exited: {},
  },
});
