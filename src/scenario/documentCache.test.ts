import { afterEach, describe, expect, it } from 'vitest';
import { PRESETS } from './presetTexts';
import { bigClusterText } from './clusterPresets';
import { parseScenario } from './parse';
import { keptDocuments, setDocumentCache } from './documentCache';

afterEach(() => setDocumentCache(true));

/** The result of a whole-text read, then of two cached reads (the first fills the cache, the second hits). */
function bothWays(text: string): { whole: string; filled: string; hit: string } {
  setDocumentCache(false);
  const whole = JSON.stringify(parseScenario(text));
  setDocumentCache(true);
  const filled = JSON.stringify(parseScenario(text));
  const hit = JSON.stringify(parseScenario(text));
  return { whole, filled, hit };
}

function expectSame(text: string): void {
  const { whole, filled, hit } = bothWays(text);
  expect(filled).toBe(whole);
  expect(hit).toBe(whole);
}

const NODE = (name: string, cpu = '"4"') => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
status:
  allocatable: {cpu: ${cpu}, memory: 8Gi, pods: "110"}`;
const POD = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources: {requests: {cpu: 250m}}`;

describe('reading documents through the cache gives what a whole-text read gives', () => {
  it('for every preset', () => {
    for (const p of PRESETS) expectSame(p.text);
  });

  it('for a 100-node cluster, and after an edit to one document', () => {
    const text = bigClusterText(100);
    expectSame(text);
    expect(keptDocuments()).toBe(102); // 100 Nodes, the Pod and the Scenario: the read went through the cache
    expectSame(text.replace(/cpu: 100m/, 'cpu: 150m'));
  });

  it('for errors in a later document, with their line, column and document', () => {
    const text = `${POD}\n---\n${NODE('a')}\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: [1]\n`;
    const { whole, filled, hit } = bothWays(text);
    expect((JSON.parse(whole) as { error: unknown }).error).toMatchObject({
      line: 20,
      column: 9,
      document: 3,
      field: 'metadata.name',
    });
    expect(filled).toBe(whole);
    expect(hit).toBe(whole);
    // The same bad document once its neighbours are cached.
    expectSame(`${POD}\n---\n${NODE('a')}\n---\napiVersion: v1\nkind: Node\nmetadata: {}\n`);
  });

  it('for texts the line split must not read on its own', () => {
    const cases = [
      `---\n${POD}\n---\n${NODE('a')}\n`, // a leading marker
      `# a comment\n---\n${POD}\n`, // a comment before the first marker
      `${POD}\n--- # a comment on the marker\n${NODE('a')}\n`,
      `${POD}\n--- {apiVersion: v1, kind: Node, metadata: {name: b}}\n`, // content on the marker line
      `%YAML 1.2\n---\n${POD}\n`,
      `${POD}\n...\n---\n${NODE('a')}\n`,
      `${POD}\n---\n`, // an empty last document
      `${POD}\n---\n${NODE('a')}\n`.replace(/\n/g, '\r\n'),
      `${POD}\n---\nkind: Node\nkind: Pod\n`, // a duplicate key
      `${POD}\n---\n${NODE('a')}\n  __proto__: {x: 1}\n`,
      `${POD}\n---\na: &x [1, 2]\nb: *x\n`,
    ];
    for (const text of cases) expectSame(text);
  });

  it('hands out copies: changing a parsed object does not change the next read', () => {
    const text = `${POD}\n---\n${NODE('a')}\n`;
    const first = parseScenario(text);
    if (!first.ok) throw new Error(first.error.message);
    first.scenario.manifests[0]!.metadata.name = 'changed';
    const second = parseScenario(text);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.scenario.manifests[0]!.metadata.name).toBe('web');
  });
});
