// The scheduling cycle a trace shows at a playhead, read back from the scheduler's self-messages
// (activities 7–10, see machines/scheduler/cycleMessages.ts). Pure, so the page and tests read it alike.
// Messages after the playhead are included, each with its seq, so a view can tell "decided" from "coming".
import type { TraceMessage, Trace } from '../trace/types';
import { numFeasibleNodesToFind } from './index';
import type { PluginScore, StatusCode } from './types';

export interface FilterDecision {
  seq: number;
  node: string;
  feasible: boolean;
  plugin: string | null;
  reasons: string[];
  code: StatusCode | null;
}

export interface ScoreDecision {
  seq: number;
  node: string;
  total: number;
  scores: PluginScore[];
}

export interface SelectDecision {
  seq: number;
  node: string | null;
  acceptableNodes: string[];
  /** The FailedScheduling message; null on success. */
  message: string | null;
  /** DefaultPreemption's nominated node and victims, when it found some. */
  preemption?: { node: string; pods: string[] } | null;
}

export interface CycleDecisions {
  pod: string;
  preFilterSeq: number;
  preFilter: { plugin: string; result: string }[];
  /** Every node the cycle examined, in examination order. */
  filters: FilterDecision[];
  scores: ScoreDecision[];
  select: SelectDecision | null;
  /** Nodes in the cluster (the scenario's Nodes, plus any node a Filter message names). */
  nodes: string[];
  /** How many feasible nodes the search looks for before it stops (percentageOfNodesToScore). */
  numFeasibleNodesToFind: number;
  /**
   * The node an earlier cycle's preemption nominated: this cycle tried it alone first.
   * upstream: pkg/scheduler/schedule_one.go evaluateNominatedNode
   */
  nominatedNode?: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const isCode = (v: unknown): v is StatusCode => v === 'Unschedulable' || v === 'UnschedulableAndUnresolvable';

function isScore(v: unknown): v is PluginScore {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.plugin === 'string' && typeof s.weighted === 'number';
}

/** A Filter or Score summary (more nodes than per-node messages are sent for) lists them in detail.nodes. */
function entries(m: TraceMessage): Record<string, unknown>[] {
  const list = m.detail.nodes;
  if (!Array.isArray(list)) return [m.detail];
  return list.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null);
}

/** Every node verdict a Filter message carries (one, or all of a summary's), in examination order. */
export function readFilters(m: TraceMessage): FilterDecision[] {
  return entries(m).flatMap((d) => readFilter(m.seq, d) ?? []);
}

/** Every node score a Score message carries. */
export function readScores(m: TraceMessage): ScoreDecision[] {
  return entries(m).flatMap((d) => readScore(m.seq, d) ?? []);
}

function readFilter(seq: number, d: Record<string, unknown>): FilterDecision | null {
  const node = str(d.node);
  if (node === null) return null;
  return {
    seq,
    node,
    feasible: d.feasible === true,
    plugin: str(d.plugin),
    reasons: strs(d.reasons),
    code: isCode(d.code) ? d.code : null,
  };
}

function readScore(seq: number, d: Record<string, unknown>): ScoreDecision | null {
  const node = str(d.node);
  if (node === null || typeof d.total !== 'number') return null;
  return {
    seq,
    node,
    total: d.total,
    scores: Array.isArray(d.scores) ? d.scores.filter(isScore) : [],
  };
}

function readPreemption(v: unknown): SelectDecision['preemption'] {
  const victims = (v as { victims?: { node?: unknown; pods?: unknown } } | null | undefined)?.victims;
  const node = str(victims?.node);
  return node === null ? null : { node, pods: strs(victims?.pods) };
}

function readSelect(m: TraceMessage): SelectDecision {
  const d = m.detail;
  return {
    seq: m.seq,
    node: str(d.node),
    acceptableNodes: strs(d.acceptableNodes),
    message: str(d.message),
    preemption: readPreemption(d.preemption),
  };
}

/** The node the pod's latest preemption before `index` nominated, if any. */
function nominatedBefore(trace: Trace, index: number, pod: string): string | null {
  for (let i = index - 1; i >= 0; i--) {
    const m = trace.messages[i];
    if (m === undefined || m.activity !== 10 || !isCycleStep(m, pod)) continue;
    return readPreemption(m.detail.preemption)?.node ?? null;
  }
  return null;
}

function readPreFilter(m: TraceMessage): { plugin: string; result: string }[] {
  const list = Array.isArray(m.detail.preFilter) ? (m.detail.preFilter as unknown[]) : [];
  return list.flatMap((p) => {
    const e = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
    const plugin = str(e.plugin);
    return plugin === null ? [] : [{ plugin, result: str(e.result) ?? '' }];
  });
}

/** The names of the scenario's Nodes, in scenario order. */
export function clusterNodes(trace: Trace): string[] {
  return trace.scenario.cluster.filter((o) => o.kind === 'Node').map((o) => o.metadata.name ?? '');
}

const isCycleStep = (m: TraceMessage, pod: string): boolean =>
  m.pod === pod && m.from === 'kube-scheduler' && m.to === 'kube-scheduler';

/** The messages of one cycle: from its PreFilter message up to its select message (or the next PreFilter). */
function cycleMessages(trace: Trace, startIndex: number, pod: string): TraceMessage[] {
  const out: TraceMessage[] = [];
  for (let i = startIndex + 1; i < trace.messages.length; i++) {
    const m = trace.messages[i];
    if (m === undefined || !isCycleStep(m, pod)) continue;
    if (m.activity === 7) break;
    if (m.activity === 8 || m.activity === 9 || m.activity === 10) out.push(m);
    if (m.activity === 10) break;
  }
  return out;
}

/** The latest scheduling cycle of `pod` whose PreFilter message is at or before the playhead. */
export function cycleAt(trace: Trace, delivered: number, pod: string): CycleDecisions | null {
  let start = -1;
  for (let i = 0; i < trace.messages.length; i++) {
    const m = trace.messages[i];
    if (m === undefined || m.seq > delivered) break;
    if (m.activity === 7 && isCycleStep(m, pod)) start = i;
  }
  const first = trace.messages[start];
  if (first === undefined) return null;
  const rest = cycleMessages(trace, start, pod);
  const filters = rest.filter((m) => m.activity === 8).flatMap(readFilters);
  const scores = rest.filter((m) => m.activity === 9).flatMap(readScores);
  const selectMsg = rest.find((m) => m.activity === 10);
  const nodes = clusterNodes(trace);
  const known = new Set(nodes);
  for (const f of filters) if (!known.has(f.node)) nodes.push(f.node);
  return {
    pod,
    preFilterSeq: first.seq,
    preFilter: readPreFilter(first),
    filters,
    scores,
    select: selectMsg ? readSelect(selectMsg) : null,
    nodes,
    numFeasibleNodesToFind: numFeasibleNodesToFind(nodes.length),
    nominatedNode: nominatedBefore(trace, start, pod),
  };
}
