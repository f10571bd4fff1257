import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../scenario';
import { asNode, asPod } from '../../k8s/pod';
import { SchedulerCache } from '../../scheduler';
import { assumeLive, liveCache, observeLive } from './liveCache';

const node = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
});

const pod = (name: string, nodeName?: string, phase = 'Pending'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'web' } },
  spec: {
    ...(nodeName ? { nodeName } : {}),
    containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m' } } }],
  },
  status: { phase },
});

/** What a cache built afresh from the tables holds: the assigned pods, and each node's pods and requests. */
function shape(cache: SchedulerCache) {
  return {
    assigned: cache.assignedPods,
    nodes: cache.snapshot.nodes.map((i) => ({ name: i.name, pods: i.pods, requested: i.requested })),
  };
}

const fresh = (pods: Record<string, KubeObject>, nodes: Record<string, KubeObject>) =>
  new SchedulerCache(
    Object.values(nodes).map(asNode),
    Object.values(pods)
      .map(asPod)
      .filter((p) => p.spec?.nodeName),
  );

describe('the scheduler cache kept between cycles', () => {
  it('follows binds and status updates exactly as a cache built afresh would', () => {
    const nodes = { n1: node('n1'), n2: node('n2') };
    const pods: Record<string, KubeObject> = { 'default/a': pod('a', 'n1', 'Running') };
    const first = liveCache(pods, nodes);
    for (const name of ['b', 'c']) {
      pods[`default/${name}`] = pod(name);
      observeLive(pods, 'pod', `default/${name}`, undefined, pods[`default/${name}`]!);
    }
    // The scheduler assumes b on n2, then the bind's watch event and a status update arrive.
    pods['default/b'] = pod('b', 'n2');
    assumeLive(pods, 'default/b', pods['default/b']);
    for (const next of [pod('b', 'n2'), pod('b', 'n2', 'Running')]) {
      const prev = pods['default/b'];
      pods['default/b'] = next;
      observeLive(pods, 'pod', 'default/b', prev, next);
    }
    const kept = liveCache(pods, nodes);
    expect(kept).toBe(first);
    expect(shape(kept)).toEqual(shape(fresh(pods, nodes)));
    expect(kept.assignedPods[1]).toBe(pods['default/b']);
  });

  it('starts afresh after a change it cannot follow: a bind out of order, a node event, a deletion', () => {
    const nodes = { n1: node('n1') };
    const pods: Record<string, KubeObject> = { 'default/a': pod('a'), 'default/b': pod('b') };
    const first = liveCache(pods, nodes);
    pods['default/b'] = pod('b', 'n1');
    assumeLive(pods, 'default/b', pods['default/b']);
    expect(liveCache(pods, nodes)).toBe(first);
    // a comes before b in the table: a fresh cache lists it first, so the kept one is dropped.
    pods['default/a'] = pod('a', 'n1');
    assumeLive(pods, 'default/a', pods['default/a']);
    const second = liveCache(pods, nodes);
    expect(second).not.toBe(first);
    expect(shape(second)).toEqual(shape(fresh(pods, nodes)));
    observeLive(pods, 'node', 'n1', nodes.n1, nodes.n1);
    const third = liveCache(pods, nodes);
    expect(third).not.toBe(second);
    const gone = pods['default/a'];
    delete pods['default/a'];
    observeLive(pods, 'pod', 'default/a', gone, null);
    expect(shape(liveCache(pods, nodes))).toEqual(shape(fresh(pods, nodes)));
  });
});
