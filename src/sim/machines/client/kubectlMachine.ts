// kubectl, the client. It turns the user's command into HTTP requests (client-side apply: GET, then POST
// when the object is absent or a PATCH when it changed; server-side apply: one PATCH; create: POST;
// delete: DELETE, then a watch until the object is gone) and prints what kubectl prints.
// upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go, cmd/create/create.go, cmd/delete/delete.go
import { and, assign, enqueueActions, setup } from 'xstate';
import type { UserEvent } from '../../cluster/events';
import { note, type Cause } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { API_SERVER, KUBECTL } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import type { KubeObject } from '../../scenario';
import { parseCommand, type KubectlCommand } from './kubectlArgs';
import { kubectlErrorLines, type ErrorAction } from './kubectlErrors';
import { applyPatch, printed } from './kubectlOutput';
import { sessionId } from './kubectlHeaders';
import {
  build,
  request,
  emitAll,
  keyOf,
  podPath,
  response,
  terminal,
  type Ev,
  type RequestKind,
  type TerminalEmitted,
} from './kubectlRequests';

export type { TerminalEmitted } from './kubectlRequests';
export { withLastApplied } from './kubectlOutput';

export interface KubectlContext {
  queue: UserEvent[];
  /** The command being run, its target and the object being applied. */
  current: KubectlCommand | null;
  requests: number;
}

const APPLY_CAUSE = (pod: string | null): Cause => ({ activity: 1, phase: 'Admission', pod });
const SCALE_CAUSE: Cause = { activity: null, phase: 'Reconcile', pod: null };
/** A workload is not a pod: its messages name no pod. */
const podOf = (c: KubectlCommand): string | null =>
  c.scale || (c.object && c.object.kind !== 'Pod') ? null : keyOf(c);
const DELETE_CAUSE = (pod: string): Cause => ({ activity: 15, phase: 'Delete', pod });

export const kubectlMachine = setup({
  types: { context: {} as KubectlContext, events: {} as Ev, emitted: {} as TerminalEmitted },
  actions: {
    enqueueCommand: assign({
      queue: ({ context, event }) =>
        event.type === 'user.command' ? [...context.queue, event] : context.queue,
    }),
    startNext: assign(({ context }) => ({
      current: context.queue[0]
        ? parseCommand(
            context.queue[0].args,
            context.queue[0].manifests,
            sessionId(context.requests),
            context.queue[0].file,
          )
        : null,
      queue: context.queue.slice(1),
    })),
    send: enqueueActions(({ context, event, enqueue, system }, params: { kind: RequestKind }) => {
      const c = context.current!;
      const cause =
        params.kind === 'scale' || c.scale
          ? SCALE_CAUSE
          : params.kind === 'delete'
            ? DELETE_CAUSE(keyOf(c))
            : APPLY_CAUSE(podOf(c));
      dispatch(enqueue, system, [request(c, context.requests, cause, build(params.kind, c, event))]);
      enqueue.assign({ requests: context.requests + 1 });
    }),
    watchUntilGone: enqueueActions(({ context, enqueue, system }) => {
      const c = context.current!;
      const sel = `metadata.namespace=${c.namespace},metadata.name=${c.name}`;
      const out: Outgoing = {
        to: API_SERVER,
        delay: LATENCY.network,
        event: {
          type: 'watch.register',
          note: note(
            DELETE_CAUSE(keyOf(c)),
            'request',
            `GET ${podPath(c.namespace)}?watch=true (wait for deletion)`,
            {
              query: `fieldSelector=metadata.name%3D${c.name}&watch=true`,
            },
          ),
          watchId: `kubectl-wait-${context.requests + 1}`,
          resource: 'pods',
          fieldSelector: sel,
          replyTo: KUBECTL,
        },
      };
      dispatch(enqueue, system, [out]);
    }),
    print: enqueueActions(({ context, event, enqueue }, params: { ok: string | null; action: ErrorAction }) =>
      emitAll(enqueue, context.current!, event, params.ok, params.action),
    ),
    printLine: enqueueActions(
      ({ context, enqueue }, params: { stream: 'stdout' | 'stderr'; text?: string; op?: string }) => {
        const c = context.current!;
        enqueue.emit(
          terminal(params.stream, c.command, params.text ?? c.clientError ?? printed(c, params.op ?? '')),
        );
      },
    ),
    printDeleted: enqueueActions(({ context, event, enqueue }) => {
      const c = context.current!;
      const res = response(event);
      if (!res) return;
      if (res.code < 300)
        enqueue.emit(terminal('stdout', c.command, `pod "${c.name}" deleted from ${c.namespace} namespace`));
      else
        for (const text of kubectlErrorLines(res.code, res.body, 'deleting', null))
          enqueue.emit(terminal('stderr', c.command, text));
    }),
  },
  guards: {
    hasQueued: ({ context }) => context.queue.length > 0,
    nothingQueued: ({ context }) => context.queue.length === 0,
    clientError: ({ context }) => context.current?.clientError != null,
    clientDryRun: ({ context }) => context.current?.dryRun === 'client',
    isVerb: ({ context }, params: { verb: string }) => context.current?.verb === params.verb,
    serverSide: ({ context }) => context.current?.serverSide === true,
    code: ({ event }, params: { code: number }) => response(event)?.code === params.code,
    unchanged: ({ context, event }) =>
      applyPatch((response(event)?.body ?? { metadata: {} }) as KubeObject, context.current!.object!) ===
      null,
    succeeded: ({ event }) => (response(event)?.code ?? 500) < 300,
    goneAlready: ({ event }) => event.type === 'watch.listed' && event.items.length === 0,
    deleted: ({ event }) => event.type === 'watch.event' && event.eventType === 'DELETED',
  },
}).createMachine({
  id: 'kubectl',
  context: { queue: [], current: null, requests: 0 },
  initial: 'idle',
  on: { 'user.command': { actions: 'enqueueCommand' } },
  states: {
    idle: {
      // A command that finds nothing queued starts at once: what queueing it and letting the eventless
      // transition below take it would do, in one microstep instead of two.
      on: {
        'user.command': {
          guard: 'nothingQueued',
          target: 'dispatching',
          actions: ['enqueueCommand', 'startNext'],
        },
      },
      always: { guard: 'hasQueued', target: 'dispatching', actions: 'startNext' },
    },
    dispatching: {
      always: [
        {
          guard: 'clientError',
          target: 'idle',
          actions: { type: 'printLine', params: { stream: 'stderr' } },
        },
        {
          guard: and(['clientDryRun', { type: 'isVerb', params: { verb: 'create' } }]),
          target: 'idle',
          actions: { type: 'printLine', params: { stream: 'stdout', op: 'created' } },
        },
        {
          guard: { type: 'isVerb', params: { verb: 'create' } },
          target: 'creating',
          actions: { type: 'send', params: { kind: 'post' } },
        },
        {
          guard: and(['serverSide', { type: 'isVerb', params: { verb: 'apply' } }]),
          target: 'applying',
          actions: { type: 'send', params: { kind: 'apply' } },
        },
        {
          guard: { type: 'isVerb', params: { verb: 'apply' } },
          target: 'getting',
          actions: { type: 'send', params: { kind: 'get' } },
        },
        {
          // upstream: kubectl/pkg/cmd/scale/scale.go — the resource builder GETs the object, then ScaleSimple
          guard: { type: 'isVerb', params: { verb: 'scale' } },
          target: 'scaleGetting',
          actions: { type: 'send', params: { kind: 'get' } },
        },
        {
          guard: { type: 'isVerb', params: { verb: 'delete' } },
          target: 'deleting',
          actions: { type: 'send', params: { kind: 'delete' } },
        },
        { target: 'idle' },
      ],
    },
    getting: {
      on: {
        'http.response': [
          {
            guard: and(['clientDryRun', { type: 'code', params: { code: 404 } }]),
            target: 'idle',
            actions: { type: 'printLine', params: { stream: 'stdout', op: 'created' } },
          },
          {
            guard: { type: 'code', params: { code: 404 } },
            target: 'creating',
            actions: { type: 'send', params: { kind: 'post' } },
          },
          {
            guard: 'unchanged',
            target: 'idle',
            actions: { type: 'printLine', params: { stream: 'stdout', op: 'unchanged' } },
          },
          {
            guard: { type: 'code', params: { code: 200 } },
            target: 'patching',
            actions: { type: 'send', params: { kind: 'patch' } },
          },
          { target: 'idle', actions: { type: 'print', params: { ok: null, action: 'retrieving' } } },
        ],
      },
    },
    creating: {
      on: {
        'http.response': {
          target: 'idle',
          actions: { type: 'print', params: { ok: 'created', action: 'creating' } },
        },
      },
    },
    applying: {
      on: {
        'http.response': {
          target: 'idle',
          actions: { type: 'print', params: { ok: 'serverside-applied', action: 'creating' } },
        },
      },
    },
    scaleGetting: {
      on: {
        'http.response': [
          { guard: 'succeeded', target: 'scaling', actions: { type: 'send', params: { kind: 'scale' } } },
          { target: 'idle', actions: { type: 'print', params: { ok: null, action: 'retrieving' } } },
        ],
      },
    },
    scaling: {
      on: {
        'http.response': {
          target: 'idle',
          actions: { type: 'print', params: { ok: 'scaled', action: 'scaling' } },
        },
      },
    },
    patching: {
      on: {
        'http.response': {
          target: 'idle',
          actions: { type: 'print', params: { ok: 'configured', action: 'creating' } },
        },
      },
    },
    deleting: {
      on: {
        'http.response': [
          { guard: 'succeeded', target: 'waiting', actions: ['printDeleted', 'watchUntilGone'] },
          { target: 'idle', actions: 'printDeleted' },
        ],
      },
    },
    waiting: {
      on: {
        'watch.listed': { guard: 'goneAlready', target: 'idle' },
        'watch.event': { guard: 'deleted', target: 'idle' },
      },
    },
  },
});
