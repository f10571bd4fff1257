import { describe, expect, it } from 'vitest';
import type { CycleDecisions, FilterDecision, ScoreDecision } from '../../sim/scheduler/decisions';
import { MAX_ROWS, schedulingView } from './viewModel';

const feasible = (seq: number, node: string): FilterDecision => ({
  seq,
  node,
  feasible: true,
  plugin: null,
  reasons: [],
  code: null,
});
const rejected = (seq: number, node: string): FilterDecision => ({
  seq,
  node,
  feasible: false,
  plugin: 'TaintToleration',
  reasons: ['node(s) had untolerated taint(s)'],
  code: 'UnschedulableAndUnresolvable',
});
const score = (seq: number, node: string, fit: number): ScoreDecision => ({
  seq,
  node,
  total: 300 + fit,
  scores: [
    { plugin: 'TaintToleration', raw: 0, normalized: 100, weight: 3, weighted: 300 },
    { plugin: 'NodeResourcesFit', raw: fit, normalized: fit, weight: 1, weighted: fit },
  ],
});

/** seq 10 PreFilter; 11–13 Filter cp, w1, w2; 14–15 Score w1, w2; 16 select. */
function cycle(over: Partial<CycleDecisions> = {}): CycleDecisions {
  return {
    pod: 'default/nginx',
    preFilterSeq: 10,
    preFilter: [{ plugin: 'NodeAffinity', result: 'Skip' }],
    filters: [rejected(11, 'cp'), feasible(12, 'w1'), feasible(13, 'w2')],
    scores: [score(14, 'w1', 80), score(15, 'w2', 90)],
    select: { seq: 16, node: 'w2', acceptableNodes: ['w2'], message: null },
    nodes: ['cp', 'w1', 'w2'],
    numFeasibleNodesToFind: 3,
    ...over,
  };
}

describe('schedulingView', () => {
  it('shows every examined node as pending while only the PreFilter message is delivered', () => {
    const v = schedulingView(cycle(), 10);
    expect(v.phase).toBe('filtering');
    expect(v.rows.map((r) => [r.node, r.filter])).toEqual([
      ['cp', 'pending'],
      ['w1', 'pending'],
      ['w2', 'pending'],
    ]);
    expect(v.examined).toEqual({ done: 0, of: 3 });
  });

  it('fills verdicts in as the playhead passes each Filter message, reasons verbatim with their code', () => {
    const v = schedulingView(cycle(), 12);
    expect(v.rows[0]).toMatchObject({
      filter: 'rejected',
      plugin: 'TaintToleration',
      reasons: 'node(s) had untolerated taint(s)',
      code: 'UnschedulableAndUnresolvable',
    });
    expect(v.rows[1]).toMatchObject({ filter: 'feasible', scoring: 'pending' });
    expect(v.rows[2]?.filter).toBe('pending');
  });

  it('adds score columns in plugin order and each node total once its Score message is delivered', () => {
    const v = schedulingView(cycle(), 14);
    expect(v.phase).toBe('scoring');
    expect(v.scorePlugins).toEqual(['TaintToleration', 'NodeResourcesFit']);
    expect(v.rows[1]?.scores?.map((c) => c?.weighted)).toEqual([300, 80]);
    expect(v.rows[1]?.total).toBe(380);
    expect(v.rows[2]).toMatchObject({ total: null, scoring: 'pending' });
    expect(v.rows[1]?.scores?.[1]?.detail).toBe('NodeResourcesFit: raw 80, normalized 80 × weight 1 = 80');
  });

  it('marks the selected node only once the select message is delivered', () => {
    expect(schedulingView(cycle(), 15).selected).toBeNull();
    const v = schedulingView(cycle(), 16);
    expect(v.phase).toBe('scheduled');
    expect(v.rows.filter((r) => r.selected).map((r) => r.node)).toEqual(['w2']);
    expect(v.tiedWith).toEqual([]);
  });

  it('notes a tie among equally scored nodes', () => {
    const c = cycle({ select: { seq: 16, node: 'w1', acceptableNodes: ['w1', 'w2'], message: null } });
    const v = schedulingView(c, 16);
    expect(v.tiedWith).toEqual(['w1', 'w2']);
    expect(v.rows.filter((r) => r.tied).map((r) => r.node)).toEqual(['w1', 'w2']);
  });

  it('says scoring was skipped when a single node is feasible', () => {
    const c = cycle({
      filters: [rejected(11, 'cp'), feasible(12, 'w1')],
      scores: [],
      select: { seq: 13, node: 'w1', acceptableNodes: ['w1'], message: null },
      nodes: ['cp', 'w1'],
    });
    const v = schedulingView(c, 13);
    expect(v.scoringSkipped).toBe(true);
    expect(v.scorePlugins).toEqual([]);
  });

  it('carries the FailedScheduling message verbatim once the cycle has failed', () => {
    const message =
      '0/1 nodes are available: 1 node(s) had untolerated taint(s). no new claims to deallocate';
    const c = cycle({
      filters: [rejected(11, 'cp')],
      scores: [],
      select: { seq: 12, node: null, acceptableNodes: [], message },
      nodes: ['cp'],
    });
    expect(schedulingView(c, 11).message).toBeNull();
    expect(schedulingView(c, 12)).toMatchObject({ phase: 'unschedulable', message });
  });

  it('counts the nodes percentageOfNodesToScore left unexamined', () => {
    const filters = Array.from({ length: 500 }, (_, i) => feasible(11 + i, `n-${i}`));
    const nodes = Array.from({ length: 5000 }, (_, i) => `n-${i}`);
    const v = schedulingView(
      cycle({ filters, scores: [], select: null, nodes, numFeasibleNodesToFind: 500 }),
      11,
    );
    expect(v.notExamined).toEqual({
      count: 4500,
      reason: 'percentageOfNodesToScore stopped at 500',
    });
    expect(v.rows).toHaveLength(500);
  });

  it(`lists at most ${MAX_ROWS} rows, keeping the selected one`, () => {
    const filters = Array.from({ length: 2000 }, (_, i) => rejected(11 + i, `n-${i}`));
    filters.push(feasible(3000, 'last'));
    const select = { seq: 3001, node: 'last', acceptableNodes: ['last'], message: null };
    const v = schedulingView(cycle({ filters, scores: [], select, nodes: [] }), 3001);
    expect(v.rows).toHaveLength(MAX_ROWS + 1);
    expect(v.rows.at(-1)?.node).toBe('last');
    expect(v.hiddenRows).toBe(2001 - MAX_ROWS - 1);
  });
});
