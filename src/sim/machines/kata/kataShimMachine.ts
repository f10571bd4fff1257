// containerd-shim-kata-v2, the Kata Containers runtime: one per pod, started by containerd instead of
// containerd-shim-runc-v2 when the pod's RuntimeClass handler is kata. It serves containerd's task calls
// (Create, Start, Kill, Delete) for every container of the pod: on the sandbox's Create it launches the
// hypervisor, waits for kata-agent in the booted VM, connects the pod's netns to the VM (tap0_kata and
// TC mirroring), calls CreateSandbox and configures the guest's eth0; each container is then created and
// started by the agent inside the VM, and the shim waits on WaitProcess for its exit.
// upstream: kata-containers docs/design/architecture/README.md (Shim v2 architecture; Container
// creation; Container shutdown), networking.md; src/runtime/pkg/containerd-shim-v2/service.go
import { enqueueActions, setup } from 'xstate';
import type { NamespaceType, SimEvent } from '../../cluster/events';
import { note, type Note } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { guestKernelId, kataAgentId, kataShimId, kernelId, qemuId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { signalName } from '../runc/runcMachine';
import { guestKernelMachine } from './guestKernelMachine';
import { kataAgentMachine } from './kataAgentMachine';
import { qemuMachine } from './qemuMachine';
import { shortId, text, vmCall, type KataBundle } from './vmMessages';

export interface KataShimInput {
  node: string;
  sandboxId: string;
  /** containerd, which the shim answers (task state and TaskExit events). */
  owner: string;
}

export interface KataShimContext extends KataShimInput {
  containers: Record<string, { bundle: KataBundle; killing: boolean; namespaces?: object }>;
  /** The pod's address, read from eth0 in the netns (what UpdateInterface gives the guest). */
  network: { ip: string; prefix: string; gateway: string } | null;
}

type Command = Extract<SimEvent, { type: 'oci.command' }>;
type Result = Extract<SimEvent, { type: 'vm.result' }>;

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function toOwner(
  ctx: KataShimContext,
  cause: Note,
  cid: string,
  status: 'created' | 'running' | 'stopped' | 'deleted',
  extra: { exitCode?: number; namespaces?: Partial<Record<NamespaceType, number>> } = {},
): Outgoing {
  const label = status === 'stopped' ? `state: stopped (exit ${extra.exitCode ?? 0})` : `state: ${status}`;
  return {
    to: ctx.owner,
    delay: LATENCY.localCall,
    event: {
      type: 'oci.state',
      note: note(cause, 'response', label, { containerId: cid, status }),
      containerId: cid,
      status,
      ...extra,
    },
  };
}

function taskExit(ctx: KataShimContext, cause: Note, cid: string, exitCode: number, oom: boolean): Outgoing {
  return {
    to: ctx.owner,
    delay: LATENCY.localCall,
    event: {
      type: 'task.exit',
      note: note(cause, 'response', `TaskExit ${shortId(cid)}: exit_status ${exitCode}`, { exitCode, oom }),
      containerId: cid,
      exitCode,
      oom,
    },
  };
}

/** containerd's task call for one container. */
function onCommand(ctx: KataShimContext, e: Command): { ctx: KataShimContext; out: Outgoing[] } {
  const cid = e.containerId ?? ctx.sandboxId;
  const self = kataShimId(ctx.sandboxId);
  const agent = kataAgentId(ctx.sandboxId);
  const c = ctx.containers[cid];
  const call = (op: Parameters<typeof vmCall>[2], label: string, data?: Record<string, unknown>) =>
    vmCall(agent, e.note, op, label, self, { containerId: cid, ...(data ? { data } : {}) });
  switch (e.command) {
    case 'create': {
      const bundle = e.bundle as KataBundle | undefined;
      if (!bundle) return { ctx, out: [] };
      const next = { ...ctx, containers: { ...ctx.containers, [cid]: { bundle, killing: false } } };
      if (cid === ctx.sandboxId) {
        const label =
          'launch qemu-system-x86_64 (guest kernel vmlinux.container, image kata-containers.img, VSOCK)';
        return { ctx: next, out: [vmCall(qemuId(ctx.sandboxId), e.note, 'launch', label, self)] };
      }
      return {
        ctx: next,
        out: [call('CreateContainer', `CreateContainer ${shortId(cid)} (${bundle.name})`, { bundle })],
      };
    }
    case 'start':
      return {
        ctx,
        out: [call('StartContainer', `StartContainer ${shortId(cid)}`, { behaviour: c?.bundle.behaviour })],
      };
    case 'kill': {
      const signal = e.signal ?? 15;
      const next = c ? { ...ctx, containers: { ...ctx.containers, [cid]: { ...c, killing: true } } } : ctx;
      const label = `SignalProcess ${shortId(cid)} ${signalName(signal)}`;
      return { ctx: next, out: [call('SignalProcess', label, { signal, signalName: signalName(signal) })] };
    }
    case 'delete':
      if (cid === ctx.sandboxId)
        return {
          ctx,
          out: [vmCall(agent, e.note, 'DestroySandbox', 'DestroySandbox', self, { containerId: cid })],
        };
      return { ctx, out: [call('RemoveContainer', `RemoveContainer ${shortId(cid)}`)] };
    default: {
      // The Kata shim implements no Pause, Resume or Checkpoint. upstream: src/runtime/pkg/
      // containerd-shim-v2/service.go (returns errdefs.ErrNotImplemented)
      if (!e.replyTo) return { ctx, out: [] };
      const error = 'not implemented';
      const ev: SimEvent = {
        type: 'oci.error',
        note: note(e.note, 'response', `${cap(e.command)}: ${error}`, { error }),
        containerId: cid,
        error,
      };
      return { ctx, out: [{ to: e.replyTo, delay: LATENCY.localCall, event: ev }] };
    }
  }
}

/** An answer from the agent (or the hypervisor): the next step of the sandbox's set-up, or containerd's reply. */
function onResult(ctx: KataShimContext, e: Result): Outgoing[] {
  const self = kataShimId(ctx.sandboxId);
  const agent = kataAgentId(ctx.sandboxId);
  const sb = ctx.sandboxId;
  const cid = e.containerId ?? sb;
  const net = ctx.network;
  switch (e.op) {
    case 'startAgent': {
      const call = { op: 'tap.create' as const, sandboxId: sb };
      const label = 'create tap0_kata in the pod netns; tc filter eth0 ⇄ tap0_kata';
      const ev: SimEvent = {
        type: 'kernel.call',
        note: note(e.note, 'request', label, { ...call }),
        callId: `tap:${sb}`,
        call,
        replyTo: self,
      };
      return [{ to: kernelId(ctx.node), delay: LATENCY.localCall, event: ev }];
    }
    case 'CreateSandbox':
      return [
        vmCall(
          agent,
          e.note,
          'UpdateInterface',
          `UpdateInterface eth0 ${net?.ip ?? ''}/${net?.prefix ?? ''}`,
          self,
          {
            data: { address: `${net?.ip ?? ''}/${net?.prefix ?? ''}` },
          },
        ),
      ];
    case 'UpdateInterface':
      return [
        vmCall(agent, e.note, 'UpdateRoutes', `UpdateRoutes default via ${net?.gateway ?? ''}`, self, {
          data: { gateway: net?.gateway ?? '' },
        }),
      ];
    case 'UpdateRoutes': {
      const bundle = ctx.containers[sb]?.bundle;
      return [
        vmCall(agent, e.note, 'CreateContainer', `CreateContainer ${shortId(sb)} (pause)`, self, {
          containerId: sb,
          data: { bundle },
        }),
      ];
    }
    case 'CreateContainer': {
      const namespaces = (e.data?.namespaces ?? {}) as Partial<Record<NamespaceType, number>>;
      return [toOwner(ctx, e.note, cid, 'created', { namespaces })];
    }
    case 'StartContainer':
      return [
        vmCall(agent, e.note, 'WaitProcess', `WaitProcess ${shortId(cid)}`, self, { containerId: cid }),
        toOwner(ctx, e.note, cid, 'running'),
      ];
    case 'WaitProcess': {
      const code = Number(e.data?.exitCode ?? 0);
      if (ctx.containers[cid]?.killing) return [toOwner(ctx, e.note, cid, 'stopped', { exitCode: code })];
      return [taskExit(ctx, e.note, cid, code, e.data?.oom === true)];
    }
    case 'RemoveContainer':
      return [toOwner(ctx, e.note, cid, 'deleted')];
    case 'DestroySandbox':
      return [vmCall(qemuId(sb), e.note, 'quit', 'quit the VM (QMP quit)', self)];
    case 'quit':
      return [toOwner(ctx, e.note, sb, 'deleted')];
    default:
      return [];
  }
}

export const kataShimMachine = setup({
  types: { context: {} as KataShimContext, events: {} as SimEvent, input: {} as KataShimInput },
  actors: { qemu: qemuMachine, guestKernel: guestKernelMachine, kataAgent: kataAgentMachine },
  actions: {
    startVmParts: enqueueActions(({ context, enqueue }) => {
      const sb = context.sandboxId;
      const input = { sandboxId: sb };
      enqueue.spawnChild('qemu', { id: qemuId(sb), systemId: qemuId(sb), input });
      enqueue.spawnChild('guestKernel', { id: guestKernelId(sb), systemId: guestKernelId(sb), input });
      enqueue.spawnChild('kataAgent', { id: kataAgentId(sb), systemId: kataAgentId(sb), input });
    }),
    command: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'oci.command') return;
      const r = onCommand(context, event);
      enqueue.assign({ containers: r.ctx.containers });
      dispatch(enqueue, system, r.out);
    }),
    result: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'vm.result') return;
      dispatch(enqueue, system, onResult(context, event));
    }),
    /** The tap is in place: the address it carries goes to the guest; the agent creates the sandbox. */
    tapReady: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'kernel.result') return;
      const r = event.result;
      const network = {
        ip: text(r.ip),
        prefix: text(r.prefix) || '24',
        gateway: text(r.gateway),
      };
      enqueue.assign({ network });
      const self = kataShimId(context.sandboxId);
      dispatch(enqueue, system, [
        vmCall(kataAgentId(context.sandboxId), event.note, 'CreateSandbox', 'CreateSandbox', self, {
          containerId: context.sandboxId,
        }),
      ]);
    }),
  },
  guards: {
    op: ({ event }, op: string) => event.type === 'vm.result' && event.op === op,
    sandboxCreated: ({ context, event }) =>
      event.type === 'vm.result' && event.op === 'CreateContainer' && event.containerId === context.sandboxId,
  },
}).createMachine({
  id: 'kataShim',
  context: ({ input }) => ({ ...input, containers: {}, network: null }),
  entry: 'startVmParts',
  initial: 'idle',
  states: {
    idle: { on: { 'oci.command': { target: 'booting', actions: 'command' } } },
    // The hypervisor boots the guest; the shim waits for kata-agent on VSOCK.
    booting: {
      on: {
        'vm.result': { guard: { type: 'op', params: 'startAgent' }, target: 'wiring', actions: 'result' },
      },
    },
    // tap0_kata, CreateSandbox, the guest's eth0 and route, the sandbox (pause) container.
    wiring: {
      on: {
        'kernel.result': { actions: 'tapReady' },
        'vm.result': [
          { guard: 'sandboxCreated', target: 'running', actions: 'result' },
          { actions: 'result' },
        ],
      },
    },
    running: {
      on: {
        'oci.command': { actions: 'command' },
        'vm.result': [
          { guard: { type: 'op', params: 'DestroySandbox' }, target: 'stopping', actions: 'result' },
          { actions: 'result' },
        ],
      },
    },
    stopping: {
      on: { 'vm.result': { guard: { type: 'op', params: 'quit' }, target: 'exited', actions: 'result' } },
    },
    exited: {},
  },
});
