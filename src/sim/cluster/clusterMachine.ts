// The root actor: it starts every component of the cluster as a child with a stable systemId. It holds
// no behaviour of its own; components find each other through the actor system.
import { setup, enqueueActions } from 'xstate';
import type { SimEnv } from './env';
import type { Scenario, KubeObject } from '../scenario';
import { API_SERVER, ETCD, KUBECTL, SCHEDULER, containerdId, kernelId, kubeletId } from './systemIds';
import { etcdMachine } from '../machines/etcd/etcdMachine';
import { apiServerMachine } from '../machines/apiServer/apiServerMachine';
import { kubectlMachine } from '../machines/client/kubectlMachine';
import { schedulerMachine } from '../machines/scheduler/schedulerMachine';
import { kubeletMachine } from '../machines/kubelet/kubeletMachine';
import { containerdMachine } from '../machines/containerd/containerdMachine';
import { kernelMachine } from '../machines/kernel/kernelMachine';
import { storageKey, asNode } from '../k8s/pod';
import { Random, seedFor } from '../time/random';
import { newUid } from '../time/ids';
import { rfc3339 } from '../time/timestamps';

export interface ClusterInput {
  scenario: Scenario;
  env: SimEnv;
}

/** Kinds that live outside namespaces. */
const CLUSTER_SCOPED = new Set([
  'Node',
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'PriorityClass',
  'RuntimeClass',
]);

/** Objects that exist before the run get what the API server gave them when they were created. */
export function initialObjects(scenario: Scenario): [string, KubeObject][] {
  const rnd = new Random(seedFor(scenario.seed, 'cluster'));
  return scenario.cluster.map((o) => {
    const obj: KubeObject = {
      ...o,
      metadata: {
        ...o.metadata,
        ...(CLUSTER_SCOPED.has(o.kind) ? {} : { namespace: o.metadata.namespace ?? 'default' }),
        uid: o.metadata.uid ?? newUid(rnd),
        creationTimestamp: o.metadata.creationTimestamp ?? rfc3339(-3_600_000),
      },
    };
    return [storageKey(obj), obj];
  });
}

function nodeAddress(node: KubeObject): string {
  const addrs = asNode(node).status?.addresses ?? [];
  return addrs.find((a) => a.type === 'InternalIP')?.address ?? '';
}

export const clusterMachine = setup({
  types: { input: {} as ClusterInput, context: {} as ClusterInput },
  actors: {
    etcd: etcdMachine,
    apiServer: apiServerMachine,
    kubectl: kubectlMachine,
    scheduler: schedulerMachine,
    kubelet: kubeletMachine,
    containerd: containerdMachine,
    kernel: kernelMachine,
  },
  actions: {
    startComponents: enqueueActions(({ context, enqueue }) => {
      const { scenario, env } = context;
      const seed = scenario.seed;
      enqueue.spawnChild('etcd', { id: ETCD, systemId: ETCD, input: { initial: initialObjects(scenario) } });
      enqueue.spawnChild('apiServer', { id: API_SERVER, systemId: API_SERVER, input: { env, seed } });
      enqueue.spawnChild('scheduler', { id: SCHEDULER, systemId: SCHEDULER, input: { env, seed } });
      enqueue.spawnChild('kubectl', { id: KUBECTL, systemId: KUBECTL });
      for (const node of scenario.cluster.filter((o) => o.kind === 'Node')) {
        const name = node.metadata.name ?? '';
        const n = asNode(node);
        enqueue.spawnChild('kernel', {
          id: kernelId(name),
          systemId: kernelId(name),
          input: { node: name, podCIDR: n.spec?.podCIDR ?? '10.244.0.0/24', seed },
        });
        enqueue.spawnChild('containerd', {
          id: containerdId(name),
          systemId: containerdId(name),
          input: { node: name, seed, images: n.status?.images ?? [] },
        });
        enqueue.spawnChild('kubelet', {
          id: kubeletId(name),
          systemId: kubeletId(name),
          input: { env, node: name, hostIP: nodeAddress(node) },
        });
      }
    }),
  },
}).createMachine({
  id: 'cluster',
  context: ({ input }) => input,
  entry: 'startComponents',
});
