// Issue #3 item 6 as a user meets it: the JSON shape (scores, nominatedNode, victims, evaluated), priority
// taken from PriorityClasses, queue order, preemption's two decisions, and refusals with exit code 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PREEMPTION_PDB_PRESET, PREEMPTION_PRESET } from '../src/scenario/preemptionPresets';
import type { Io } from './io';
import { run } from './run';

const root = fileURLToPath(new URL('..', import.meta.url));

function cli(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (path) => files[path] ?? readFileSync(join(root, path), 'utf8'),
  };
  return { code: run(argv, io), stdout, stderr };
}

interface NodeOut {
  feasible?: boolean;
  reasons?: string[];
  scores?: Record<string, number>;
  total?: number | null;
  evaluated?: false;
}
interface DecisionOut {
  pod: string;
  node: string | null;
  message: string | null;
  nominatedNode: string | null;
  victims: string[];
  nodes: Record<string, NodeOut>;
}
const json = (text: string, name = 'in.yaml'): DecisionOut[] => {
  const r = cli(['schedule', name, '--format', 'json'], { [name]: text });
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { decisions: DecisionOut[] }).decisions;
};

const node = (name: string, cpu = '2') => `apiVersion: v1
kind: Node
metadata: {name: ${name}, labels: {kubernetes.io/hostname: ${name}}}
status:
  allocatable: {cpu: "${cpu}", memory: 4Gi, pods: "110"}
`;
const pod = (name: string, cpu: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: default}
spec:
${extra}  containers: [{name: c, image: nginx, resources: {requests: {cpu: ${cpu}}}}]
`;
const docs = (...d: string[]) => d.join('---\n');

describe('podwalk schedule --format json, as issue #3 gives it', () => {
  it('gives each scored node its weighted score per plugin, summing to total', () => {
    const [d] = json(
      readFileSync(join(root, 'src/sim/scheduler/__fixtures__/01-kind-nginx-scored.yaml'), 'utf8'),
    );
    const scored = Object.values(d!.nodes).filter((n) => n.total !== null);
    expect(scored.length).toBeGreaterThan(1);
    for (const n of scored) {
      const sum = Object.values(n.scores ?? {}).reduce((a, b) => a + b, 0);
      expect(sum).toBe(n.total);
    }
    const rejected = Object.values(d!.nodes).find((n) => n.feasible === false);
    expect(rejected?.scores).toEqual({});
  });

  it('marks nodes the search never reached (percentageOfNodesToScore) evaluated: false, without a verdict', () => {
    const nodes = Array.from({ length: 120 }, (_, i) => node(`n${i}`));
    const [d] = json(docs(...nodes, pod('p', '100m')));
    const skipped = Object.values(d!.nodes).filter((n) => n.evaluated === false);
    // 120 nodes: the search stops after 100 feasible ones.
    expect(skipped).toHaveLength(20);
    expect(skipped[0]).toEqual({ evaluated: false });
  });

  it('a preempting pod: a decision with nominatedNode and victims, then a second once it is bound', () => {
    const ds = json(PREEMPTION_PRESET.text);
    expect(ds.map((d) => [d.pod, d.node, d.nominatedNode, d.victims])).toEqual([
      ['default/api', null, 'node-1', ['default/batch-7f9c']],
      ['default/api', 'node-1', null, []],
    ]);
    expect(ds[0]?.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('agrees with the page on the PDB preset: the PDB’s status, not written, is the computed one', () => {
    expect(json(PREEMPTION_PDB_PRESET.text)[0]?.victims).toEqual(['default/cache-0']);
    const allowing = PREEMPTION_PDB_PRESET.text.replace('minAvailable: 1', 'minAvailable: 0');
    expect(json(allowing)[0]?.victims).toEqual(['default/db-0']);
  });

  it('bindings print a preempting pod once, with the node it ends on', () => {
    const r = cli(['schedule', 'p.yaml', '--format', 'bindings'], { 'p.yaml': PREEMPTION_PRESET.text });
    expect(r.stdout).toBe('default/api node-1\n');
  });
});

describe('podwalk schedule: priority as admission sets it, and queue order', () => {
  const classes = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: batch}
value: 100
globalDefault: true
`;
  it('schedules the higher-priority pod first (a built-in class), then in order of appearance', () => {
    const text = docs(
      node('n1', '1'),
      pod('low', '800m'),
      pod('high', '800m', '  priorityClassName: system-cluster-critical\n'),
    );
    const r = cli(['schedule', 'q.yaml', '--format', 'bindings'], { 'q.yaml': text });
    expect(r.stdout).toBe('default/high n1\ndefault/low Pending\n');
  });

  it('trusts spec.priority as written, and gives a pod without a class the global default’s value', () => {
    const text = docs(
      classes,
      node('n1', '1'),
      pod('default-class', '800m'),
      pod('written', '800m', '  priority: 101\n  priorityClassName: batch\n'),
    );
    const r = cli(['schedule', 'q.yaml', '--format', 'bindings'], { 'q.yaml': text });
    expect(r.stdout).toBe('default/written n1\ndefault/default-class Pending\n');
  });
});

describe('podwalk schedule: preemptionPolicy from the PriorityClass', () => {
  it('a class with preemptionPolicy Never keeps its pods from preempting', () => {
    const text = PREEMPTION_PRESET.text.replace(
      'value: 1000000\nglobalDefault: false',
      'value: 1000000\npreemptionPolicy: Never\nglobalDefault: false',
    );
    expect(text).not.toBe(PREEMPTION_PRESET.text);
    const ds = json(text);
    expect(ds).toHaveLength(1);
    expect(ds[0]?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.',
    );
  });
});

describe('podwalk schedule refuses what the API server would have refused (exit 2)', () => {
  const refuse = (text: string) => cli(['schedule', 'bad.yaml'], { 'bad.yaml': text });
  it.each([
    [
      'a malformed quantity',
      docs(node('n1'), pod('p', '1.5.3Gi')),
      `Document 2 (Pod p): spec.containers[0].resources.requests[cpu]: Invalid value: "1.5.3Gi": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ],
    [
      'a negative request',
      docs(node('n1'), pod('p', '"-1"')),
      'Document 2 (Pod p): spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    ],
    [
      'a malformed node allocatable',
      docs(node('n1', '2x')),
      `Document 1 (Node n1): status.allocatable[cpu]: Invalid value: "2x": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ],
    [
      'an unknown node affinity operator',
      docs(
        node('n1'),
        pod(
          'p',
          '1',
          '  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions: [{key: a, operator: Near, values: [b]}]\n',
        ),
      ),
      'Document 2 (Pod p): spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
    ],
    [
      'an unknown toleration operator',
      docs(node('n1'), pod('p', '1', '  tolerations: [{key: a, operator: Is, value: b}]\n')),
      'Document 2 (Pod p): spec.tolerations[0].operator: Unsupported value: "Is": supported values: "Equal", "Exists"',
    ],
    [
      'two Nodes of one name',
      docs(node('n1'), node('n1'), pod('p', '1')),
      'Document 2 (Node n1): a second Node named "n1"; Document 1 (Node n1) already has that name. Names are unique per kind: rename or remove one.',
    ],
    [
      'a PriorityClass that does not exist',
      docs(node('n1'), pod('p', '1', '  priorityClassName: nope\n')),
      'Document 2 (Pod p): spec.priorityClassName: no PriorityClass with name nope was found',
    ],
  ])('%s', (_what, text, message) => {
    const r = refuse(text);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('refuses a ReplicationController plainly', () => {
    const rc = `apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  template:
    spec:
      containers: [{name: c, image: nginx}]
`;
    const r = refuse(rc);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /Document 1 is a ReplicationController\. ReplicationControllers make their Pods through a controller Podwalk does not simulate yet/,
    );
  });
});
