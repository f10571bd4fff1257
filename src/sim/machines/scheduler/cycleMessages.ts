// Turns one scheduling decision into the self-messages the diagram shows for activities 7–10, each
// timed by the plugins it ran (0.1 ms per plugin per node).
import type { SimEvent } from '../../cluster/events';
import { note, type Cause, type Note } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { SCHEDULER } from '../../cluster/systemIds';
import { LATENCY, type LatencyName } from '../../time/latencies';
import { roundMs } from '../../time/clock';
import type { SchedulingResult } from '../../scheduler';

/** Filter plugins of the default profile, in order (scheduler.md §2). */
export const FILTER_PLUGINS = [
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
  'VolumeRestrictions',
  'NodeVolumeLimits',
  'VolumeBinding',
  'VolumeZone',
  'PodTopologySpread',
  'InterPodAffinity',
] as const;

const c = (activity: number, pod: string): Cause => ({ activity, phase: 'Schedule', pod });

function self(delay: number, ev: SimEvent): Outgoing {
  return { to: SCHEDULER, delay: roundMs(delay), event: ev };
}

function pluginDelay(n: number, name: LatencyName = 'schedulingPlugin'): number {
  return n * LATENCY[name];
}

export function preFilterMessage(podKey: string, r: SchedulingResult): Outgoing {
  const label = `PreFilter: ${r.preFilter.map((p) => `${p.plugin} ${p.result}`).join('; ') || 'all plugins passed'}`;
  return self(pluginDelay(FILTER_PLUGINS.length), {
    type: 'scheduler.step',
    note: note(c(7, podKey), 'internal', label, { preFilter: r.preFilter }),
    step: 'preFilter',
    podKey,
  });
}

/**
 * Up to this many examined nodes, Filter and Score send one self-message per node. Beyond it (a 100-node
 * cluster sends 200 of them per pod, unreadable in the diagram and most of a big run's messages) each step
 * is one message that sums it up; its detail keeps every node's verdict, so the Scheduling tab still lists
 * them all (decisions.ts reads both shapes). The summary arrives when the last per-node message would have.
 */
export const PER_NODE_MESSAGES_MAX = 8;

function filterDetail(n: SchedulingResult['nodes'][number]): Record<string, unknown> {
  return { node: n.node, feasible: n.feasible, plugin: n.failedPlugin, reasons: n.reasons, code: n.code };
}

function filterNote(podKey: string, n: SchedulingResult['nodes'][number]) {
  const verdict = n.feasible ? 'feasible' : n.reasons.join(', ');
  return note(c(8, podKey), 'internal', `Filter ${n.node}: ${verdict}`, filterDetail(n));
}

/** `Filter: 97/100 nodes feasible; rejected: NodeResourcesFit 3` */
function filterSummary(podKey: string, examined: SchedulingResult['nodes']) {
  const feasible = examined.filter((n) => n.feasible).length;
  const rejectedBy = new Map<string, number>();
  for (const n of examined)
    if (!n.feasible)
      rejectedBy.set(n.failedPlugin ?? 'Filter', (rejectedBy.get(n.failedPlugin ?? 'Filter') ?? 0) + 1);
  const rejected = [...rejectedBy].map(([plugin, count]) => `${plugin} ${count}`).join(', ');
  const label = `Filter: ${feasible}/${examined.length} nodes feasible${rejected ? `; rejected: ${rejected}` : ''}`;
  return note(c(8, podKey), 'internal', label, {
    examined: examined.length,
    feasible,
    nodes: examined.map(filterDetail),
  });
}

/** One Filter message per examined node, in the order the scheduler examined them (or one summary). */
export function filterMessages(podKey: string, r: SchedulingResult): Outgoing[] {
  let t = 0;
  const examined = r.nodes.filter((n) => n.examined);
  const delays = examined.map((n) => {
    const ran = n.failedPlugin
      ? FILTER_PLUGINS.indexOf(n.failedPlugin as (typeof FILTER_PLUGINS)[number]) + 1
      : FILTER_PLUGINS.length;
    t += pluginDelay(Math.max(1, ran));
    return t;
  });
  const step = (delay: number, n: Note): Outgoing =>
    self(delay, { type: 'scheduler.step', note: n, step: 'filter', podKey });
  if (examined.length > PER_NODE_MESSAGES_MAX) return [step(t, filterSummary(podKey, examined))];
  return examined.map((n, i) => step(delays[i]!, filterNote(podKey, n)));
}

function scoreLabel(n: SchedulingResult['nodes'][number]): string {
  const parts = n.scores.filter((s) => s.weighted !== 0).map((s) => `${s.plugin} ${s.weighted}`);
  return `Score ${n.node}: ${n.total}${parts.length ? ` (${parts.join(' + ')})` : ''}`;
}

const scoreDetail = (n: SchedulingResult['nodes'][number]) => ({
  node: n.node,
  total: n.total,
  scores: n.scores,
});

/** How many of the best nodes a Score summary names. */
const SUMMARY_TOP = 3;

/** `Score 97 nodes: node-7 300, node-3 298, node-12 298, …` (best first; ties in examination order). */
function scoreSummary(podKey: string, scored: SchedulingResult['nodes']) {
  const best = [...scored].sort((a, b) => (b.total ?? 0) - (a.total ?? 0)).slice(0, SUMMARY_TOP);
  const top = best.map((n) => `${n.node} ${n.total}`).join(', ');
  const label = `Score ${scored.length} nodes: ${top}${scored.length > SUMMARY_TOP ? ', …' : ''}`;
  return note(c(9, podKey), 'internal', label, { scored: scored.length, nodes: scored.map(scoreDetail) });
}

/** One Score message per feasible node (none when only one node is feasible: upstream skips scoring). */
export function scoreMessages(podKey: string, r: SchedulingResult): Outgoing[] {
  let t = 0;
  const scored = r.nodes.filter((n) => n.total !== null);
  const delays = scored.map((n) => (t += pluginDelay(Math.max(1, n.scores.length))));
  const step = (delay: number, n: Note): Outgoing =>
    self(delay, { type: 'scheduler.step', note: n, step: 'score', podKey });
  if (scored.length > PER_NODE_MESSAGES_MAX) return [step(t, scoreSummary(podKey, scored))];
  return scored.map((n, i) =>
    step(delays[i]!, note(c(9, podKey), 'internal', scoreLabel(n), scoreDetail(n))),
  );
}

export function selectMessage(podKey: string, r: SchedulingResult): Outgoing {
  const victims = r.preemption?.victims;
  const label = r.node
    ? `select ${r.node}${r.acceptableNodes.length > 1 ? ` (tie among ${r.acceptableNodes.join(', ')}, seeded pick)` : ''}; Reserve, Permit, assume`
    : victims
      ? `no node fits: ${r.message ?? ''} PostFilter DefaultPreemption: nominate ${victims.node}, preempt ${victims.pods.join(', ')}`
      : `no node fits: ${r.message ?? ''}`;
  return self(LATENCY.schedulingPlugin, {
    type: 'scheduler.step',
    note: note(c(10, podKey), 'internal', label, {
      node: r.node,
      acceptableNodes: r.acceptableNodes,
      message: r.message,
      ...(victims ? { preemption: r.preemption } : {}),
    }),
    step: 'select',
    podKey,
  });
}
