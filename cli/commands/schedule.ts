// `podwalk schedule`: one scheduling cycle per pod the scenario applies, without running the cluster.
// It feeds scheduleQueue what the scheduler machine's informers hold before the first pod arrives: every
// Node and every bound, non-terminal Pod of the scenario's cluster, in file order, with the machine's
// seeded random stream. Pods are placed one after another and each placed pod counts against its node
// for the next, as the scheduler's assume step does.
import {
  bindQueue,
  scheduleQueue,
  type Binding,
  type SchedulerListers,
  type SchedulingResult,
} from '../../src/sim/scheduler';
import { isTerminal, podKey } from '../../src/sim/scheduler/snapshot';
import { asNode, asPod, type Pod } from '../../src/sim/k8s/pod';
import type { Scenario } from '../../src/sim/scenario';
import { Random, seedFor } from '../../src/sim/time/random';
import type { Format } from '../args';

/** One decision in the shape of shared/scenarios/*.expected.json (without its `why`). */
export interface Decision {
  pod: string;
  node: string | null;
  acceptableNodes: string[];
  message: string | null;
  nodes: Record<string, { feasible: boolean; reasons: string[]; total: number | null }>;
}

function queueOf(scenario: Scenario): Parameters<typeof scheduleQueue>[0] {
  const nodes = scenario.cluster.filter((o) => o.kind === 'Node').map(asNode);
  const assigned: Pod[] = scenario.cluster
    .filter((o) => o.kind === 'Pod')
    .map(asPod)
    .filter((p) => Boolean(p.spec?.nodeName) && !isTerminal(p));
  // The same stream the scheduler machine draws its tie-breaks from (schedulerMachine's `rng`).
  const random = new Random(seedFor(scenario.seed, 'scheduler'));
  const pods = scenario.manifests.filter((o) => o.kind === 'Pod').map(asPod);
  // What the scheduler's other informers would hold: Services and PDBs from the cluster, ReplicaSets and
  // StatefulSets wherever they are written (PodTopologySpread's system defaults, DefaultPreemption).
  const all = [...scenario.cluster, ...scenario.manifests];
  const ofKind = <T>(kind: string): T[] => all.filter((o) => o.kind === kind) as unknown as T[];
  const listers: Partial<SchedulerListers> = {
    services: ofKind('Service'),
    replicaSets: ofKind('ReplicaSet'),
    statefulSets: ofKind('StatefulSet'),
    podDisruptionBudgets: ofKind('PodDisruptionBudget'),
  };
  const nominatedPods = pods.filter((p) => Boolean(p.status?.nominatedNodeName));
  return { nodes, assignedPods: assigned, pods, random: () => random.next(), listers, nominatedPods };
}

/** Where each of the scenario's pods goes, in queue order, without building per-node verdicts. */
export function scheduleBindings(scenario: Scenario): Binding[] {
  return bindQueue(queueOf(scenario));
}

export function scheduleScenario(scenario: Scenario): SchedulingResult[] {
  return scheduleQueue(queueOf(scenario)).map((d) => d.result());
}

export function toDecision(r: SchedulingResult): Decision {
  const nodes: Decision['nodes'] = {};
  for (const v of r.nodes) nodes[v.node] = { feasible: v.feasible, reasons: v.reasons, total: v.total };
  return { pod: r.pod, node: r.node, acceptableNodes: r.acceptableNodes, message: r.message, nodes };
}

function textOf(r: SchedulingResult, seed: number): string {
  const head =
    r.node === null
      ? `${r.pod}: unschedulable\n  ${r.message ?? ''}`
      : r.acceptableNodes.length > 1
        ? `${r.pod} → ${r.node} (tied with ${r.acceptableNodes.filter((n) => n !== r.node).join(', ')}; seed ${seed} broke the tie)`
        : `${r.pod} → ${r.node}`;
  const rows = [['NODE', 'FEASIBLE', 'TOTAL', 'WHY NOT'], ...r.nodes.map(rowOf)];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const table = rows.map((row) =>
    `  ${row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}`.trimEnd(),
  );
  return [head, ...table].join('\n');
}

type Verdict = SchedulingResult['nodes'][number];

/** The first failing plugin and its reasons; a node the search never reached says so. */
function whyNot(v: Verdict): string {
  if (v.failedPlugin !== null) return `${v.failedPlugin}: ${v.reasons.join(', ')}`;
  return v.examined ? '' : 'not examined';
}

function rowOf(v: Verdict): string[] {
  return [v.node, v.feasible ? 'yes' : 'no', v.total === null ? '-' : String(v.total), whyNot(v)];
}

/** One line per pod: `<namespace>/<name> <node>`, `Pending` when it fits nowhere (no verdicts built). */
function bindingsOf(scenario: Scenario): string {
  return scheduleBindings(scenario)
    .map((d) => `${podKey(d.pod)} ${d.node ?? 'Pending'}\n`)
    .join('');
}

export function scheduleCommand(scenario: Scenario, format: Format): string {
  if (format === 'bindings') return bindingsOf(scenario);
  const results = scheduleScenario(scenario);
  if (format === 'json') return JSON.stringify({ decisions: results.map(toDecision) }, null, 2) + '\n';
  return results.map((r) => textOf(r, scenario.seed)).join('\n\n') + '\n';
}
