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
import { admittedPriority } from '../../src/sim/k8s/priority';
import { statusWithoutController } from '../../src/sim/machines/controllerManager/disruption';
import type { KubeObject } from '../../src/sim/scenario';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';

/**
 * One decision in the shape issue #3 gives and shared/scenarios/*.expected.json checks (without its `why`):
 * a preempting pod's has its nominated node and victims; a node the search never reached has
 * `evaluated: false` and no verdict.
 */
export interface Decision {
  pod: string;
  node: string | null;
  acceptableNodes: string[];
  message: string | null;
  nominatedNode: string | null;
  victims: string[];
  nodes: Record<string, NodeDecision>;
}

type NodeDecision =
  | { feasible: boolean; reasons: string[]; scores: Record<string, number>; total: number | null }
  | { evaluated: false };

/** Higher priority first, then order of appearance. upstream: queuesort/priority_sort.go Less */
function queueOrder(pods: Pod[]): Pod[] {
  return pods
    .map((pod, i) => ({ pod, i }))
    .sort((a, b) => (b.pod.spec?.priority ?? 0) - (a.pod.spec?.priority ?? 0) || a.i - b.i)
    .map((x) => x.pod);
}

function queueOf(scenario: Scenario): Parameters<typeof scheduleQueue>[0] {
  const nodes = scenario.cluster.filter((o) => o.kind === 'Node').map(asNode);
  // Taken as admitted: spec.priority as written, else from the PriorityClass (admission's Priority plugin).
  const classes = scenario.cluster.filter((o) => o.kind === 'PriorityClass');
  const assigned: Pod[] = scenario.cluster
    .filter((o) => o.kind === 'Pod')
    .map((o) => admittedPriority(asPod(o), classes))
    .filter((p) => Boolean(p.spec?.nodeName) && !isTerminal(p));
  // The same stream the scheduler machine draws its tie-breaks from (schedulerMachine's `rng`).
  const random = new Random(seedFor(scenario.seed, 'scheduler'));
  const pods = queueOrder(
    scenario.manifests.filter((o) => o.kind === 'Pod').map((o) => admittedPriority(asPod(o), classes)),
  );
  // What the scheduler's other informers would hold: Services and PDBs from the cluster, ReplicaSets and
  // StatefulSets wherever they are written (PodTopologySpread's system defaults, DefaultPreemption).
  const all = [...scenario.cluster, ...scenario.manifests];
  const ofKind = <T>(kind: string): T[] => all.filter((o) => o.kind === kind) as unknown as T[];
  const listers: Partial<SchedulerListers> = {
    services: ofKind('Service'),
    replicaSets: ofKind('ReplicaSet'),
    statefulSets: ofKind('StatefulSet'),
    // A PDB written without status gets the one the disruption controller computes (disruption.ts).
    podDisruptionBudgets: ofKind<KubeObject>('PodDisruptionBudget').map((pdb) => {
      const status = statusWithoutController(pdb, all);
      return (status ? { ...pdb, status } : pdb) as unknown as PodDisruptionBudget;
    }),
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

/** Whether the search reached the node: PreFilter-excluded nodes keep their verdict (they were judged). */
const unreached = (v: Verdict): boolean => !v.examined && v.failedPlugin === null && !v.feasible;

export function toDecision(r: SchedulingResult): Decision {
  const nodes: Decision['nodes'] = {};
  for (const v of r.nodes)
    nodes[v.node] = unreached(v)
      ? { evaluated: false }
      : {
          feasible: v.feasible,
          reasons: v.reasons,
          scores: Object.fromEntries(v.scores.map((s) => [s.plugin, s.weighted])),
          total: v.total,
        };
  const victims = r.preemption?.victims ?? null;
  return {
    pod: r.pod,
    node: r.node,
    acceptableNodes: r.acceptableNodes,
    message: r.message,
    nominatedNode: victims?.node ?? null,
    victims: victims?.pods ?? [],
    nodes,
  };
}

function textOf(r: SchedulingResult, seed: number): string {
  const head =
    r.node === null
      ? `${r.pod}: unschedulable\n  ${r.message ?? ''}${preempting(r)}`
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

/** DefaultPreemption's nomination, when it found victims. */
function preempting(r: SchedulingResult): string {
  const v = r.preemption?.victims;
  return v ? `\n  nominated ${v.node}; preempting ${v.pods.join(', ')}` : '';
}

/** The first failing plugin and its reasons; a node the search never reached says so. */
function whyNot(v: Verdict): string {
  if (v.failedPlugin !== null) return `${v.failedPlugin}: ${v.reasons.join(', ')}`;
  return v.examined ? '' : 'not examined';
}

function rowOf(v: Verdict): string[] {
  return [v.node, v.feasible ? 'yes' : 'no', v.total === null ? '-' : String(v.total), whyNot(v)];
}

/**
 * One line per pod: `<namespace>/<name> <node>`, `Pending` when it fits nowhere (no verdicts built); a
 * preempting pod's line is its final decision.
 */
function bindingsOf(scenario: Scenario): string {
  const last = new Map<string, string>();
  for (const d of scheduleBindings(scenario)) last.set(podKey(d.pod), d.node ?? 'Pending');
  return [...last].map(([pod, node]) => `${pod} ${node}\n`).join('');
}

export function scheduleCommand(scenario: Scenario, format: Format): string {
  if (format === 'bindings') return bindingsOf(scenario);
  const results = scheduleScenario(scenario);
  if (format === 'json') return JSON.stringify({ decisions: results.map(toDecision) }, null, 2) + '\n';
  return results.map((r) => textOf(r, scenario.seed)).join('\n\n') + '\n';
}
