// The Linux kernel of one node: it answers containerd's and runc's calls (namespaces, cgroups, CNI
// plumbing), and ends processes that exit by themselves or that the cgroup OOM killer picks. One per node.
import { enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import { note } from '../../cluster/note';
import { dispatch } from '../../cluster/outbox';
import { commit } from '../../cluster/commit';
import type { SimEnv } from '../../cluster/env';
import { kernelId, runcId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { seedFor } from '../../time/random';
import { applyKernelCall, exitProcess, initialKernel, type KernelState } from './kernelState';

export interface KernelInput {
  node: string;
  podCIDR: string;
  seed: number;
  /** The host's environment; the kernel reads only whether to update its context in place (commit). */
  env?: SimEnv;
}

type KernelContext = KernelState & { env?: SimEnv };

/** A process's own end, scheduled at exec; internal to the kernel, so it carries no Note. */
interface ProcessTimer {
  type: 'kernel.processEnds';
  containerId: string;
  exitCode: number;
  oom: boolean;
  cause: SimEvent['note'];
}

function delayOf(op: string): number {
  if (op === 'cni.add') return LATENCY.cniAdd;
  if (op === 'process.signal') return LATENCY.processExit;
  if (op === 'criu.dump') return LATENCY.criuDump;
  return LATENCY.localCall;
}

export const kernelMachine = setup({
  types: { context: {} as KernelContext, events: {} as SimEvent | ProcessTimer, input: {} as KernelInput },
  actions: {
    call: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'kernel.call') return;
      const { state, result, label } = applyKernelCall(context, event.call);
      const c = event.call;
      const deferred =
        c.op === 'cgroup.freeze' && !c.frozen ? context.processes[c.containerId]?.deferredExit : null;
      const thawed = c.op === 'cgroup.freeze' && deferred ? c.containerId : null;
      const p = thawed !== null ? state.processes[thawed] : undefined;
      // One assign per event, in the function form (an object would be copied key by key first).
      const next =
        thawed !== null && p
          ? { ...state, processes: { ...state.processes, [thawed]: { ...p, deferredExit: undefined } } }
          : state;
      commit(enqueue, context, next);
      if (c.op === 'cgroup.freeze' && deferred) {
        // Thawed: the end the program reached while frozen happens now.
        const timer: ProcessTimer = {
          type: 'kernel.processEnds',
          containerId: c.containerId,
          exitCode: deferred.exitCode,
          oom: deferred.oom,
          cause: event.note,
        };
        enqueue.raise(timer, { delay: LATENCY.localCall });
      }
      if (c.op === 'process.exec' && c.exit) {
        const timer: ProcessTimer = {
          type: 'kernel.processEnds',
          containerId: c.containerId,
          exitCode: c.exit.code,
          oom: c.exit.oom,
          cause: event.note,
        };
        enqueue.raise(timer, { delay: c.exit.afterMs });
      }
      dispatch(enqueue, system, [
        {
          to: event.replyTo,
          delay: delayOf(event.call.op),
          event: {
            type: 'kernel.result',
            note: note(event.note, 'response', label, { ...result, node: context.node }),
            callId: event.callId,
            result,
          },
        },
      ]);
    }),
    // upstream: mm/memcontrol.c mem_cgroup_out_of_memory → oom_kill_process (SIGKILL: 128+9 = 137)
    processEnds: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'kernel.processEnds') return;
      const r = exitProcess(context, event.containerId, { exitCode: event.exitCode, oom: event.oom });
      if (!r.alive) return;
      commit(enqueue, context, r.state);
      if (r.deferred) return;
      const label = event.oom
        ? `OOM killer: memory.max reached, SIGKILL (exit ${event.exitCode})`
        : `process exited (status ${event.exitCode})`;
      const ev: SimEvent = {
        type: 'process.exit',
        note: note(event.cause, 'response', label, { exitCode: event.exitCode, oom: event.oom }),
        containerId: event.containerId,
        exitCode: event.exitCode,
        oom: event.oom,
      };
      dispatch(enqueue, system, [{ to: runcId(event.containerId), delay: 0, event: ev }]);
    }),
  },
}).createMachine({
  id: 'kernel',
  context: ({ input }): KernelContext => ({
    ...initialKernel(input.node, input.podCIDR, seedFor(input.seed, kernelId(input.node))),
    ...(input.env ? { env: input.env } : {}),
  }),
  initial: 'ready',
  states: {
    ready: { on: { 'kernel.call': { actions: 'call' }, 'kernel.processEnds': { actions: 'processEnds' } } },
  },
});
