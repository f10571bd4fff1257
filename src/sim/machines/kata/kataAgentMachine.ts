// kata-agent, the one process inside a Kata pod's VM that supervises the containers: it serves the
// shim's ttRPC calls over VSOCK and asks the guest kernel for the namespaces, eth0 and the processes
// (through rustjail, its Rust counterpart of runc's libcontainer). The shim waits on WaitProcess; the agent
// answers it with the exit status when the workload exits.
// upstream: kata-containers docs/design/architecture/README.md (Agent; Workload exit), src/agent/src/rpc.rs
import { enqueueActions, setup } from 'xstate';
import type { SimEvent, VmOp } from '../../cluster/events';
import type { Note } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { guestKernelId, kataAgentId, kataShimId } from '../../cluster/systemIds';
import { text, vmCall, vmResult, type KataBundle } from './vmMessages';

export interface KataAgentInput {
  sandboxId: string;
}

export interface KataAgentContext extends KataAgentInput {
  /** The guest-kernel request behind each agent call in flight, by `<guest op>:<containerId>`. */
  pending: Record<string, VmOp>;
  /** WaitProcess calls not yet answered, by container. */
  waits: Record<string, Note>;
  /** Exits that came before the shim's WaitProcess. */
  exits: Record<string, { exitCode: number; oom: boolean }>;
}

type Call = Extract<SimEvent, { type: 'vm.call' }>;

/** The guest-kernel request each agent call needs, and its label. */
function guestRequest(e: Call): { op: VmOp; label: string; data?: Record<string, unknown> } | null {
  const b = e.data?.bundle as KataBundle | undefined;
  switch (e.op) {
    case 'CreateSandbox':
      return { op: 'unshare', label: 'unshare(CLONE_NEWIPC|CLONE_NEWUTS): the sandbox namespaces' };
    case 'UpdateInterface':
      return {
        op: 'netlink',
        label: `netlink: eth0 ${text(e.data?.address)} up`,
        data: { done: 'eth0 configured' },
      };
    case 'UpdateRoutes':
      return {
        op: 'netlink',
        label: `netlink: default via ${text(e.data?.gateway)} dev eth0`,
        data: { done: 'route added' },
      };
    case 'CreateContainer':
      return { op: 'clone', label: `rustjail: create container (${b?.name ?? ''})`, data: { bundle: b } };
    case 'StartContainer':
      return {
        op: 'exec',
        label: `rustjail: exec (${String((e.data?.behaviour as { summary?: string } | undefined)?.summary ?? '')})`,
        data: { behaviour: e.data?.behaviour },
      };
    case 'SignalProcess':
      return { op: 'signal', label: `kill(pid 1, ${text(e.data?.signalName)})`, data: e.data ?? {} };
    default:
      return null;
  }
}

const key = (op: VmOp, cid: string | undefined): string => `${op}:${cid ?? ''}`;

export const kataAgentMachine = setup({
  types: { context: {} as KataAgentContext, events: {} as SimEvent, input: {} as KataAgentInput },
  actions: {
    announce: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'vm.call') return;
      const shim = kataShimId(context.sandboxId);
      dispatch(enqueue, system, [
        vmResult(shim, event.note, 'startAgent', 'kata-agent ready: ttRPC server on VSOCK'),
      ]);
    }),
    serve: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'vm.call') return;
      const cid = event.containerId;
      const self = kataAgentId(context.sandboxId);
      const g = guestRequest(event);
      if (g) {
        enqueue.assign({ pending: { ...context.pending, [key(g.op, cid)]: event.op } });
        dispatch(enqueue, system, [
          vmCall(guestKernelId(context.sandboxId), event.note, g.op, g.label, self, {
            ...(cid ? { containerId: cid } : {}),
            ...(g.data ? { data: g.data } : {}),
          }),
        ]);
        return;
      }
      const out: Outgoing[] = [];
      const shim = event.replyTo;
      if (event.op === 'WaitProcess' && cid) {
        const done = context.exits[cid];
        if (done) {
          const { [cid]: _gone, ...exits } = context.exits;
          enqueue.assign({ exits });
          out.push(waitAnswer(shim, event.note, cid, done.exitCode, done.oom));
        } else enqueue.assign({ waits: { ...context.waits, [cid]: event.note } });
      } else {
        const label = `${event.op}: ok`;
        out.push(vmResult(shim, event.note, event.op, label, cid ? { containerId: cid } : {}));
      }
      dispatch(enqueue, system, out);
    }),
    finish: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'vm.result') return;
      const k = key(event.op, event.containerId);
      const op = context.pending[k];
      if (!op) return;
      const { [k]: _done, ...pending } = context.pending;
      enqueue.assign({ pending });
      const cid = event.containerId;
      const ok = op === 'SignalProcess' ? `SignalProcess: ok` : `${op}: ok`;
      dispatch(enqueue, system, [
        vmResult(kataShimId(context.sandboxId), event.note, op, ok, {
          ...(cid ? { containerId: cid } : {}),
          ...(event.data ? { data: event.data } : {}),
        }),
      ]);
    }),
    exited: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'process.exit') return;
      const cid = event.containerId;
      const wait = context.waits[cid];
      if (!wait) {
        enqueue.assign({ exits: { ...context.exits, [cid]: { exitCode: event.exitCode, oom: event.oom } } });
        return;
      }
      const { [cid]: _answered, ...waits } = context.waits;
      enqueue.assign({ waits });
      const shim = kataShimId(context.sandboxId);
      dispatch(enqueue, system, [waitAnswer(shim, event.note, cid, event.exitCode, event.oom)]);
    }),
  },
}).createMachine({
  id: 'kataAgent',
  context: ({ input }) => ({ ...input, pending: {}, waits: {}, exits: {} }),
  initial: 'starting',
  states: {
    starting: { on: { 'vm.call': { target: 'serving', actions: 'announce' } } },
    serving: {
      on: {
        'vm.call': [
          {
            guard: ({ event }) => event.op === 'DestroySandbox',
            target: 'destroyed',
            actions: 'serve',
          },
          { actions: 'serve' },
        ],
        'vm.result': { actions: 'finish' },
        'process.exit': { actions: 'exited' },
      },
    },
    destroyed: {},
  },
});

function waitAnswer(shim: string, cause: Note, cid: string, exitCode: number, oom: boolean): Outgoing {
  const label = `WaitProcess → exit_status ${exitCode}${oom ? ' (OOM)' : ''}`;
  return vmResult(shim, cause, 'WaitProcess', label, { containerId: cid, data: { exitCode, oom } });
}
