import { describe, expect, it } from 'vitest';
import { formatParseError, parseScenario, type ParseError, type ParseResult } from './index';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
`;
const NODE = `apiVersion: v1
kind: Node
metadata:
  name: n1
status:
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
`;

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected success, got: ${formatParseError(result.error)}`);
  return result;
}
function error(text: string): ParseError {
  const result = parseScenario(text);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}
function pod(name: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers: [{name: c, image: busybox}]\n${extra}`;
}

describe('parseScenario: sorting objects', () => {
  it('puts a Pods-only file into manifests and runs it on the default three-node cluster', () => {
    const { scenario } = ok(parseScenario(POD));
    expect(scenario.manifests.map((o) => o.metadata.name)).toEqual(['web']);
    expect(scenario.cluster.filter((o) => o.kind === 'Node').map((o) => o.metadata.name)).toEqual([
      'control-plane',
      'worker-1',
      'worker-2',
    ]);
  });

  it('gives a Pods-only file the default timeline, with -n for a pod outside the default namespace', () => {
    const { scenario } = ok(parseScenario(POD));
    expect(scenario.actions).toEqual([
      { kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply', '-f', 'pod.yaml'] },
      {
        kind: 'kubectl',
        trigger: { whenPodRunning: 'shop/web' },
        args: ['delete', 'pod', 'web', '-n', 'shop'],
      },
    ]);
    expect(scenario.seed).toBe(1);
    expect(scenario.options.horizonMs).toBe(600_000);
  });

  it('uses the given Nodes instead of the default cluster, still with the default timeline', () => {
    const { scenario } = ok(parseScenario(`${NODE}---\n${POD}`));
    expect(scenario.cluster.map((o) => o.metadata.name)).toEqual(['n1']);
    expect(scenario.actions).toHaveLength(2);
  });

  it('puts Pods that already have spec.nodeName into the cluster', () => {
    const { scenario } = ok(parseScenario(`${NODE}---\n${pod('bound', '  nodeName: n1\n')}---\n${POD}`));
    expect(scenario.cluster.map((o) => o.metadata.name)).toEqual(['n1', 'bound']);
    expect(scenario.manifests.map((o) => o.metadata.name)).toEqual(['web']);
  });

  it('unwraps a PodList whose items carry no apiVersion or kind', () => {
    const list = `apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n  spec: {containers: [{name: c, image: x}]}\n`;
    const { scenario } = ok(parseScenario(list));
    expect(scenario.manifests[0]).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } });
  });

  it('unwraps a kind: List of Nodes and bound Pods as kubectl get -o yaml prints it', () => {
    const list = `apiVersion: v1\nkind: List\nmetadata: {resourceVersion: ""}\nitems:\n- ${NODE.trim().replace(/\n/g, '\n  ')}\n`;
    const { scenario } = ok(parseScenario(`${list}---\n${POD}`));
    expect(scenario.cluster.map((o) => `${o.kind}/${o.metadata.name ?? ''}`)).toEqual(['Node/n1']);
  });

  it('keeps HTML in names and labels as plain data', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "<script>alert(1)</script>"\n  labels: {x: "<b>&amp;</b>"}\n`;
    const { scenario } = ok(parseScenario(text));
    expect(scenario.manifests[0]?.metadata).toEqual({
      name: '<script>alert(1)</script>',
      labels: { x: '<b>&amp;</b>' },
    });
  });

  it('leaves semantically invalid values (bad names, quantities, missing image) to the API server', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: Not_Valid}\nspec:\n  containers:\n  - name: c\n    resources: {requests: {cpu: lots, memory: 1}}\n`;
    const { scenario } = ok(parseScenario(text));
    expect(scenario.manifests[0]?.spec).toEqual({
      containers: [{ name: 'c', resources: { requests: { cpu: 'lots', memory: 1 } } }],
    });
  });

  it('turns a null label value into the empty string, as the Kubernetes decoder does', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    role:\n`;
    expect(ok(parseScenario(text)).scenario.manifests[0]?.metadata.labels).toEqual({ role: '' });
  });

  it('names the scenario after its first pod unless a name is given', () => {
    expect(ok(parseScenario(POD)).scenario.name).toBe('web');
    expect(ok(parseScenario(POD, { name: 'mine' })).scenario.name).toBe('mine');
  });

  it('warns when a bound pod names a node the cluster does not have', () => {
    const { warnings } = ok(parseScenario(`${NODE}---\n${pod('lost', '  nodeName: nowhere\n')}---\n${POD}`));
    expect(warnings).toEqual(['Pod lost is bound to node nowhere, which this cluster does not have.']);
  });

  it('warns when an action applies a file other than the manifest', () => {
    const doc = `apiVersion: podwalk.dev/v1alpha1\nkind: Scenario\nspec:\n  actions:\n  - {at: 0s, kubectl: "apply -f web.yaml"}\n`;
    const { warnings, scenario } = ok(parseScenario(`${POD}---\n${doc}`));
    expect(scenario.actions[0]).toMatchObject({ kind: 'kubectl', args: ['apply', '-f', 'web.yaml'] });
    expect(warnings).toEqual([
      'kubectl apply -f web.yaml names web.yaml, but the manifest is pod.yaml: kubectl will say the path does not exist.',
    ]);
    expect(ok(parseScenario(POD)).warnings).toEqual([]);
  });
});

describe('parseScenario: bad input', () => {
  it('refuses empty text with a hint to add a Pod', () => {
    expect(error('  \n')).toMatchObject({
      message: 'The manifest is empty: add a Pod (kind: Pod).',
      line: null,
    });
    expect(error('# only a comment\n---\n').message).toBe('The manifest is empty: add a Pod (kind: Pod).');
  });

  it("reports a YAML syntax error at its line and column with yaml's message", () => {
    const e = error('apiVersion: v1\nkind: Pod\nmetadata: {name: [a\n');
    expect(formatParseError(e)).toMatch(/^Line 4, column 1: Flow sequence in block collection/);
  });

  it('reports a duplicate key where the second one is', () => {
    expect(formatParseError(error('kind: Pod\nkind: Node\n'))).toBe(
      'Line 2, column 1: Map keys must be unique',
    );
  });

  it('refuses a plain scalar, naming the document', () => {
    expect(formatParseError(error('hello'))).toBe(
      'Line 1, column 1: Document 1 is the string "hello", not a mapping; a Kubernetes object starts with "apiVersion:" and "kind:".',
    );
  });

  it('names the document and line of a missing kind', () => {
    expect(error(`${POD}---\napiVersion: v1\nmetadata: {name: x}\n`)).toMatchObject({
      document: 2,
      line: 11,
      column: 1,
    });
  });

  it('names the field and position of a missing metadata.name', () => {
    const e = error('apiVersion: v1\nkind: Pod\nmetadata:\n  namespace: a\n');
    expect(e).toMatchObject({ document: 1, field: 'metadata', line: 4, column: 3 });
    expect(e.message).toBe('Document 1: metadata.name is missing; every object needs a name.');
  });

  it('says a missing apiVersion and what to write', () => {
    expect(error('kind: Pod\nmetadata: {name: a}\n').message).toBe(
      'Document 1: apiVersion is missing; a Pod has "apiVersion: v1".',
    );
  });

  it('says a DaemonSet needs a controller Podwalk does not simulate yet, and suggests a Pod', () => {
    const e = error('apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: web}\n');
    expect(e).toMatchObject({ line: 2, column: 7, field: 'kind' });
    expect(e.message).toMatch(/through a controller Podwalk does not simulate yet/);
    expect(e.message).toContain('Write a Pod instead: "kind: Pod"');
  });

  it('refuses a Deployment above the replica limit, naming spec.replicas and the limit', () => {
    const e = error(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 10000\n',
    );
    expect(e).toMatchObject({ line: 5, field: 'spec.replicas' });
    expect(e.message).toContain(
      'spec.replicas is 10000; Podwalk simulates a Deployment of up to 200 replicas',
    );
  });

  it('reads a Deployment as something kubectl applies', () => {
    const r = parseScenario(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n',
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.scenario.manifests.map((o) => o.kind)).toEqual(['Deployment']);
    // The file is named after what it holds, as the editor's tab and kubectl's command line show it.
    expect(r.scenario.manifestFile).toBe('deployment.yaml');
    expect(r.scenario.actions.map((a) => (a.kind === 'kubectl' ? a.args.join(' ') : a.kind))).toEqual([
      'apply -f deployment.yaml',
    ]);
  });

  it('lists the supported kinds when it meets another kind', () => {
    expect(error('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\n').message).toBe(
      'Document 1 is a ConfigMap, which Podwalk does not simulate. Podwalk reads Pods, Deployments, ReplicaSets, StatefulSets, Nodes, Namespaces, RBAC objects ' +
        '(Role, ClusterRole, RoleBinding, ClusterRoleBinding), ResourceQuotas, LimitRanges, PriorityClasses, ' +
        'RuntimeClasses, Services, PodDisruptionBudgets, lists of them (List, PodList, NodeList) and one Podwalk Scenario (apiVersion: podwalk.dev/v1alpha1, kind: Scenario).',
    );
  });

  it('refuses a file with no Pod at all', () => {
    expect(error(NODE).message).toBe('There is no Pod here to apply: add one (kind: Pod).');
  });

  it('refuses a file whose only Pods are already bound', () => {
    expect(error(`${NODE}---\n${pod('a', '  nodeName: n1\n')}`).message).toMatch(
      /^Every Pod here has spec.nodeName/,
    );
  });

  it('points at a containers field that is not a list', () => {
    const e = error('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n    name: a\n');
    expect(formatParseError(e)).toBe(
      'Line 6, column 5: Document 1 (Pod x): spec.containers must be a list (lines starting with "- "), not a mapping.',
    );
    expect(e.field).toBe('spec.containers');
  });

  it('points at an image that is not a string inside a List item', () => {
    const e = error(
      `apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n  spec: {containers: [{name: c, image: 1}]}\n`,
    );
    expect(e).toMatchObject({ line: 5, column: 40, field: 'items[0].spec.containers[0].image' });
    expect(e.message).toBe(
      'Document 1, items[0] (Pod a): spec.containers[0].image must be a string, not the number 1.',
    );
  });

  it('suggests quotes for a label value YAML reads as a number', () => {
    const e = error('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n    version: 1.0\n');
    expect(e.message).toBe(
      'Document 1 (Pod x): metadata.labels.version must be a string, not the number 1; put it in quotes.',
    );
  });

  it('checks Node taints, unschedulable and capacity types', () => {
    const bad = (spec: string) =>
      error(`apiVersion: v1\nkind: Node\nmetadata: {name: n}\n${spec}---\n${POD}`).field;
    expect(bad('spec: {taints: {key: a}}\n')).toBe('spec.taints');
    expect(bad('spec: {unschedulable: "yes"}\n')).toBe('spec.unschedulable');
    expect(bad('status: {capacity: {cpu: [4]}}\n')).toBe('status.capacity.cpu');
  });

  it('refuses a text over 2 MB, saying its size', () => {
    const text = `${POD}#${'x'.repeat(5 * 1024 * 1024)}\n`;
    expect(error(text).message).toBe('The manifest is 5.0 MB; Podwalk accepts up to 2 MB.');
  });

  it('refuses more than 500 pods with a clear limit', () => {
    const text = Array.from({ length: 501 }, (_, i) => pod(`p${i}`)).join('---\n');
    expect(error(text)).toMatchObject({
      document: 501,
      message: 'Document 501: this text has more than 500 Pods; Podwalk simulates up to 500 at once.',
    });
  });

  it('accepts 500 pods', () => {
    const text = Array.from({ length: 500 }, (_, i) => pod(`p${i}`)).join('---\n');
    expect(ok(parseScenario(text)).scenario.manifests).toHaveLength(500);
  });
});

describe('cluster objects for the API server', () => {
  it('puts Namespaces, RBAC, quotas and LimitRanges into the cluster as written', () => {
    const text = `apiVersion: v1
kind: Namespace
metadata: {name: team-a, labels: {pod-security.kubernetes.io/enforce: restricted}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: team-a}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: q, namespace: team-a}
spec: {hard: {pods: "1"}}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: team-a}
spec: {containers: [{name: c, image: nginx:1.27}]}
`;
    const r = parseScenario(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.cluster.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['Namespace', 'Role', 'ResourceQuota']),
    );
    expect(r.scenario.manifests.map((o) => o.metadata.name)).toEqual(['p']);
  });
});
