// The kubelet of one node: it list-watches the pods bound to its node (spec.nodeName=<node>), admits
// each new one and hands it to a pod worker; a pod marked for deletion goes to its worker's terminating
// path. upstream: pkg/kubelet/config/apiserver.go; pkg/kubelet/kubelet.go syncLoopIteration, HandlePodAdditions
//
// A pod that was running before the run began (listed at start) has no pod worker and no simulated
// containers. When it is marked for deletion (a user, or the scheduler preempting it), the kubelet acts out
// the terminating path without CRI detail: a Killing event per container, the containers exiting on their
// stop signal (taken to exit 0 after LATENCY.processExit, as nginx does; no StopContainer/StopPodSandbox,
// CNI DEL or cgroup removal is drawn), the terminal status PATCH (Succeeded), then the status manager's final
// DELETE with grace 0 once the API server has taken the status.
// upstream: pkg/kubelet/pod_workers.go (SyncTerminatingPod, SyncTerminatedPod),
// kuberuntime/kuberuntime_container.go killContainer, status/status_manager.go syncPod (canBeDeleted)
import { assign, enqueueActions, setup } from 'xstate';
import type { SimEvent } from '../../cluster/events';
import type { SimEnv } from '../../cluster/env';
import { SETUP } from '../../cluster/note';
import { dispatch } from '../../cluster/outbox';
import { commit } from '../../cluster/commit';
import { note, type Cause } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { API_SERVER, kubeletId, podWorkerId } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { rfc3339 } from '../../time/timestamps';
import { kubeletEvent } from '../../k8s/events';
import type { KubeObject } from '../../scenario';
import { podWorkerMachine } from './podWorkerMachine';
import {
  checkpointAnswer,
  checkpointRequest,
  podContainers,
  type PendingCheckpoint,
  type PodContainers,
} from './checkpointApi';

export interface KubeletInput {
  env: SimEnv;
  node: string;
  hostIP: string;
  /** A node that joins mid-run: the Node object its kubelet registers (POST /api/v1/nodes) on start. */
  register?: KubeObject;
}

export interface KubeletContext extends KubeletInput {
  /** Pods this kubelet knows, by uid: `preexisting` ones were running before the run began. */
  pods: Record<string, { preexisting: boolean; deleting: boolean }>;
  /** Pre-existing pods being terminated by the kubelet itself: the pod, and whether its containers have exited. */
  terminating: Record<string, { pod: KubeObject; exited: boolean }>;
  /** For the checkpoint API: each pod's containers and running container IDs, by `<namespace>/<name>`. */
  podContainers: Record<string, PodContainers>;
  /** Checkpoint requests waiting for the runtime, by CRI call id. */
  checkpoints: Record<string, PendingCheckpoint>;
}

type ContainerSpec = { name?: string; image?: string };
type ContainerStatus = {
  name?: string;
  containerID?: string;
  imageID?: string;
  state?: { running?: { startedAt?: string } };
};

function request(
  node: string,
  pod: KubeObject,
  cause: Cause,
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  label: string,
  purpose: string,
  contentType = 'application/json',
): Outgoing {
  const uid = String(pod.metadata.uid);
  return {
    to: API_SERVER,
    delay: LATENCY.network,
    event: {
      type: 'http.request',
      note: note(cause, 'request', label, { method, path, contentType, body }),
      request: {
        id: `kubelet-${node}-${uid}-preexisting:${purpose}`,
        method,
        path,
        query: '',
        contentType,
        body,
        user: { name: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] },
        replyTo: kubeletId(node),
      },
    },
  };
}

const podPath = (pod: KubeObject): string =>
  `/api/v1/namespaces/${pod.metadata.namespace ?? 'default'}/pods/${pod.metadata.name ?? ''}`;

/** `Killing` per container. upstream: kuberuntime_container.go killContainer "Stopping container %s" */
function killingEvents(node: string, pod: KubeObject, cause: Cause, nowMs: number): Outgoing[] {
  const containers = (pod.spec as { containers?: ContainerSpec[] }).containers ?? [];
  return containers.map((c, i) => {
    const regarding = {
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name ?? '',
      uid: String(pod.metadata.uid),
      resourceVersion: pod.metadata.resourceVersion as string | undefined,
      fieldPath: `spec.containers{${c.name ?? ''}}`,
    };
    const ev = kubeletEvent(
      regarding,
      node,
      'Normal',
      'Killing',
      `Stopping container ${c.name ?? ''}`,
      nowMs,
    );
    const path = `/api/v1/namespaces/${regarding.namespace}/events`;
    return request(node, pod, cause, 'POST', path, ev, 'POST event Killing', `event-${i}`);
  });
}

/** Every container terminated with exit 0, so the phase is Succeeded. upstream: kubelet_pods.go getPhase */
function terminalStatus(pod: KubeObject, nowMs: number): Record<string, unknown> {
  const at = rfc3339(nowMs);
  const old = (pod.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses ?? [];
  const containers = (pod.spec as { containers?: ContainerSpec[] }).containers ?? [];
  const notReady = (type: string) => ({
    type,
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: at,
    reason: 'PodCompleted',
  });
  return {
    phase: 'Succeeded',
    conditions: [notReady('Ready'), notReady('ContainersReady')],
    containerStatuses: containers.map((c) => {
      const prev = old.find((s) => s.name === c.name);
      return {
        name: c.name,
        image: c.image,
        ...(prev?.imageID ? { imageID: prev.imageID } : {}),
        ...(prev?.containerID ? { containerID: prev.containerID } : {}),
        ready: false,
        started: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            ...(prev?.state?.running?.startedAt ? { startedAt: prev.state.running.startedAt } : {}),
            finishedAt: at,
            ...(prev?.containerID ? { containerID: prev.containerID } : {}),
          },
        },
      };
    }),
  };
}

/**
 * The kubelet registers its Node with the API server as it starts, with its own credentials (the Node
 * authorizer lets system:node:<name> create its Node). upstream: pkg/kubelet/kubelet_node_status.go
 * registerWithAPIServer, tryRegisterWithAPIServer ("Attempting to register node")
 */
function registerNode(node: string, obj: KubeObject): Outgoing {
  const body = { ...obj, metadata: { name: obj.metadata.name, labels: obj.metadata.labels ?? {} } };
  return {
    to: API_SERVER,
    delay: LATENCY.network,
    event: {
      type: 'http.request',
      note: note(SETUP, 'request', `POST /api/v1/nodes (register node ${node})`, {
        method: 'POST',
        path: '/api/v1/nodes',
        body,
      }),
      request: {
        id: `kubelet-${node}:register`,
        method: 'POST',
        path: '/api/v1/nodes',
        query: '',
        contentType: 'application/vnd.kubernetes.protobuf',
        body,
        user: { name: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] },
        replyTo: kubeletId(node),
      },
    },
  };
}

const sameContainers = (a: PodContainers, b: PodContainers): boolean =>
  a.names.join() === b.names.join() &&
  Object.keys(a.ids).length === Object.keys(b.ids).length &&
  Object.entries(a.ids).every(([k, v]) => b.ids[k] === v);

export const kubeletMachine = setup({
  types: { context: {} as KubeletContext, events: {} as SimEvent, input: {} as KubeletInput },
  actors: { podWorker: podWorkerMachine },
  actions: {
    registerWatch: enqueueActions(({ context, enqueue, system }) => {
      const selector = `spec.nodeName=${context.node}`;
      dispatch(enqueue, system, [
        ...(context.register ? [registerNode(context.node, context.register)] : []),
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
        const { [uid]: _done, ...terminating } = context.terminating;
        commit(enqueue, context, { pods, terminating });
        return;
      }
      if (!known) {
        commit(enqueue, context, {
          pods: { ...context.pods, [uid]: { preexisting: false, deleting: false } },
        });
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
      if (known.preexisting && !known.deleting && event.object.metadata.deletionTimestamp) {
        commit(enqueue, context, {
          pods: { ...context.pods, [uid]: { ...known, deleting: true } },
          terminating: { ...context.terminating, [uid]: { pod: event.object, exited: false } },
        });
        const label = `SyncLoop DELETE ${key}: pre-existing pod (no pod worker) → terminating, without CRI detail`;
        const ev: SimEvent = {
          type: 'kubelet.syncLoop',
          note: note(event.note, 'internal', label, { source: 'api', preexisting: true }),
          op: 'DELETE',
          pod: event.object,
        };
        dispatch(enqueue, system, [{ to: kubeletId(context.node), delay: LATENCY.localCall, event: ev }]);
        return;
      }
      if (!known.preexisting && !known.deleting && event.object.metadata.deletionTimestamp) {
        commit(enqueue, context, { pods: { ...context.pods, [uid]: { ...known, deleting: true } } });
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
    /** First DELETE: Killing events; the second, once the processes exited: the terminal status. */
    terminatePreexisting: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'kubelet.syncLoop' || event.op !== 'DELETE') return;
      const uid = String(event.pod.metadata.uid);
      const t = context.terminating[uid];
      if (!t) return;
      const now = context.env.now();
      if (!t.exited) {
        enqueue.assign({ terminating: { ...context.terminating, [uid]: { ...t, exited: true } } });
        const key = `${t.pod.metadata.namespace ?? 'default'}/${t.pod.metadata.name ?? ''}`;
        const exited: SimEvent = {
          type: 'kubelet.syncLoop',
          note: note(
            event.note,
            'internal',
            `SyncTerminatedPod ${key}: containers exited on their stop signal`,
            {
              simplified: 'no CRI calls are simulated for a pre-existing pod',
            },
          ),
          op: 'DELETE',
          pod: t.pod,
        };
        dispatch(enqueue, system, [
          ...killingEvents(context.node, t.pod, event.note, now),
          { to: kubeletId(context.node), delay: LATENCY.processExit, event: exited },
        ]);
        return;
      }
      const path = `${podPath(t.pod)}/status`;
      const body = { metadata: { uid }, status: terminalStatus(t.pod, now) };
      dispatch(enqueue, system, [
        request(
          context.node,
          t.pod,
          event.note,
          'PATCH',
          path,
          body,
          `PATCH ${path} (Succeeded)`,
          'status',
          'application/strategic-merge-patch+json',
        ),
      ]);
    }),
    /** The status manager's final DELETE once the terminal status is stored. upstream: status_manager.go */
    finalDelete: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'http.response') return;
      const uid = Object.keys(context.terminating).find(
        (u) => event.response.requestId === `kubelet-${context.node}-${u}-preexisting:status`,
      );
      const t = uid === undefined ? undefined : context.terminating[uid];
      if (uid === undefined || !t || event.response.code >= 300) return;
      const path = podPath(t.pod);
      const body = { gracePeriodSeconds: 0, preconditions: { uid } };
      dispatch(enqueue, system, [
        request(context.node, t.pod, event.note, 'DELETE', path, body, `DELETE ${path} (grace 0)`, 'delete'),
      ]);
    }),
    /** What the checkpoint API needs to find a container; kept only when it changes. */
    rememberContainers: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'watch.event') return;
      const key = `${event.object.metadata.namespace ?? 'default'}/${event.object.metadata.name ?? ''}`;
      if (event.eventType === 'DELETED') {
        if (!(key in context.podContainers)) return;
        const { [key]: _gone, ...rest } = context.podContainers;
        commit(enqueue, context, { podContainers: rest });
        return;
      }
      const next = podContainers(event.object);
      const prev = context.podContainers[key];
      if (prev && sameContainers(prev, next)) return;
      commit(enqueue, context, { podContainers: { ...context.podContainers, [key]: next } });
    }),
    /** The kubelet's HTTPS API on port 10250: only the checkpoint endpoint is modelled. */
    serveApi: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'http.request') return;
      const r = checkpointRequest(context.node, context.env, context.podContainers, event);
      if (r.pending)
        enqueue.assign({ checkpoints: { ...context.checkpoints, [r.pending[0]]: r.pending[1] } });
      dispatch(enqueue, system, r.out);
    }),
    checkpointDone: enqueueActions(({ context, event, enqueue, system }) => {
      if (event.type !== 'cri.response') return;
      const p = context.checkpoints[event.callId];
      if (!p) return;
      const { [event.callId]: _done, ...checkpoints } = context.checkpoints;
      enqueue.assign({ checkpoints });
      dispatch(enqueue, system, [checkpointAnswer(context.node, p, event)]);
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
  context: ({ input }) => ({ ...input, pods: {}, terminating: {}, podContainers: {}, checkpoints: {} }),
  initial: 'starting',
  entry: 'registerWatch',
  states: {
    starting: { on: { 'watch.listed': { target: 'watching', actions: 'rememberListed' } } },
    watching: {
      on: {
        'watch.event': { actions: ['onWatchEvent', 'rememberContainers'] },
        'http.request': { actions: 'serveApi' },
        'cri.response': { actions: 'checkpointDone' },
        'kubelet.syncLoop': [
          { guard: ({ event }) => event.op === 'DELETE', actions: 'terminatePreexisting' },
          { actions: 'startWorker' },
        ],
        'http.response': { actions: 'finalDelete' },
      },
    },
  },
});
