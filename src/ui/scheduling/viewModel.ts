// What the Scheduling panel shows at a playhead, as plain data: one row per examined node, filled in as
// the playhead passes each Filter and Score message. The component only draws this.
import type { CycleDecisions, FilterDecision, ScoreDecision } from '../../sim/scheduler/decisions';

/** More rows than this are summarised in one line (a 5,000-node cycle that filters every node). */
export const MAX_ROWS = 600;

export interface ScoreCell {
  plugin: string;
  weighted: number;
  /** raw → normalised × weight, for the cell's title. */
  detail: string;
}

export interface RowView {
  node: string;
  /** 'pending': the playhead has not reached this node's Filter message yet. */
  filter: 'pending' | 'feasible' | 'rejected';
  plugin: string | null;
  reasons: string;
  code: string | null;
  /** Per score column (null where the node has no score for that plugin, or no score yet). */
  scores: (ScoreCell | null)[] | null;
  total: number | null;
  /** Scored, or waiting for its Score message. */
  scoring: 'none' | 'pending' | 'scored';
  selected: boolean;
  tied: boolean;
}

export type PanelPhase = 'filtering' | 'scoring' | 'scheduled' | 'unschedulable';

export interface PanelView {
  pod: string;
  phase: PanelPhase;
  preFilter: { plugin: string; result: string }[];
  /** The FailedScheduling message, verbatim, once the cycle has failed. */
  message: string | null;
  /** DefaultPreemption's nomination, once the failed cycle's PostFilter found victims. */
  preemption: { node: string; pods: string[] } | null;
  scorePlugins: string[];
  rows: RowView[];
  selected: string | null;
  tiedWith: string[];
  /** One feasible node: upstream binds it without scoring. */
  scoringSkipped: boolean;
  examined: { done: number; of: number };
  /** Examined rows left out of the table (beyond MAX_ROWS). */
  hiddenRows: number;
  /** Nodes this cycle never examined, and why. */
  notExamined: { count: number; reason: string } | null;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Column labels short enough for a side panel; the legend and the header's title give the full names. */
const SHORT: Record<string, string> = {
  TaintToleration: 'Taint',
  NodeAffinity: 'Aff',
  NodeResourcesFit: 'Fit',
  PodTopologySpread: 'Spread',
  InterPodAffinity: 'IPA',
  NodeResourcesBalancedAllocation: 'Bal',
  ImageLocality: 'Img',
};

export const shortPluginName = (plugin: string): string => SHORT[plugin] ?? plugin;

function scoreCells(plugins: string[], score: ScoreDecision | undefined): (ScoreCell | null)[] | null {
  if (score === undefined) return null;
  return plugins.map((plugin) => {
    const s = score.scores.find((p) => p.plugin === plugin);
    if (s === undefined) return null;
    return {
      plugin,
      weighted: s.weighted,
      detail: `${plugin}: raw ${s.raw}, normalized ${s.normalized} × weight ${s.weight} = ${s.weighted}`,
    };
  });
}

interface RowContext {
  delivered: number;
  plugins: string[];
  scores: Map<string, ScoreDecision>;
  willScore: Set<string>;
  selected: string | null;
  tied: Set<string>;
}

function row(f: FilterDecision, ctx: RowContext): RowView {
  const seen = f.seq <= ctx.delivered;
  const score = ctx.scores.get(f.node);
  const scored = score !== undefined && score.seq <= ctx.delivered;
  return {
    node: f.node,
    filter: !seen ? 'pending' : f.feasible ? 'feasible' : 'rejected',
    plugin: seen ? f.plugin : null,
    reasons: seen ? f.reasons.join(', ') : '',
    code: seen ? f.code : null,
    scores: scored ? scoreCells(ctx.plugins, score) : null,
    total: scored ? score.total : null,
    scoring: scored ? 'scored' : seen && ctx.willScore.has(f.node) ? 'pending' : 'none',
    selected: ctx.selected === f.node,
    tied: ctx.tied.has(f.node),
  };
}

/** Score columns: the plugins of the delivered Score messages, in the order they ran. */
function scorePlugins(scores: ScoreDecision[]): string[] {
  const out: string[] = [];
  for (const s of scores) for (const p of s.scores) if (!out.includes(p.plugin)) out.push(p.plugin);
  return out;
}

function notExaminedReason(c: CycleDecisions, feasible: number): string {
  if (c.nominatedNode && c.filters.length === 1 && c.filters[0]?.node === c.nominatedNode)
    return `the pod tried only ${c.nominatedNode}, the node its preemption nominated, and fits there`;
  const nodeAffinity = c.preFilter.find((p) => p.plugin === 'NodeAffinity')?.result ?? '';
  if (c.filters.length === 0 && c.select?.message) return 'PreFilter rejected the pod';
  if (nodeAffinity.startsWith('matchFields')) return "outside NodeAffinity's PreFilter result";
  if (c.nodes.length >= 100 && feasible >= c.numFeasibleNodesToFind)
    return `percentageOfNodesToScore stopped at ${fmt(c.numFeasibleNodesToFind)}`;
  return 'the search ended before them';
}

function notExamined(c: CycleDecisions): PanelView['notExamined'] {
  const count = c.nodes.length - c.filters.length;
  if (count <= 0) return null;
  const feasible = c.filters.filter((f) => f.feasible).length;
  return { count, reason: notExaminedReason(c, feasible) };
}

/** Keeps the first MAX_ROWS rows in examination order, and the selected and tied rows wherever they are. */
function capRows(rows: RowView[]): RowView[] {
  if (rows.length <= MAX_ROWS) return rows;
  return rows.filter((r, i) => i < MAX_ROWS || r.selected || r.tied);
}

function phaseOf(c: CycleDecisions, delivered: number, selectSeen: boolean): PanelPhase {
  if (selectSeen) return c.select?.node ? 'scheduled' : 'unschedulable';
  return c.scores.some((s) => s.seq <= delivered) ? 'scoring' : 'filtering';
}

export function schedulingView(c: CycleDecisions, delivered: number): PanelView {
  const selectSeen = c.select !== null && c.select.seq <= delivered;
  const delivScores = c.scores.filter((s) => s.seq <= delivered);
  const selected = selectSeen ? (c.select?.node ?? null) : null;
  const acceptable = selectSeen ? (c.select?.acceptableNodes ?? []) : [];
  const tied = acceptable.length > 1 ? acceptable : [];
  const ctx: RowContext = {
    delivered,
    plugins: scorePlugins(delivScores),
    scores: new Map(c.scores.map((s) => [s.node, s])),
    willScore: new Set(c.scores.map((s) => s.node)),
    selected,
    tied: new Set(tied),
  };
  const all = c.filters.map((f) => row(f, ctx));
  const rows = capRows(all);
  const feasibleCount = c.filters.filter((f) => f.feasible).length;
  return {
    pod: c.pod,
    phase: phaseOf(c, delivered, selectSeen),
    preFilter: c.preFilter,
    message: selectSeen ? (c.select?.message ?? null) : null,
    preemption: selectSeen ? (c.select?.preemption ?? null) : null,
    scorePlugins: ctx.plugins,
    rows,
    selected,
    tiedWith: tied,
    scoringSkipped: selectSeen && selected !== null && feasibleCount === 1 && c.scores.length === 0,
    examined: { done: c.filters.filter((f) => f.seq <= delivered).length, of: c.filters.length },
    hiddenRows: all.length - rows.length,
    notExamined: notExamined(c),
  };
}

export { fmt as formatCount };
