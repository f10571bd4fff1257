// kube-apiserver: the hub. Clients send requests; it authenticates, admits, validates and persists
// them in etcd; its watch cache follows etcd and fans changes out to the informers that asked.
import { enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import type { SimEnv } from '../../cluster/env';
import { dispatch } from '../../cluster/outbox';
import { commit } from '../../cluster/commit';
import { seedFor } from '../../time/random';
import {
  onEtcdResult,
  onEtcdWatchEvent,
  onRequest,
  onWatchRegister,
  startCacher,
  type ApiServerContext,
  type Step,
  CACHER_LIST,
} from './handlers';
import { onStage } from './stages';
import { emptyKeys } from './watchCache';
import { nothingPending } from './common';

export interface ApiServerInput {
  env: SimEnv;
  seed: number;
}

type Ctx = ApiServerContext & { env: SimEnv };

function handle(context: Ctx, event: SimEvent): Step {
  const now = context.env.now();
  switch (event.type) {
    case 'http.request':
      return onRequest(context, event);
    case 'apiserver.stage':
      return onStage(context, event, now);
    case 'etcd.result':
      return onEtcdResult(context, event, now);
    case 'etcd.watchEvent':
      return onEtcdWatchEvent(context, event);
    case 'watch.register':
      return onWatchRegister(context, event);
    default:
      return { ctx: context, out: [] };
  }
}

export const apiServerMachine = setup({
  types: { context: {} as Ctx, events: {} as SimEvent, input: {} as ApiServerInput },
  actions: {
    handle: enqueueActions(({ context, event, enqueue, system }) => {
      const { ctx, out } = handle(context, event);
      commit(enqueue, context, ctx as Ctx);
      dispatch(enqueue, system, out);
    }),
    startCacher: enqueueActions(({ enqueue, system }) => dispatch(enqueue, system, startCacher())),
  },
  guards: {
    isCacherList: ({ event }) => event.type === 'etcd.result' && event.opId === CACHER_LIST,
    nothingPending: ({ context }) => nothingPending(context),
  },
}).createMachine({
  id: 'apiServer',
  context: ({ input }) => ({
    env: input.env,
    rng: seedFor(input.seed, 'apiServer'),
    pending: {},
    cache: {},
    keys: emptyKeys(),
    revision: 0,
    watches: [],
  }),
  initial: 'starting',
  entry: 'startCacher',
  states: {
    starting: {
      on: { 'etcd.result': { guard: 'isCacherList', target: 'idle', actions: 'handle' } },
    },
    idle: {
      on: {
        'http.request': { target: 'handling', actions: 'handle' },
        '*': { actions: 'handle' },
      },
    },
    handling: {
      always: { guard: 'nothingPending', target: 'idle' },
      on: { '*': { actions: 'handle' } },
    },
  },
});
