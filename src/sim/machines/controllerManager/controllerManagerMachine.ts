// kube-controller-manager, the ninth machine: its shared informers LIST+WATCH deployments, replicasets,
// statefulsets and pods (and poddisruptionbudgets) through the API server's watch cache, and four controllers
// (Deployment, ReplicaSet, StatefulSet, disruption) reconcile from a deduplicating workqueue. The cluster
// starts it only when the scenario has a workload or a PodDisruptionBudget, so a run with bare Pods has no
// controller-manager messages at all (its trace, goldens and step numbers stay as they were).
// upstream: cmd/kube-controller-manager/app/
import { enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import type { SimEnv } from '../../cluster/env';
import { note, SETUP } from '../../cluster/note';
import { dispatch, type Outgoing } from '../../cluster/outbox';
import { API_SERVER, CONTROLLER_MANAGER } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import type { KubeObject } from '../../scenario';
import {
  deploymentStatusWritten,
  dropKey,
  replicaSetCreated,
  replicaSetScaled,
  syncDeployment,
} from './deployment';
import { replicaSetDeleted } from './cleanup';
import { syncDisruption } from './disruption';
import { observe } from './observe';
import { podCreated, podDeleted, syncReplicaSet } from './replicaSet';
import { initialCmContext, keyOf, type CmContext, type Step } from './state';
import { revisionCreated, statefulSetPodDone, syncStatefulSet } from './statefulSet';

const RESOURCES = ['deployments', 'replicasets', 'statefulsets', 'pods'] as const;

/**
 * The shared informers' LIST+WATCHes. PodDisruptionBudgets are watched (for the disruption controller)
 * only in a run whose scenario has one, so a workload run without PDBs keeps the trace it always had.
 */
export function registerWatches(pdbs = false): Outgoing[] {
  const resources = pdbs ? [...RESOURCES, 'poddisruptionbudgets' as const] : RESOURCES;
  return resources.map((resource) => ({
    to: API_SERVER,
    delay: LATENCY.componentStart,
    event: {
      type: 'watch.register' as const,
      note: note(SETUP, 'request', `LIST+WATCH ${resource}`, { resource }),
      watchId: `kcm-${resource}`,
      resource,
      fieldSelector: null,
      replyTo: CONTROLLER_MANAGER,
    },
  }));
}

function onSync(ctx: CmContext, ev: Extract<SimEvent, { type: 'controller.sync' }>): Step {
  // A delayed add of a key that is already dirty is a no-op. upstream: client-go/util/workqueue delaying_queue.go
  if (ev.after && ctx.queued.includes(`${ev.controller}:${ev.key}`)) return { ctx, out: [] };
  const c = { ...ctx, queued: ctx.queued.filter((q) => q !== `${ev.controller}:${ev.key}`) };
  if (ev.controller === 'deployment') return syncDeployment(c, ev.key);
  if (ev.controller === 'replicaset') return syncReplicaSet(c, ev.key);
  if (ev.controller === 'disruption') return syncDisruption(c, ev.key);
  return syncStatefulSet(c, ev.key);
}

function dropInPlace<T>(r: Record<string, T>, k: string): Record<string, T> {
  delete r[k];
  return r;
}

function onResponse(ctx: CmContext, ev: Extract<SimEvent, { type: 'http.response' }>): Step {
  const id = ev.response.requestId;
  const what = ctx.inflight[id];
  if (!what) return { ctx, out: [] };
  const c = { ...ctx, inflight: ctx.env.inPlace ? dropInPlace(ctx.inflight, id) : dropKey(ctx.inflight, id) };
  const ok = ev.response.code < 300;
  const body = ok ? (ev.response.body as KubeObject) : null;
  switch (what.kind) {
    case 'createPod':
      if (what.controller === 'replicaset') return podCreated(c, what.owner, ok, body);
      return statefulSetPodDone(
        c,
        what.owner,
        'create',
        ok,
        body ? keyOf(body) : (c.waiting[`statefulset:${what.owner}`] ?? ''),
      );
    case 'deletePod':
      if (what.controller === 'replicaset') return podDeleted(c, what.owner, ok, what.pod);
      return statefulSetPodDone(c, what.owner, 'delete', ok, what.pod);
    case 'createRS':
      return replicaSetCreated(c, what.deployment, what.replicas, body);
    case 'scaleRS':
      return ok ? replicaSetScaled(c, what.deployment, what.from, what.to, body) : { ctx: c, out: [] };
    case 'status': {
      const sent = { ...c, statusSent: dropKey(c.statusSent, what.key) };
      // The deployment controller waits to observe its own status write (deployment.ts writeStatus).
      if (what.key.startsWith('Deployment:'))
        return deploymentStatusWritten(sent, what.key.slice('Deployment:'.length), body);
      return { ctx: sent, out: [] };
    }
    case 'deleteRS':
      return replicaSetDeleted(c, what.rs);
    case 'createRevision':
      return revisionCreated(c, what.owner, what.revision, ev.response.code);
    case 'event':
      return { ctx: c, out: [] };
  }
}

function handle(ctx: CmContext, event: SimEvent): Step {
  switch (event.type) {
    case 'watch.listed':
    case 'watch.event':
      return observe(ctx, event);
    case 'controller.sync':
      return onSync(ctx, event);
    case 'http.response':
      return onResponse(ctx, event);
    default:
      return { ctx, out: [] };
  }
}

export const controllerManagerMachine = setup({
  types: {
    context: {} as CmContext,
    events: {} as SimEvent,
    input: {} as { env: SimEnv; pdbs?: boolean },
  },
  actions: {
    registerWatches: enqueueActions(({ context, enqueue, system }) =>
      dispatch(enqueue, system, registerWatches(context.disruption === true)),
    ),
    handle: enqueueActions(({ context, event, enqueue, system }) => {
      const { ctx, out } = handle(context, event);
      enqueue.assign(ctx);
      dispatch(enqueue, system, out);
    }),
  },
}).createMachine({
  id: 'controllerManager',
  context: ({ input }) => ({ ...initialCmContext(input.env), ...(input.pdbs ? { disruption: true } : {}) }),
  entry: 'registerWatches',
  initial: 'running',
  states: { running: { on: { '*': { actions: 'handle' } } } },
});
