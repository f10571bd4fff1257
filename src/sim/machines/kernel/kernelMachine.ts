// The Linux kernel of one node: it answers containerd's and runc's calls (namespaces, cgroups, CNI
// plumbing). One per node.
import { enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import { note } from '../../cluster/note';
import { dispatch } from '../../cluster/outbox';
import { kernelId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { seedFor } from '../../time/random';
import { applyKernelCall, initialKernel, type KernelState } from './kernelState';

export interface KernelInput {
  node: string;
  podCIDR: string;
  seed: number;
}

function delayOf(op: string): number {
  if (op === 'cni.add') return LATENCY.cniAdd;
  if (op === 'process.signal') return LATENCY.processExit;
  return LATENCY.localCall;
}

export const kernelMachine = setup({
  types: { context: {} as KernelState, events: {} as SimEvent, input: {} as KernelInput },
  actions: {
    call: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'kernel.call') return;
      const { state, result, label } = applyKernelCall(context, event.call);
      enqueue.assign(state);
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
  },
}).createMachine({
  id: 'kernel',
  context: ({ input }) => initialKernel(input.node, input.podCIDR, seedFor(input.seed, kernelId(input.node))),
  initial: 'ready',
  states: { ready: { on: { 'kernel.call': { actions: 'call' } } } },
});
