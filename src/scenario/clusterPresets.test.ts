import { describe, expect, it } from 'vitest';
import { scheduleOne, type SchedulingResult } from '../sim/scheduler';
import { simulate } from '../sim/cluster/simulate';
import type { KubeObject, Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace/types';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { bigClusterText, CLUSTER_PRESETS } from './clusterPresets';
import { readFilters, readScores } from '../sim/scheduler/decisions';
import { MAX_BYTES, parseScenario } from './parse';
import { utf8Length } from './parse';

function parsed(text: string): Scenario {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(r.error.message);
  expect(r.warnings).toEqual([]);
  return r.scenario;
}

const text = (id: string): string => CLUSTER_PRESETS.find((p) => p.id === id)?.text ?? '';
const nodesOf = (s: Scenario): KubeObject[] => s.cluster.filter((o) => o.kind === 'Node');
/** The label of the select message (activity 10) of the first cycle. */
const selected = (t: Trace): string => t.messages.find((m) => m.activity === 10)?.label ?? '';

/** One scheduling cycle straight through the framework: fast even for 5,000 nodes. */
function scheduleDirect(s: Scenario): SchedulingResult {
  return scheduleOne({
    pod: s.manifests[0] as unknown as Pod,
    nodes: nodesOf(s) as unknown as Node[],
    assignedPods: s.cluster.filter((o) => o.kind === 'Pod') as unknown as Pod[],
    nextStartNodeIndex: 0,
    random: () => 0,
  });
}

describe('cluster presets', () => {
  it('have distinct ids, and each parses without warnings and applies one pending pod', () => {
    expect(new Set(CLUSTER_PRESETS.map((p) => p.id)).size).toBe(CLUSTER_PRESETS.length);
    for (const p of CLUSTER_PRESETS.filter((x) => !x.id.startsWith('big-')))
      expect(parsed(p.text).manifests).toHaveLength(1);
  });

  it('zoned: 3 zones × 2 nodes; topology spread rules out zone a and the emptiest other node wins', () => {
    const s = parsed(text('zoned'));
    const zones = nodesOf(s).map((n) => n.metadata.labels?.['topology.kubernetes.io/zone']);
    expect(zones).toEqual([
      'eu-west-1a',
      'eu-west-1a',
      'eu-west-1b',
      'eu-west-1b',
      'eu-west-1c',
      'eu-west-1c',
    ]);
    expect(selected(simulate(s))).toMatch(/^select zone-b-2;/);
  });

  it('gpu: only the tainted GPU node has nvidia.com/gpu, so it is the one feasible node', () => {
    const r = scheduleDirect(parsed(text('gpu')));
    expect(r.node).toBe('gpu-1');
    expect(r.nodes.filter((n) => !n.feasible).map((n) => n.reasons)).toEqual([
      ['Insufficient nvidia.com/gpu'],
      ['Insufficient nvidia.com/gpu'],
    ]);
    expect(r.nodes.every((n) => n.total === null)).toBe(true);
  });

  it('nearly full: cpu, memory and pod slots run out on three nodes; the pod fits only node-4', () => {
    const r = scheduleDirect(parsed(text('nearly-full')));
    expect(r.nodes.map((n) => [n.node, n.reasons])).toEqual([
      ['node-1', ['Insufficient cpu']],
      ['node-2', ['Insufficient memory']],
      ['node-3', ['Too many pods']],
      ['node-4', []],
    ]);
    expect(r.node).toBe('node-4');
  });

  it('bigClusterText(500) simulates; the search stops after 230 feasible nodes', () => {
    const s = parsed(bigClusterText(500));
    expect(nodesOf(s)).toHaveLength(500);
    const t = simulate(s);
    // 244 nodes examined: one Filter summary (and one Score summary) instead of a message per node.
    const filters = t.messages.filter((m) => m.activity === 8 && m.from === 'kube-scheduler');
    expect(filters.map((m) => m.label)).toEqual([
      'Filter: 230/244 nodes feasible; rejected: TaintToleration 10, NodeUnschedulable 4',
    ]);
    const verdicts = filters.flatMap(readFilters);
    expect(verdicts.filter((f) => f.feasible)).toHaveLength(230);
    expect(verdicts.length).toBeLessThan(500);
    const scores = t.messages.filter((m) => m.activity === 9 && m.from === 'kube-scheduler');
    expect(scores).toHaveLength(1);
    expect(scores.flatMap(readScores)).toHaveLength(230);
    expect(selected(t)).toMatch(/^select node-\d{4} \(tie among node-0007, /);
  }, 30_000);

  it('bigClusterText(5000) stays under the size limit and stops the search at 500 feasible nodes', () => {
    const big = bigClusterText(5000);
    expect(utf8Length(big)).toBeLessThan(MAX_BYTES);
    const r = scheduleDirect(parsed(big));
    expect(r.numFeasibleNodesToFind).toBe(500);
    expect(r.nodes.filter((n) => n.feasible)).toHaveLength(500);
    expect(r.examinedCount).toBeLessThan(600);
  }, 30_000);
});
