import { describe, expect, it } from 'vitest';
import { createActor, type AnyActorRef } from 'xstate';
import { clusterMachine, initialObjects, type ClusterInput } from './clusterMachine';
import { VirtualClock } from '../time/clock';
import { replay, shortestPaths } from '../testing/model';
import { nginxPod } from '../testing/events';
import { nodeObject, nodesScenario } from '../testing/nodeEvents';
import { API_SERVER, ETCD, KUBECTL, SCHEDULER, containerdId, kernelId, kubeletId } from './systemIds';
import type { KubeObject } from '../scenario';

const nodes = (n: number): KubeObject[] => Array.from({ length: n }, (_, i) => nodeObject(`node-${i}`, i));

/** What the tests read of an actor's snapshot (getSnapshot() is untyped on AnyActorRef). */
interface Snap {
  status: string;
  value: unknown;
  context: Record<string, unknown>;
  children: Record<string, unknown>;
}

function boot(cluster: KubeObject[]) {
  const clock = new VirtualClock();
  const input: ClusterInput = { scenario: nodesScenario(cluster), env: { now: () => clock.now() } };
  const actor = createActor(clusterMachine, { input, clock });
  actor.start();
  const get = (id: string) => actor.system.get(id) as AnyActorRef | undefined;
  const snap = (id: string) => get(id)?.getSnapshot() as Snap | undefined;
  return { actor, clock, get, snap };
}

const CONTROL_PLANE = [ETCD, API_SERVER, SCHEDULER, KUBECTL];
const nodeIds = (name: string) => [kubeletId(name), containerdId(name), kernelId(name)];

describe('clusterMachine', () => {
  it('spawns etcd, apiServer, scheduler and kubectl reachable by their systemIds', () => {
    const { snap } = boot(nodes(1));
    for (const id of CONTROL_PLANE) expect(snap(id)?.status, id).toBe('active');
  });

  it('spawns a kubelet, a containerd and a kernel for each Node, reachable by their systemIds', () => {
    const { snap } = boot(nodes(3));
    const ids = ['node-0', 'node-1', 'node-2'].flatMap(nodeIds);
    expect(ids.map((id) => snap(id)?.status)).toEqual(ids.map(() => 'active'));
  });

  it('gives each node actor the input of its own Node', () => {
    const { snap } = boot(nodes(2));
    const ctx = (id: string) => snap(id)?.context;
    expect(ctx(kubeletId('node-1'))).toMatchObject({ node: 'node-1', hostIP: '172.18.0.1' });
    expect(ctx(containerdId('node-1'))).toMatchObject({ node: 'node-1' });
    expect(ctx(kernelId('node-1'))).toMatchObject({ node: 'node-1' });
  });

  it('starts no node actors for objects that are not Nodes', () => {
    const pod = nginxPod({ metadata: { name: 'web', namespace: 'default' } });
    const { get } = boot([nodeObject('node-0'), pod]);
    expect(get(kubeletId('web'))).toBeUndefined();
    expect(get(kubeletId('node-0'))).toBeDefined();
  });

  it('stores the scenario objects in etcd with a namespace, a uid and a creation time', () => {
    const pod = nginxPod({ metadata: { name: 'web' } });
    const objects = initialObjects(nodesScenario([nodeObject('node-0'), pod]));
    const [nodeKey, node] = objects[0]!;
    const [podKey, stored] = objects[1]!;
    expect([nodeKey, podKey]).toEqual(['/registry/minions/node-0', '/registry/pods/default/web']);
    expect(node.metadata.namespace).toBeUndefined();
    expect(stored.metadata.namespace).toBe('default');
    expect(stored.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(stored.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('starts every node actor of 200 nodes, in groups of 64, all reachable by systemId', () => {
    const { actor, snap } = boot(nodes(200));
    const ids = Array.from({ length: 200 }, (_, i) => `node-${i}`).flatMap(nodeIds);
    expect(ids.filter((id) => snap(id)?.status !== 'active')).toEqual([]);
    expect(Object.keys(actor.getSnapshot().children).sort()).toEqual(
      [...CONTROL_PLANE, 'nodes:0', 'nodes:1', 'nodes:2', 'nodes:3'].sort(),
    );
    const group = (i: number) => Object.keys(snap(`nodes:${i}`)?.children ?? {});
    expect([0, 1, 2, 3].map((i) => group(i).length)).toEqual([64 * 3, 64 * 3, 64 * 3, 8 * 3]);
    expect(group(3)).toContain(kubeletId('node-199'));
  });

  it('lets every kubelet of 200 nodes register its watch with the API server once the clock runs', () => {
    const { clock, snap } = boot(nodes(200));
    while (clock.step(1_000));
    const listed = Array.from({ length: 200 }, (_, i) => kubeletId(`node-${i}`)).filter(
      (id) => snap(id)?.value === 'watching',
    );
    expect(listed).toHaveLength(200);
  });
});

describe('clusterMachine model', () => {
  const input: ClusterInput = { scenario: nodesScenario(nodes(2)), env: { now: () => 0 } };
  const paths = shortestPaths(
    clusterMachine,
    [{ type: 'user.command' }, { type: 'anything' }] as never[],
    input,
  );

  it('reaches exactly one state, running, whatever it is sent', () => {
    expect(paths.map((p) => p.state)).toEqual(['"running"']);
  });

  it('reaches each path state when the path is replayed on an actor', () => {
    for (const p of paths) expect(replay(clusterMachine, input, p)).toBe(p.state);
  });
});
