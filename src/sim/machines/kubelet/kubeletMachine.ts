// The kubelet of one node: it list-watches the pods bound to its node (spec.nodeName=<node>), admits
// each new one and hands it to a pod worker; a pod marked for deletion goes to its worker's terminating
// path. upstream: pkg/kubelet/config/apiserver.go; pkg/kubelet/kubelet.go syncLoopIteration, HandlePodAdditions
import { assign, enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import type { SimEnv } from '../../cluster/env';
import { note, SETUP } from '../../cluster/note';
import { dispatch } from '../../cluster/outbox';
import { API_SERVER, kubeletId, podWorkerId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { podWorkerMachine } from './podWorkerMachine';

export interface KubeletInput {
  env: SimEnv;
  node: string;
  hostIP: string;
}

export interface KubeletContext extends KubeletInput {
  /** Pods this kubelet knows, by uid: `preexisting` ones were running before the run began. */
  pods: Record<string, { preexisting: boolean; deleting: boolean }>;
}

export const kubeletMachine = setup({
  types: { context: {} as KubeletContext, events: {} as SimEvent, input: {} as KubeletInput },
  actors: { podWorker: podWorkerMachine },
  actions: {
    registerWatch: enqueueActions(({ context, enqueue, system }) => {
      const selector = `spec.nodeName=${context.node}`;
      dispatch(enqueue, system, [
        {
          to: API_SERVER,
          delay: LATENCY.componentStart,
          event: {
            type: 'watch.register',
            note: note(SETUP, 'request', `LIST+WATCH pods (${selector})`, {
              query: `fieldSelector=spec.nodeName%3D${context.node}&watch=true`,
            }),
            watchId: `kubelet-${context.node}`,
            resource: 'pods',
            fieldSelector: selector,
            replyTo: kubeletId(context.node),
          },
        },
      ]);
    }),
    rememberListed: assign({
      pods: ({ context, event }) => {
        if (event.type !== 'watch.listed') return context.pods;
        const pods = { ...context.pods };
        for (const p of event.items) pods[String(p.metadata.uid)] = { preexisting: true, deleting: false };
        return pods;
      },
    }),
    onWatchEvent: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'watch.event') return;
      const uid = String(event.object.metadata.uid);
      const known = context.pods[uid];
      const key = `${event.object.metadata.namespace ?? 'default'}/${event.object.metadata.name ?? ''}`;
      if (event.eventType === 'DELETED') {
        const pods = { ...context.pods };
        delete pods[uid];
        enqueue.assign({ pods });
        return;
      }
      if (!known) {
        enqueue.assign({ pods: { ...context.pods, [uid]: { preexisting: false, deleting: false } } });
        const label = `SyncLoop ADD ${key}: admit (node fits: resources, ports, affinity, taints)`;
        const ev: SimEvent = {
          type: 'kubelet.syncLoop',
          note: note(event.note, 'internal', label, { source: 'api' }),
          op: 'ADD',
          pod: event.object,
        };
        dispatch(enqueue, system, [{ to: kubeletId(context.node), delay: LATENCY.localCall, event: ev }]);
        return;
      }
      if (!known.preexisting && !known.deleting && event.object.metadata.deletionTimestamp) {
        enqueue.assign({ pods: { ...context.pods, [uid]: { ...known, deleting: true } } });
        const label = `SyncLoop DELETE ${key}: pod worker → SyncTerminatingPod`;
        const ev: SimEvent = {
          type: 'kubelet.syncLoop',
          note: note(event.note, 'internal', label, { source: 'api' }),
          op: 'DELETE',
          pod: event.object,
        };
        dispatch(enqueue, system, [
          { to: podWorkerId(context.node, uid), delay: LATENCY.localCall, event: ev },
        ]);
      }
    }),
    startWorker: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'kubelet.syncLoop' || event.op !== 'ADD') return;
      const uid = String(event.pod.metadata.uid);
      const id = podWorkerId(context.node, uid);
      enqueue.spawnChild('podWorker', {
        id,
        systemId: id,
        input: { env: context.env, node: context.node, hostIP: context.hostIP, pod: event.pod },
      });
    }),
  },
}).createMachine({
  id: 'kubelet',
  context: ({ input }) => ({ ...input, pods: {} }),
  initial: 'starting',
  entry: 'registerWatch',
  states: {
    starting: { on: { 'watch.listed': { target: 'watching', actions: 'rememberListed' } } },
    watching: {
      on: {
        'watch.event': { actions: 'onWatchEvent' },
        'kubelet.syncLoop': { actions: 'startWorker' },
      },
    },
  },
});
