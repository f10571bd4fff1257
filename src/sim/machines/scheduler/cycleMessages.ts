// Turns one scheduling decision into the self-messages the diagram shows for activities 7–10, each
// timed by the plugins it ran (0.1 ms per plugin per node).
import type { SimEvent } from '../../cluster/events';
import { note, type Cause } from '../../cluster/note';
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

/** One Filter message per examined node, in the order the scheduler examined them. */
export function filterMessages(podKey: string, r: SchedulingResult): Outgoing[] {
  let t = 0;
  return r.nodes
    .filter((n) => n.examined)
    .map((n) => {
      const ran = n.failedPlugin
        ? FILTER_PLUGINS.indexOf(n.failedPlugin as (typeof FILTER_PLUGINS)[number]) + 1
        : FILTER_PLUGINS.length;
      t += pluginDelay(Math.max(1, ran));
      const verdict = n.feasible ? 'feasible' : n.reasons.join(', ');
      return self(t, {
        type: 'scheduler.step',
        note: note(c(8, podKey), 'internal', `Filter ${n.node}: ${verdict}`, {
          node: n.node,
          feasible: n.feasible,
          plugin: n.failedPlugin,
          reasons: n.reasons,
          code: n.code,
        }),
        step: 'filter',
        podKey,
      });
    });
}

/** One Score message per feasible node (none when only one node is feasible: upstream skips scoring). */
export function scoreMessages(podKey: string, r: SchedulingResult): Outgoing[] {
  let t = 0;
  return r.nodes
    .filter((n) => n.total !== null)
    .map((n) => {
      t += pluginDelay(Math.max(1, n.scores.length));
      const parts = n.scores.filter((s) => s.weighted !== 0).map((s) => `${s.plugin} ${s.weighted}`);
      return self(t, {
        type: 'scheduler.step',
        note: note(
          c(9, podKey),
          'internal',
          `Score ${n.node}: ${n.total}${parts.length ? ` (${parts.join(' + ')})` : ''}`,
          {
            node: n.node,
            total: n.total,
            scores: n.scores,
          },
        ),
        step: 'score',
        podKey,
      });
    });
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
