import { describe, expect, it } from 'vitest';
import { scheduleOne } from '../../scheduler';
import { node, pod, fixedRandom } from '../../scheduler/testkit';
import { readFilters, readScores } from '../../scheduler/decisions';
import type { TraceMessage } from '../../trace/types';
import { filterMessages, PER_NODE_MESSAGES_MAX, scoreMessages } from './cycleMessages';
import type { Outgoing } from '../../cluster/outbox';

/** n nodes; the last two have too little CPU for the pod. */
function cycle(n: number) {
  const nodes = Array.from({ length: n }, (_, i) =>
    node(`node-${i + 1}`, { cpu: i >= n - 2 ? '100m' : '4' }),
  );
  return scheduleOne({
    pod: pod('web', { requests: { cpu: '500m' } }),
    nodes,
    assignedPods: [],
    random: fixedRandom(0),
    nextStartNodeIndex: 0,
  });
}

/** The message the trace would record for an outgoing self-message. */
const asMessage = (o: Outgoing, seq: number): TraceMessage => {
  const n = o.event.note;
  return {
    seq,
    t: o.delay,
    from: 'kube-scheduler',
    to: 'kube-scheduler',
    fromActor: 'scheduler',
    toActor: 'scheduler',
    activity: n.activity,
    phase: n.phase,
    pod: n.pod,
    kind: n.kind,
    label: n.label,
    detail: n.detail,
  };
};

describe('Filter and Score self-messages', () => {
  it(`sends one per node up to ${PER_NODE_MESSAGES_MAX} nodes`, () => {
    const r = cycle(PER_NODE_MESSAGES_MAX);
    const filters = filterMessages('default/web', r);
    expect(filters.map((o) => o.event.note.label)).toEqual([
      ...Array.from({ length: 6 }, (_, i) => `Filter node-${i + 1}: feasible`),
      'Filter node-7: Insufficient cpu',
      'Filter node-8: Insufficient cpu',
    ]);
    expect(scoreMessages('default/web', r)).toHaveLength(6);
  });

  it('sums a bigger cycle up in one Filter and one Score message, keeping every node in the detail', () => {
    const r = cycle(12);
    const perNode = r.nodes.filter((n) => n.examined);
    const filters = filterMessages('default/web', r);
    expect(filters.map((o) => o.event.note.label)).toEqual([
      'Filter: 10/12 nodes feasible; rejected: NodeResourcesFit 2',
    ]);
    const verdicts = readFilters(asMessage(filters[0]!, 1));
    expect(verdicts.map((v) => [v.node, v.feasible, v.reasons])).toEqual(
      perNode.map((n) => [n.node, n.feasible, n.reasons]),
    );
    const scores = scoreMessages('default/web', r);
    expect(scores).toHaveLength(1);
    expect(scores[0]!.event.note.label).toMatch(
      /^Score 10 nodes: node-\d+ \d+, node-\d+ \d+, node-\d+ \d+, …$/,
    );
    expect(readScores(asMessage(scores[0]!, 2)).map((s) => s.node)).toEqual(
      r.nodes.filter((n) => n.total !== null).map((n) => n.node),
    );
  });

  it('delivers a summary when the last per-node message would have arrived', () => {
    const r = cycle(12);
    const perNodeFilterMs = r.nodes
      .filter((n) => n.examined)
      .reduce((t, n) => t + (n.feasible ? 12 : 6) * 0.1, 0);
    expect(filterMessages('default/web', r)[0]!.delay).toBeCloseTo(perNodeFilterMs, 3);
  });
});
