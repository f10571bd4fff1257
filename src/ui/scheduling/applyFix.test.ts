// The text edit of each suggestion: the right document, comments and untouched lines kept, and the
// scheduler run on the edited manifest now lets the pod onto that node.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { CLUSTER_PRESETS } from '../../scenario/clusterPresets';
import { getPreset, parseBuiltIn } from '../../scenario/presets';
import { failingFilters, type Fix } from '../../sim/scheduler/fixes';
import { preFilter } from '../../sim/scheduler/cycle';
import { buildSnapshot } from '../../sim/scheduler/snapshot';
import { applyFix } from './applyFix';

const fix = (edits: Fix['edits'], node = 'n'): Fix => ({ node, plugin: 'X', text: 'x', edits });

/** What the filters say about `node` for the scenario in `text`: the plugins still failing. */
function failingOn(text: string, node: string, podName: string): string[] {
  const s = parseBuiltIn(text, 'test');
  const nodes = s.cluster.filter((o) => o.kind === 'Node') as unknown as Node[];
  const bound = s.cluster.filter((o) => o.kind === 'Pod') as unknown as Pod[];
  const pod = [...s.manifests, ...s.cluster].find(
    (o) => o.kind === 'Pod' && o.metadata.name === podName,
  ) as unknown as Pod;
  const snapshot = buildSnapshot(
    nodes,
    bound.filter((p) => p.spec?.nodeName),
  );
  const info = snapshot.byName.get(node);
  if (!info) throw new Error(`no node ${node}`);
  return failingFilters(preFilter(pod, snapshot), info).map((x) => x.plugin);
}

const POD = `# comment kept
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default}
spec:
  containers:
  - name: web
    image: nginx  # trailing comment kept
    resources: {requests: {cpu: "2", memory: 1Gi}}
`;

describe('applyFix', () => {
  it('sets a container request in place, keeping comments and flow style', () => {
    const r = applyFix(
      POD,
      fix([
        {
          target: 'pod',
          op: 'set',
          path: ['spec', 'containers', 0, 'resources', 'requests', 'cpu'],
          value: '1500m',
        },
      ]),
      'default/web',
    );
    // The yaml printer keeps the comment; it puts one space before a trailing one.
    const want = POD.replace('cpu: "2"', 'cpu: 1500m').replace('nginx  #', 'nginx #');
    expect(r).toEqual({ ok: true, text: want });
  });

  it('appends a toleration (creating the list) as a flow mapping', () => {
    const r = applyFix(
      POD,
      fix([
        {
          target: 'pod',
          op: 'append',
          path: ['spec', 'tolerations'],
          value: { key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
        },
      ]),
      'default/web',
    );
    expect(r.ok && r.text).toContain(
      '  tolerations:\n  - {key: gpu, operator: Equal, value: "true", effect: NoSchedule}\n',
    );
  });

  it('edits the pod template of a Deployment', () => {
    const text = getPreset('deployment')?.text ?? '';
    expect(text).toContain('kind: Deployment');
    const r = applyFix(
      text,
      fix([{ target: 'pod', op: 'set', path: ['spec', 'nodeSelector', 'disk'], value: 'ssd' }]),
      'default/web-5d8f-abcde',
    );
    expect(r.ok && r.text).toMatch(/template:[\s\S]*nodeSelector:\s*\n\s*disk: ssd/);
  });

  it('brings in the default cluster to label one of its nodes; the scheduler then lets the pod on', () => {
    const text = getPreset('unschedulable-selector')?.text ?? '';
    expect(failingOn(text, 'worker-1', 'nginx')).toEqual(['NodeAffinity']);
    const r = applyFix(
      text,
      fix([
        {
          target: 'node',
          node: 'worker-1',
          op: 'set',
          path: ['metadata', 'labels', 'disktype'],
          value: 'ssd',
        },
      ]),
      'default/nginx',
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.text.startsWith(text.trimEnd() + '\n---\n')).toBe(true);
    expect(failingOn(r.text, 'worker-1', 'nginx')).toEqual([]);
    expect(failingOn(r.text, 'worker-2', 'nginx')).toEqual(['NodeAffinity']);
  });

  it('uncordons a node inside a flow mapping and removes a bound pod with its separator', () => {
    const text = CLUSTER_PRESETS.find((p) => p.id === 'nearly-full')?.text ?? '';
    const r = applyFix(
      text,
      fix([{ target: 'boundPod', pod: 'default/batch-1' }]),
      'default/api-7c9d4-q2w8e',
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.text).not.toContain('batch-1,');
    expect(r.text.split('\n').length).toBe(text.split('\n').length - 11);
    expect(() => parseBuiltIn(r.text, 'test')).not.toThrow();
    const big = CLUSTER_PRESETS.find((p) => p.id === 'big-500')?.text ?? '';
    const u = applyFix(
      big,
      fix([{ target: 'node', node: 'node-0050', op: 'set', path: ['spec', 'unschedulable'], value: false }]),
      'default/web-6b7f9-k4p2x',
    );
    if (!u.ok) throw new Error(u.message);
    expect(u.text).toContain('spec: {unschedulable: false}');
    expect(u.text.split('\n').length).toBe(big.split('\n').length);
  });

  it('edits a Node item of a List', () => {
    const text = `${POD}---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: n1\n  status: {allocatable: {cpu: "1"}}\n`;
    const r = applyFix(
      text,
      fix([{ target: 'node', node: 'n1', op: 'set', path: ['metadata', 'labels', 'a'], value: 'b' }]),
      'default/web',
    );
    expect(r.ok && r.text).toContain('    name: n1\n    labels:\n      a: b\n');
  });

  it('says which object is missing rather than guessing', () => {
    const r = applyFix(POD, fix([{ target: 'boundPod', pod: 'default/nope' }]), 'default/web');
    expect(r).toEqual({ ok: false, message: 'Pod default/nope is not in the manifest' });
  });

  it('a real fix for the GPU-less worker of the nodeSelector preset makes every filter pass', () => {
    const text = getPreset('unschedulable-selector')?.text ?? '';
    const label = applyFix(
      text,
      fix([
        {
          target: 'node',
          node: 'control-plane',
          op: 'set',
          path: ['metadata', 'labels', 'disktype'],
          value: 'ssd',
        },
      ]),
      'default/nginx',
    );
    if (!label.ok) throw new Error(label.message);
    expect(failingOn(label.text, 'control-plane', 'nginx')).toEqual(['TaintToleration']);
    const tol = applyFix(
      label.text,
      fix([
        {
          target: 'pod',
          op: 'append',
          path: ['spec', 'tolerations'],
          value: { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        },
      ]),
      'default/nginx',
    );
    if (!tol.ok) throw new Error(tol.message);
    expect(failingOn(tol.text, 'control-plane', 'nginx')).toEqual([]);
  });
});
