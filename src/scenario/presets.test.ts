import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../sim/scenario';
import {
  DEFAULT_MANIFEST_TEXT,
  DEFAULT_SCENARIO,
  defaultCluster,
  getPreset,
  parseScenario,
  PRESETS,
} from './index';

type Requests = { cpu: string; memory: string };
function requestsOn(cluster: KubeObject[], node: string): Requests[] {
  return cluster
    .filter((o) => o.kind === 'Pod' && (o.spec as { nodeName?: string }).nodeName === node)
    .flatMap((o) => (o.spec as { containers: { resources: { requests: Requests } }[] }).containers)
    .map((c) => c.resources.requests);
}

describe('the default scenario', () => {
  it('is nginx:1.27 in default requesting 250m and 128Mi on port 80', () => {
    expect(DEFAULT_SCENARIO.manifests).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80 }],
              resources: { requests: { cpu: '250m', memory: '128Mi' } },
            },
          ],
        },
      },
    ]);
  });

  it('applies pod.yaml at 0 ms and deletes nginx once it is Running', () => {
    expect(DEFAULT_SCENARIO.actions).toEqual([
      { kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply', '-f', 'pod.yaml'] },
      { kind: 'kubectl', trigger: { whenPodRunning: 'default/nginx' }, args: ['delete', 'pod', 'nginx'] },
    ]);
  });

  it('is what the default manifest text parses to', () => {
    const result = parseScenario(DEFAULT_MANIFEST_TEXT, { name: DEFAULT_SCENARIO.name });
    expect(result.ok && result.scenario).toEqual(DEFAULT_SCENARIO);
  });
});

describe('the default cluster', () => {
  it('taints and labels only the control plane', () => {
    const nodes = defaultCluster().filter((o) => o.kind === 'Node');
    expect(nodes.map((n) => [n.metadata.name, (n.spec as { taints?: unknown }).taints ?? null])).toEqual([
      ['control-plane', [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]],
      ['worker-1', null],
      ['worker-2', null],
    ]);
    expect(nodes[0]?.metadata.labels?.['node-role.kubernetes.io/control-plane']).toBe('');
  });

  it('gives every node 4 CPU, 8Gi and 110 pods, Ready, with its own IP and pod CIDR', () => {
    for (const [i, n] of defaultCluster()
      .filter((o) => o.kind === 'Node')
      .entries()) {
      expect(n.status).toMatchObject({
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [
          { type: 'InternalIP', address: `172.18.0.${i + 2}` },
          { type: 'Hostname', address: n.metadata.name },
        ],
        nodeInfo: { kubeletVersion: 'v1.37.0', containerRuntimeVersion: 'containerd://2.3.4' },
      });
      expect(n.spec).toMatchObject({ podCIDR: `10.244.${i}.0/24` });
    }
  });

  it('loads worker-1 with 1500m / 3Gi and worker-2 with 500m / 1Gi of running pods', () => {
    const cluster = defaultCluster();
    expect(requestsOn(cluster, 'worker-1')).toEqual([
      { cpu: '1', memory: '2Gi' },
      { cpu: '500m', memory: '1Gi' },
    ]);
    expect(requestsOn(cluster, 'worker-2')).toEqual([{ cpu: '500m', memory: '1Gi' }]);
    expect(
      cluster
        .filter((o) => o.kind === 'Pod')
        .every((p) => (p.status as { phase: string }).phase === 'Running'),
    ).toBe(true);
  });

  it('returns a fresh copy on every call', () => {
    expect(defaultCluster()[0]).not.toBe(defaultCluster()[0]);
  });
});

describe('presets', () => {
  it('starts with default, unschedulable-selector and kind, and every preset parses without warnings', () => {
    expect(PRESETS.map((p) => p.id).slice(0, 3)).toEqual(['default', 'unschedulable-selector', 'kind']);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const p of PRESETS) expect(parseScenario(p.text)).toMatchObject({ ok: true, warnings: [] });
    // The 5,000-node preset alone takes seconds to parse on a busy machine.
  }, 60_000);

  it('titles the default preset "nginx on 3 nodes" and finds presets by id', () => {
    expect(getPreset('default')?.title).toBe('nginx on 3 nodes');
    expect(getPreset('nope')).toBeUndefined();
  });

  it('asks for disktype: ssd, a label no default node has', () => {
    const result = parseScenario(getPreset('unschedulable-selector')?.text ?? '');
    const scenario = result.ok ? result.scenario : null;
    expect(scenario?.manifests[0]?.spec).toMatchObject({ nodeSelector: { disktype: 'ssd' } });
    expect(scenario?.cluster.some((o) => o.metadata.labels?.disktype !== undefined)).toBe(false);
  });

  it('runs the kind preset on its own 3 nodes with its Scenario timeline', () => {
    const result = parseScenario(getPreset('kind')?.text ?? '');
    const scenario = result.ok ? result.scenario : null;
    expect(scenario?.name).toBe('kind-nginx');
    expect(scenario?.cluster.filter((o) => o.kind === 'Node').map((o) => o.metadata.name)).toEqual([
      'kind-control-plane',
      'kind-worker',
      'kind-worker2',
    ]);
    expect(scenario?.manifests.map((o) => o.metadata.name)).toEqual(['nginx-5869d7778c-x2q8m']);
    expect(scenario?.actions[1]).toEqual({
      kind: 'kubectl',
      trigger: { whenPodRunning: 'web/nginx-5869d7778c-x2q8m' },
      args: ['delete', 'pod', 'nginx-5869d7778c-x2q8m', '-n', 'web'],
    });
  });
});
