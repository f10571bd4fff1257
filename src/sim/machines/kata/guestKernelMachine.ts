// The guest kernel of a Kata pod's VM: booted by the hypervisor, it starts kata-agent (systemd runs
// kata-agent.service in the guest image) and then serves the agent: the sandbox's namespaces, eth0 by
// netlink, and the containers' processes, whose namespaces and cgroups live inside the VM.
// upstream: kata-containers docs/design/architecture/README.md ("Linux cgroups and namespaces are
// created inside the VM by the guest kernel"), guest-assets.md
import { enqueueActions, setup } from 'xstate';
import type { NamespaceType, SimEvent } from '../../cluster/events';
import { note, type Note } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { kataAgentId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { HOST_NAMESPACES } from '../kernel/kernelState';
import { cloneFlags, text, vmCall, vmResult, type KataBundle } from './vmMessages';

export interface GuestKernelInput {
  sandboxId: string;
}

interface GuestProcess {
  alive: boolean;
  /** Exit code on SIGTERM, or null when PID 1 ignores it. */
  onStop: number | null;
  /** Bumped when the process dies, so a stale "ends by itself" timer does nothing. */
  gen: number;
  namespaces: Record<NamespaceType, number>;
}

export interface GuestKernelContext extends GuestKernelInput {
  nextInode: number;
  sandboxNamespaces: Partial<Record<NamespaceType, number>>;
  processes: Record<string, GuestProcess>;
}

/** A process's own end, scheduled at exec; internal, so it carries no Note (the trace skips it). */
interface GuestTimer {
  type: 'guest.processEnds';
  containerId: string;
  gen: number;
  exitCode: number;
  oom: boolean;
  cause: Note;
}

type Call = Extract<SimEvent, { type: 'vm.call' }>;

function exitMessage(
  ctx: GuestKernelContext,
  cause: Note,
  cid: string,
  code: number,
  oom: boolean,
  delay: number,
): Outgoing {
  const label = oom ? `OOM killer: SIGKILL (exit ${code})` : `process exited (status ${code})`;
  return {
    to: kataAgentId(ctx.sandboxId),
    delay,
    event: {
      type: 'process.exit',
      note: note(cause, 'response', label, { exitCode: code, oom }),
      containerId: cid,
      exitCode: code,
      oom,
    },
  };
}

/** clone for a container: the sandbox container takes the sandbox's ipc and uts; others join the pause container's. */
function clone(
  ctx: GuestKernelContext,
  e: Call,
): { ctx: GuestKernelContext; namespaces: Record<NamespaceType, number>; label: string } {
  const b = e.data?.bundle as KataBundle;
  const sandbox = e.containerId === ctx.sandboxId;
  const unshare = sandbox ? b.unshare.filter((n) => !(n in ctx.sandboxNamespaces)) : b.unshare;
  const join = sandbox ? ctx.sandboxNamespaces : b.join;
  let inode = ctx.nextInode;
  const namespaces = { ...HOST_NAMESPACES };
  for (const n of unshare) namespaces[n] = inode++;
  for (const [n, id] of Object.entries(join)) namespaces[n as NamespaceType] = id;
  const p: GuestProcess = { alive: false, onStop: b.behaviour.onStopSignal, gen: 0, namespaces };
  const joined = Object.keys(join);
  const label = `rustjail: clone(${cloneFlags(unshare)})${joined.length ? `; setns ${joined.join(', ')}` : ''}`;
  return {
    ctx: { ...ctx, nextInode: inode, processes: { ...ctx.processes, [e.containerId ?? '']: p } },
    namespaces,
    label,
  };
}

export const guestKernelMachine = setup({
  types: {
    context: {} as GuestKernelContext,
    events: {} as SimEvent | GuestTimer,
    input: {} as GuestKernelInput,
  },
  actions: {
    startAgent: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'vm.call') return;
      const agent = kataAgentId(context.sandboxId);
      dispatch(enqueue, system, [
        vmCall(agent, event.note, 'startAgent', 'systemd starts kata-agent.service', agent, {
          delay: LATENCY.vmBoot,
        }),
      ]);
    }),
    serve: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'vm.call') return;
      const cid = event.containerId;
      const reply = (label: string, data?: Record<string, unknown>, delay?: number): Outgoing =>
        vmResult(event.replyTo, event.note, event.op, label, {
          ...(cid ? { containerId: cid } : {}),
          ...(data ? { data } : {}),
          ...(delay ? { delay } : {}),
        });
      const out: Outgoing[] = [];
      if (event.op === 'unshare') {
        const ns = { ipc: context.nextInode, uts: context.nextInode + 1 };
        enqueue.assign({ nextInode: context.nextInode + 2, sandboxNamespaces: ns });
        out.push(reply(`ipc:[${ns.ipc}], uts:[${ns.uts}] for the sandbox`, { namespaces: ns }));
      } else if (event.op === 'netlink') {
        out.push(reply(text(event.data?.done) || 'netlink: ok'));
      } else if (event.op === 'clone') {
        const r = clone(context, event);
        enqueue.assign(r.ctx);
        out.push(reply(r.label, { namespaces: r.namespaces }));
      } else if (event.op === 'exec') {
        const p = context.processes[cid ?? ''];
        const b = event.data?.behaviour as KataBundle['behaviour'] | undefined;
        if (p) enqueue.assign({ processes: { ...context.processes, [cid ?? '']: { ...p, alive: true } } });
        if (p && b?.exit) {
          const timer: GuestTimer = {
            type: 'guest.processEnds',
            containerId: cid ?? '',
            gen: p.gen,
            exitCode: b.exit.code,
            oom: b.exit.oom,
            cause: event.note,
          };
          enqueue.raise(timer, { delay: b.exit.afterMs });
        }
        out.push(reply(`execve: ${b?.summary ?? ''}`, { pid: 1 }));
      } else if (event.op === 'signal') {
        const signal = Number(event.data?.signal ?? 15);
        const p = context.processes[cid ?? ''];
        // PID 1 gets only the signals it handles; SIGKILL always kills. upstream: kernel/signal.c
        if (p?.alive && signal !== 9 && p.onStop === null) {
          out.push(reply(`signal ${signal}: ignored by PID 1 (no handler)`, { exited: false }));
        } else if (p?.alive) {
          const code = signal === 9 ? 137 : (p.onStop ?? 0);
          const dead = { ...p, alive: false, gen: p.gen + 1 };
          enqueue.assign({ processes: { ...context.processes, [cid ?? '']: dead } });
          out.push(reply(`signal ${signal}: delivered`, { exited: true }));
          out.push(exitMessage(context, event.note, cid ?? '', code, false, LATENCY.processExit));
        } else out.push(reply(`signal ${signal}: no such process`, { exited: true }));
      }
      dispatch(enqueue, system, out);
    }),
    processEnds: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'guest.processEnds') return;
      const p = context.processes[event.containerId];
      if (!p?.alive || p.gen !== event.gen) return;
      enqueue.assign({
        processes: { ...context.processes, [event.containerId]: { ...p, alive: false, gen: p.gen + 1 } },
      });
      dispatch(enqueue, system, [
        exitMessage(context, event.cause, event.containerId, event.exitCode, event.oom, 0),
      ]);
    }),
  },
}).createMachine({
  id: 'guestKernel',
  context: ({ input }) => ({ ...input, nextInode: 4026532200, sandboxNamespaces: {}, processes: {} }),
  initial: 'off',
  states: {
    off: { on: { 'vm.call': { target: 'running', actions: 'startAgent' } } },
    running: { on: { 'vm.call': { actions: 'serve' }, 'guest.processEnds': { actions: 'processEnds' } } },
  },
});
