// The hypervisor of a Kata pod (QEMU/KVM, Kata's default): the shim launches it with the guest kernel
// and the guest image; it boots the VM and runs until the shim tells it to quit after DestroySandbox.
// upstream: kata-containers docs/design/architecture/README.md (Hypervisor; "The hypervisor creates and
// starts (boots) a VM using the guest assets"), guest-assets.md
import { enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import { dispatch } from '../../cluster/outbox';
import { guestKernelId, qemuId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { vmCall, vmResult } from './vmMessages';

export interface QemuInput {
  sandboxId: string;
}

export const qemuMachine = setup({
  types: { context: {} as QemuInput, events: {} as SimEvent, input: {} as QemuInput },
  actions: {
    boot: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'vm.call') return;
      const label = 'boot the guest kernel; guest image as rootfs (/dev/pmem0, DAX)';
      dispatch(enqueue, system, [
        vmCall(guestKernelId(context.sandboxId), event.note, 'boot', label, qemuId(context.sandboxId), {
          delay: LATENCY.hypervisorStart,
        }),
      ]);
    }),
    quit: enqueueActions(({ event, enqueue, system }) => {
      if (event.type !== 'vm.call') return;
      dispatch(enqueue, system, [vmResult(event.replyTo, event.note, 'quit', 'VM powered off; qemu exited')]);
    }),
  },
}).createMachine({
  id: 'qemu',
  context: ({ input }) => input,
  initial: 'off',
  states: {
    off: {
      on: { 'vm.call': { guard: ({ event }) => event.op === 'launch', target: 'running', actions: 'boot' } },
    },
    running: {
      on: { 'vm.call': { guard: ({ event }) => event.op === 'quit', target: 'exited', actions: 'quit' } },
    },
    exited: {},
  },
});
