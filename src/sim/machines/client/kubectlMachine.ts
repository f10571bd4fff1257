// kubectl, the client. It turns the user's command into HTTP requests (client-side apply: GET, then
// POST when the object is absent; delete: DELETE, then a watch until the object is gone) and prints
// what kubectl prints. upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go, cmd/delete/delete.go
import { assign, enqueueActions, setup } from 'xstate';
import type { HttpRequest, SimEvent, UserEvent } from '../../cluster/events';
import { note, type Cause } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { API_SERVER, KUBECTL } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import type { KubeObject } from '../../scenario';
import { MANIFEST_FILE } from '../../scenario';
import { kubectlErrorLines } from './kubectlErrors';

export interface KubectlContext {
  queue: UserEvent[];
  /** The command being run, its target and the object being applied. */
  current: { command: string; namespace: string; name: string; object: KubeObject | null } | null;
  requests: number;
}

const USER = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
const APPLY_CAUSE = (pod: string): Cause => ({ activity: 1, phase: 'Admission', pod });
const DELETE_CAUSE = (pod: string): Cause => ({ activity: 15, phase: 'Delete', pod });

type Ev = SimEvent | UserEvent;

/** A line kubectl prints. Emitted (not sent): a terminal is outside the simulation; the recorder keeps it. */
export interface TerminalEmitted {
  type: 'terminal.print';
  stream: 'stdout' | 'stderr';
  command: string;
  text: string;
}
function terminal(stream: 'stdout' | 'stderr', command: string, text: string): TerminalEmitted {
  return { type: 'terminal.print', stream, command: `kubectl ${command}`, text };
}

function request(
  ctx: KubectlContext,
  cause: Cause,
  method: HttpRequest['method'],
  path: string,
  query: string,
  body: unknown,
): Outgoing {
  const id = `kubectl-${ctx.requests + 1}`;
  const contentType = body === null ? null : 'application/json';
  return {
    to: API_SERVER,
    delay: LATENCY.network,
    event: {
      type: 'http.request',
      note: note(cause, 'request', `${method} ${path}`, {
        method,
        path,
        query,
        contentType,
        accept: 'application/json',
        body,
      }),
      request: { id, method, path, query, contentType, body, user: USER, replyTo: KUBECTL },
    },
  };
}

function podPath(ns: string, name?: string): string {
  return `/api/v1/namespaces/${ns}/pods${name ? `/${name}` : ''}`;
}

/** The object as client-side apply sends it: with the last-applied-configuration annotation. */
export function withLastApplied(obj: KubeObject): KubeObject {
  const annotations = {
    ...(obj.metadata.annotations ?? {}),
    'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(obj) + '\n',
  };
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

function parseCommand(ev: UserEvent): KubectlContext['current'] {
  const [verb, ...rest] = ev.args;
  const nsFlag = rest.indexOf('-n');
  const namespace = nsFlag >= 0 ? (rest[nsFlag + 1] ?? 'default') : undefined;
  if (verb === 'apply' || verb === 'create') {
    const obj = ev.manifests[0] ?? null;
    return {
      command: ev.args.join(' '),
      namespace: namespace ?? obj?.metadata.namespace ?? 'default',
      name: obj?.metadata.name ?? '',
      object: obj,
    };
  }
  const name =
    rest.filter((a, i) => a !== 'pod' && a !== 'pods' && !a.startsWith('-') && rest[i - 1] !== '-n')[0] ?? '';
  return { command: ev.args.join(' '), namespace: namespace ?? 'default', name, object: null };
}

export const kubectlMachine = setup({
  types: { context: {} as KubectlContext, events: {} as Ev, emitted: {} as TerminalEmitted },
  actions: {
    enqueueCommand: assign({
      queue: ({ context, event }) =>
        event.type === 'user.command' ? [...context.queue, event] : context.queue,
    }),
    startNext: assign(({ context }) => ({
      current: context.queue[0] ? parseCommand(context.queue[0]) : null,
      queue: context.queue.slice(1),
    })),
    sendGet: enqueueActions(({ context, enqueue, system }) => {
      const c = context.current!;
      dispatch(enqueue, system, [
        request(
          context,
          APPLY_CAUSE(`${c.namespace}/${c.name}`),
          'GET',
          podPath(c.namespace, c.name),
          '',
          null,
        ),
      ]);
      enqueue.assign({ requests: context.requests + 1 });
    }),
    sendPost: enqueueActions(({ context, enqueue, system }) => {
      const c = context.current!;
      const apply = c.command.startsWith('apply');
      const query = `fieldManager=${apply ? 'kubectl-client-side-apply' : 'kubectl-create'}&fieldValidation=Strict`;
      const body = apply ? withLastApplied(c.object!) : c.object;
      dispatch(enqueue, system, [
        request(context, APPLY_CAUSE(`${c.namespace}/${c.name}`), 'POST', podPath(c.namespace), query, body),
      ]);
      enqueue.assign({ requests: context.requests + 1 });
    }),
    sendDelete: enqueueActions(({ context, enqueue, system }) => {
      const c = context.current!;
      const out = request(
        context,
        DELETE_CAUSE(`${c.namespace}/${c.name}`),
        'DELETE',
        podPath(c.namespace, c.name),
        '',
        { propagationPolicy: 'Background' },
      );
      dispatch(enqueue, system, [out]);
      enqueue.assign({ requests: context.requests + 1 });
    }),
    watchUntilGone: enqueueActions(({ context, enqueue, system }) => {
      const c = context.current!;
      const sel = `metadata.namespace=${c.namespace},metadata.name=${c.name}`;
      const cause = DELETE_CAUSE(`${c.namespace}/${c.name}`);
      const out: Outgoing = {
        to: API_SERVER,
        delay: LATENCY.network,
        event: {
          type: 'watch.register',
          note: note(cause, 'request', `GET ${podPath(c.namespace)}?watch=true (wait for deletion)`, {
            query: `fieldSelector=metadata.name%3D${c.name}&watch=true`,
          }),
          watchId: `kubectl-wait-${context.requests + 1}`,
          resource: 'pods',
          fieldSelector: sel,
          replyTo: KUBECTL,
        },
      };
      dispatch(enqueue, system, [out]);
    }),
    printCreated: enqueueActions(({ context, event, enqueue }) => {
      const c = context.current!;
      const ok = event.type === 'http.response' && event.response.code < 300;
      const lines = ok
        ? [`pod/${c.name} created`]
        : event.type === 'http.response'
          ? kubectlErrorLines(event.response.code, event.response.body, 'creating', MANIFEST_FILE)
          : [];
      for (const text of lines) enqueue.emit(terminal(ok ? 'stdout' : 'stderr', c.command, text));
    }),
    printUnchanged: enqueueActions(({ context, enqueue }) => {
      const c = context.current!;
      enqueue.emit(terminal('stdout', c.command, `pod/${c.name} unchanged`));
    }),
    printDeleted: enqueueActions(({ context, event, enqueue }) => {
      const c = context.current!;
      if (event.type !== 'http.response') return;
      const ok = event.response.code < 300;
      const lines = ok
        ? [`pod "${c.name}" deleted from ${c.namespace} namespace`]
        : kubectlErrorLines(event.response.code, event.response.body, 'deleting', null);
      for (const text of lines) enqueue.emit(terminal(ok ? 'stdout' : 'stderr', c.command, text));
    }),
  },
  guards: {
    hasQueued: ({ context }) => context.queue.length > 0,
    isApply: ({ context }) => /^(apply|create)\b/.test(context.current?.command ?? ''),
    isDelete: ({ context }) => /^delete\b/.test(context.current?.command ?? ''),
    isCreate: ({ context }) => /^create\b/.test(context.current?.command ?? ''),
    notFound: ({ event }) => event.type === 'http.response' && event.response.code === 404,
    found: ({ event }) => event.type === 'http.response' && event.response.code === 200,
    succeeded: ({ event }) => event.type === 'http.response' && event.response.code < 300,
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
      always: { guard: 'hasQueued', target: 'dispatching', actions: 'startNext' },
    },
    dispatching: {
      always: [
        { guard: 'isCreate', target: 'creating', actions: 'sendPost' },
        { guard: 'isApply', target: 'getting', actions: 'sendGet' },
        { guard: 'isDelete', target: 'deleting', actions: 'sendDelete' },
        { target: 'idle' },
      ],
    },
    getting: {
      on: {
        'http.response': [
          { guard: 'notFound', target: 'creating', actions: 'sendPost' },
          { guard: 'found', target: 'idle', actions: 'printUnchanged' },
          { target: 'idle', actions: 'printCreated' },
        ],
      },
    },
    creating: {
      on: { 'http.response': { target: 'idle', actions: 'printCreated' } },
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
