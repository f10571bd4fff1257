import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, getPreset, parseScenario } from '../scenario';
import { simulate } from '../sim/cluster/simulate';
import type { Scenario } from '../sim/scenario';
import { podObjectAt } from '../sim/trace/at';
import { nodeToAdd } from './interventions';
import { clusterChanges, describeChange, pendingPodsAt, withClusterChangesAt } from './liveCluster';

const parsed = (text: string): Scenario => {
  const p = parseScenario(text);
  if (!p.ok) throw new Error(p.error.message);
  return p.scenario;
};

/** The default cluster and a pod asking for 3800m: worker-1 has 2500m free, worker-2 3500m. */
const tooBig = parsed(`apiVersion: v1
kind: Pod
metadata: {name: big}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources: {requests: {cpu: 3800m}}
`);

const nodeOf = (t: ReturnType<typeof simulate>, pod: string) =>
  (podObjectAt(t, t.messages.length, pod)?.spec as { nodeName?: string } | undefined)?.nodeName;

describe('clusterChanges', () => {
  const selector = parsed(getPreset('unschedulable-selector')!.text);
  const worker3 = nodeToAdd(selector, null);

  it('finds a node added and a bound pod removed', () => {
    const after = {
      ...selector,
      cluster: [...selector.cluster.filter((o) => o.metadata.name !== 'redis-0'), worker3],
    };
    expect(clusterChanges(selector, after)).toEqual([
      { kind: 'addNode', node: worker3 },
      { kind: 'deletePod', pod: 'shop/redis-0' },
    ]);
    expect(clusterChanges(selector, after)!.map(describeChange)).toEqual([
      'Node worker-3 joins',
      'pod shop/redis-0 is deleted',
    ]);
  });

  it('offers nothing when anything else changed: a node edited, the manifest, the seed, or nothing', () => {
    const relabelled = selector.cluster.map((o) =>
      o.metadata.name === 'worker-2' ? { ...o, metadata: { ...o.metadata, labels: { disktype: 'ssd' } } } : o,
    );
    expect(clusterChanges(selector, { ...selector, cluster: relabelled })).toBeNull();
    expect(
      clusterChanges(selector, { ...selector, cluster: [...selector.cluster, worker3], seed: 2 }),
    ).toBeNull();
    expect(clusterChanges(selector, { ...selector, manifests: [] })).toBeNull();
    expect(clusterChanges(selector, selector)).toBeNull();
    const noNode = { ...selector, cluster: selector.cluster.filter((o) => o.metadata.name !== 'worker-2') };
    expect(clusterChanges(selector, noNode)).toBeNull();
  });
});

describe('a cluster edit played at the playhead', () => {
  it('a joining node requeues the Pending pod, which is bound to it', () => {
    const before = parsed(getPreset('unschedulable-selector')!.text);
    const trace = simulate(before);
    const at = trace.messages.length;
    expect(pendingPodsAt(trace, at)).toEqual(['default/nginx']);
    // A worker with the label the pod's nodeSelector asks for, as the Cluster tab's user would type it.
    const node = nodeToAdd(before, podObjectAt(trace, at, 'default/nginx'));
    expect(node.metadata.labels).toMatchObject({ disktype: 'ssd' });
    const live = withClusterChangesAt(before, trace, at, [{ kind: 'addNode', node }]);
    const t = simulate(live);
    // The run up to the playhead is the one the user watched; the join and the requeue come after it.
    expect(t.messages.slice(0, at - 1).map((m) => m.label)).toEqual(
      trace.messages.slice(0, at - 1).map((m) => m.label),
    );
    const requeue = t.messages.find((m) => m.label.startsWith('NodeAdd: QueueingHint Queue'));
    expect(requeue?.seq).toBeGreaterThan(at - 1);
    expect(nodeOf(t, 'default/nginx')).toBe('worker-3');
  });

  it('deleting the bound pod on a node frees the capacity the Pending pod needs', () => {
    const trace = simulate(tooBig);
    const at = trace.messages.length;
    expect(pendingPodsAt(trace, at)).toEqual(['default/big']);
    const after = {
      ...tooBig,
      cluster: tooBig.cluster.filter((o) => o.metadata.name !== 'metrics-agent-7k2xq'),
    };
    const changes = clusterChanges(tooBig, after)!;
    expect(changes).toEqual([{ kind: 'deletePod', pod: 'monitoring/metrics-agent-7k2xq' }]);
    const t = simulate(withClusterChangesAt(tooBig, trace, at, changes));
    expect(t.messages.some((m) => m.label.startsWith('AssignedPodDelete: QueueingHint Queue'))).toBe(true);
    expect(nodeOf(t, 'default/big')).toBe('worker-2');
  });

  it('finds no Pending pod once the default pod is bound', () => {
    const trace = simulate(DEFAULT_SCENARIO);
    expect(pendingPodsAt(trace, trace.messages.length)).toEqual([]);
  });
});
