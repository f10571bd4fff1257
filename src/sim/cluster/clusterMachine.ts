// The root actor: it starts every component of the cluster as a child with a stable systemId. It holds
// no behaviour of its own; components find each other through the actor system.
import { setup, enqueueActions } from 'xstate';
import type { SimEnv } from './env';
import type { Scenario, KubeObject } from '../scenario';
import {
  API_SERVER,
  CONTROLLER_MANAGER,
  ETCD,
  KUBECTL,
  OPERATOR,
  SCHEDULER,
  containerdId,
  crioId,
  kernelId,
  kubeletId,
} from './systemIds';
import { operatorMachine } from '../machines/operator/operatorMachine';
import { etcdMachine } from '../machines/etcd/etcdMachine';
import { apiServerMachine } from '../machines/apiServer/apiServerMachine';
import { kubectlMachine } from '../machines/client/kubectlMachine';
import { schedulerMachine } from '../machines/scheduler/schedulerMachine';
import { isListerKind } from '../machines/scheduler/listers';
import { kubeletMachine } from '../machines/kubelet/kubeletMachine';
import { containerdMachine } from '../machines/containerd/containerdMachine';
import { kernelMachine } from '../machines/kernel/kernelMachine';
import { controllerManagerMachine } from '../machines/controllerManager/controllerManagerMachine';
import { isWorkloadKind } from '../k8s/workloads';
import { storageKey, asNode } from '../k8s/pod';
import { Random, seedFor } from '../time/random';
import { newUid } from '../time/ids';
import { rfc3339 } from '../time/timestamps';
import { runtimeOfNode, withNodeRuntimes } from './nodeRuntime';

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
        // A PDB's spec is generation-tracked (the disruption controller reports observedGeneration).
        // upstream: pkg/registry/policy/poddisruptionbudget/strategy.go PrepareForCreate (Generation = 1)
        ...(o.kind === 'PodDisruptionBudget' && o.metadata.generation === undefined ? { generation: 1 } : {}),
      },
    };
    return [storageKey(obj), obj];
  });
}

export function hasWorkload(scenario: Scenario): boolean {
  return [...scenario.manifests, ...scenario.cluster].some((o) => isWorkloadKind(o.kind));
}

export function hasPdb(scenario: Scenario): boolean {
  return [...scenario.manifests, ...scenario.cluster].some((o) => o.kind === 'PodDisruptionBudget');
}

function nodeAddress(node: KubeObject): string {
  const addrs = asNode(node).status?.addresses ?? [];
  return addrs.find((a) => a.type === 'InternalIP')?.address ?? '';
}

/**
 * XState copies a parent's child list on every spawn, so one parent of 15,000 node actors (5,000 nodes)
 * costs quadratic time. Node-side actors are therefore started in groups; a group is plumbing, not a
 * component: it has no lane, sends nothing, and everything still addresses the actors by systemId.
 */
const NODES_PER_GROUP = 64;

interface NodeGroupInput {
  env: SimEnv;
  seed: number;
  nodes: KubeObject[];
  /** Nodes that join mid-run: their kubelets register the Node object first. */
  register?: boolean;
}

/** The host adds a node mid-run (an intervention); plumbing, not a message between components. */
export type AddNodeEvent = { type: 'cluster.addNode'; node: KubeObject };

const nodeGroupMachine = setup({
  types: { input: {} as NodeGroupInput, context: {} as NodeGroupInput },
  actors: { kubelet: kubeletMachine, containerd: containerdMachine, kernel: kernelMachine },
  actions: {
    startNodes: enqueueActions(({ context, enqueue }) => {
      const { env, seed } = context;
      for (const node of context.nodes) {
        const name = node.metadata.name ?? '';
        const n = asNode(node);
        enqueue.spawnChild('kernel', {
          id: kernelId(name),
          systemId: kernelId(name),
          input: { node: name, podCIDR: n.spec?.podCIDR ?? '10.244.0.0/24', seed, env },
        });
        // A node whose nodeInfo says cri-o:// runs CRI-O (the same CRI server, with pinns and conmon).
        const crio = runtimeOfNode(node) === 'cri-o';
        enqueue.spawnChild('containerd', {
          id: crio ? crioId(name) : containerdId(name),
          systemId: crio ? crioId(name) : containerdId(name),
          input: {
            node: name,
            seed,
            images: n.status?.images ?? [],
            env,
            ...(crio ? { runtime: 'cri-o' as const } : {}),
          },
        });
        enqueue.spawnChild('kubelet', {
          id: kubeletId(name),
          systemId: kubeletId(name),
          input: {
            env,
            node: name,
            hostIP: nodeAddress(node),
            ...(context.register ? { register: node } : {}),
          },
        });
      }
    }),
  },
  // A state of its own: a machine without states is done at once, and a done parent stops its children.
}).createMachine({
  id: 'nodeGroup',
  context: ({ input }) => input,
  entry: 'startNodes',
  initial: 'running',
  states: { running: {} },
});

export const clusterMachine = setup({
  types: { input: {} as ClusterInput, context: {} as ClusterInput, events: {} as AddNodeEvent },
  actors: {
    etcd: etcdMachine,
    apiServer: apiServerMachine,
    kubectl: kubectlMachine,
    scheduler: schedulerMachine,
    nodeGroup: nodeGroupMachine,
    operator: operatorMachine,
    controllerManager: controllerManagerMachine,
  },
  actions: {
    startComponents: enqueueActions(({ context, enqueue }) => {
      const { scenario } = context;
      const env = withNodeRuntimes(context.env, scenario);
      const seed = scenario.seed;
      enqueue.spawnChild('etcd', {
        id: ETCD,
        systemId: ETCD,
        input: { initial: initialObjects(scenario), env },
      });
      enqueue.spawnChild('apiServer', { id: API_SERVER, systemId: API_SERVER, input: { env, seed } });
      // The scheduler's Service, ReplicaSet, StatefulSet and PDB informers are drawn only when the scenario
      // has objects of those kinds or a workload that makes them, as kube-controller-manager is below.
      const informers = hasWorkload(scenario) || scenario.cluster.some((o) => isListerKind(o.kind));
      enqueue.spawnChild('scheduler', {
        id: SCHEDULER,
        systemId: SCHEDULER,
        input: { env, seed, informers },
      });
      enqueue.spawnChild('kubectl', { id: KUBECTL, systemId: KUBECTL });
      // Only runs with a container intervention have someone at a node's shell (it keeps other traces as they were).
      if (scenario.actions.some((a) => a.kind === 'container' || a.kind === 'checkpoint'))
        enqueue.spawnChild('operator', { id: OPERATOR, systemId: OPERATOR });
      // Only a scenario with a workload or a PodDisruptionBudget (whose status the disruption controller
      // computes) gets kube-controller-manager: a bare-Pod run keeps the trace it always had, without the
      // controller-manager's LIST+WATCH arrows at start-up.
      const pdbs = hasPdb(scenario);
      if (hasWorkload(scenario) || pdbs)
        enqueue.spawnChild('controllerManager', {
          id: CONTROLLER_MANAGER,
          systemId: CONTROLLER_MANAGER,
          input: { env, pdbs },
        });
      const nodes = scenario.cluster.filter((o) => o.kind === 'Node');
      for (let i = 0; i < nodes.length; i += NODES_PER_GROUP) {
        const id = `nodes:${i / NODES_PER_GROUP}`;
        enqueue.spawnChild('nodeGroup', {
          id,
          systemId: id,
          input: { env, seed, nodes: nodes.slice(i, i + NODES_PER_GROUP) },
        });
      }
    }),
    addNode: enqueueActions(({ context, event, enqueue }) => {
      const id = `nodes:added:${event.node.metadata.name ?? ''}`;
      enqueue.spawnChild('nodeGroup', {
        id,
        systemId: id,
        input: {
          env: withNodeRuntimes(context.env, context.scenario),
          seed: context.scenario.seed,
          nodes: [event.node],
          register: true,
        },
      });
    }),
  },
}).createMachine({
  id: 'cluster',
  context: ({ input }) => input,
  entry: 'startComponents',
  initial: 'running',
  states: { running: { on: { 'cluster.addNode': { actions: 'addNode' } } } },
});
