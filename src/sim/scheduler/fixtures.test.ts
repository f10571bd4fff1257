import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { scheduleOne } from './index';

interface ExpectedNode {
  feasible: boolean;
  reasons: string[];
  total: number | null;
}
interface Expected {
  decisions: {
    pod: string;
    node: string | null;
    acceptableNodes: string[];
    message: string | null;
    nodes: Record<string, ExpectedNode>;
  }[];
}

const dir = fileURLToPath(new URL('./__fixtures__', import.meta.url));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

function load(name: string): { nodes: Node[]; bound: Pod[]; pending: Pod } {
  const objects = parseAllDocuments(readFileSync(join(dir, `${name}.yaml`), 'utf8'))
    .map((d) => d.toJS() as { kind?: string } | null)
    .filter((o): o is { kind?: string } => o !== null);
  const nodes = objects.filter((o) => o.kind === 'Node') as Node[];
  const pods = objects.filter((o) => o.kind === 'Pod') as Pod[];
  const pending = pods.find((p) => p.spec?.nodeName === undefined);
  if (pending === undefined) throw new Error(`${name}: no pending pod`);
  return { nodes, bound: pods.filter((p) => p !== pending), pending };
}

describe('shared scheduling scenarios', () => {
  it('covers all ten scenarios', () => {
    expect(names).toHaveLength(10);
  });

  for (const [name, optimised] of names.flatMap((n) => [[n, true] as const, [n, false] as const])) {
    it(`${name} matches the expected decision (${optimised ? 'optimised' : 'plain'} path)`, () => {
      const { nodes, bound, pending } = load(name);
      const expected = (JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expected)
        .decisions[0];
      const result = scheduleOne(
        {
          pod: pending,
          nodes,
          assignedPods: bound,
          nextStartNodeIndex: 0,
          random: () => 0,
        },
        { optimised },
      );
      expect(result.pod).toBe(expected?.pod);
      expect(result.acceptableNodes).toEqual(expected?.acceptableNodes);
      if (result.node !== null) expect(expected?.acceptableNodes).toContain(result.node);
      else expect(expected?.node).toBeNull();
      expect(result.message).toBe(expected?.message);
      const actual = Object.fromEntries(
        result.nodes.map((v) => [v.node, { feasible: v.feasible, reasons: v.reasons, total: v.total }]),
      );
      expect(actual).toEqual(expected?.nodes);
    });
  }
});
