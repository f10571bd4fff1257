import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_TEXT, join, locate, split } from './manifestParts';
import { parseScenario } from '../../scenario';

const POD =
  '# my pod\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27';
const NODE = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1';
const BOUND =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  nodeName: n1\n  containers:\n  - name: db\n    image: postgres';

describe('manifest parts', () => {
  it('puts unbound pods in the Pod tab and nodes and bound pods in the Cluster tab, keeping comments', () => {
    const parts = split(`${NODE}\n---\n${POD}\n---\n${BOUND}\n`);
    expect(parts.pod).toBe(POD);
    expect(parts.cluster).toBe(`${NODE}\n---\n${BOUND}`);
  });

  it('joins the two tabs back into one manifest that parses to the same scenario', () => {
    const text = `${NODE}\n---\n${POD}\n`;
    const again = join(split(text));
    expect(again).toBe(`${POD}\n---\n${NODE}\n`);
    const a = parseScenario(text);
    const b = parseScenario(again);
    expect(a.ok && b.ok && a.scenario.cluster.length === b.scenario.cluster.length).toBe(true);
  });

  it('has an empty cluster part when the manifest names no cluster, and a default to show', () => {
    expect(split(POD).cluster).toBe('');
    expect(join({ pod: POD, cluster: '' })).toBe(`${POD}\n`);
    const withDefault = parseScenario(join({ pod: POD, cluster: DEFAULT_CLUSTER_TEXT }));
    expect(
      withDefault.ok &&
        withDefault.scenario.cluster.filter((o) => o.kind === 'Node').map((o) => o.metadata.name),
    ).toEqual(['control-plane', 'worker-1', 'worker-2']);
  });

  it('keeps broken YAML in the Pod tab', () => {
    expect(split('kind: Pod\nmetadata: [oops\n').pod).toContain('[oops');
  });

  it('maps a line of the whole text to its tab and line', () => {
    const text = `${NODE}\n---\n${POD}\n`;
    expect(locate(text, 2)).toEqual({ part: 'cluster', line: 2 });
    expect(locate(text, 6)).toEqual({ part: 'pod', line: 1 });
  });
});
