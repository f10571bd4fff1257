// Sequence diagram geometry as a pure function of the trace: React only draws what this returns.
// Every message gets one row of the same height, and each phase opens with a thin band that names it
// rows are sorted by y, so finding the rows in a viewport is a binary search (see viewport.ts) and a
// 10,000-message trace lays out in a few milliseconds.
//
// Hidden lanes (opts.lanes): a message with both ends on hidden lanes is omitted. A message with one
// hidden end is drawn to the diagram edge on the side where that lane sits in LANES order, and its row
// says which end was clipped, so a reader still sees that something left the visible part.
import { scalePoint } from 'd3-scale';
import {
  LANES,
  lanesOf,
  type Lane,
  type MessageKind,
  type Phase,
  type Trace,
  type TraceMessage,
} from '../sim/trace/types';
import { laneGroup, type LaneGroup } from './lanes';

/** Advance of one character of the 12px monospace used for labels (≈ 0.6 em). */
export const LABEL_CHAR_WIDTH = 7.2;
export const BADGE_RADIUS = 10;
export const DEFAULT_ROW_HEIGHT = 28;
/** Space above the first phase band and below the last row. */
export const PADDING_TOP = 4;
/** Height of the band that names a phase before its first row. */
export const PHASE_GAP = 22;
export const PADDING_BOTTOM = 24;
const LOOP_WIDTH = 28;
const ARROW_LENGTH = 8;
const EDGE_INSET = 4;
const MIN_LABEL_CHARS = 6;
const MAX_LABEL_CHARS = 44;

export interface LanePosition {
  lane: Lane;
  x: number;
  group: LaneGroup;
}

export interface Point {
  x: number;
  y: number;
}

export interface LabelPosition extends Point {
  anchor: 'start' | 'end';
  /** Longer labels are truncated with an ellipsis to this many characters. */
  maxChars: number;
}

/** A self-message loop: right from the lifeline, down, and back left with the arrowhead. */
export interface Loop {
  x: number;
  top: number;
  width: number;
  height: number;
}

export interface MessageRow {
  /** Index of the message in `trace.messages`. */
  index: number;
  seq: number;
  kind: MessageKind;
  phase: Phase;
  from: Lane;
  to: Lane;
  /** Centre line of the row; straight arrows run along it. */
  y: number;
  x1: number;
  x2: number;
  /** Which end was moved to the diagram edge because its lane is hidden. */
  clipped: 'from' | 'to' | null;
  loop: Loop | null;
  label: LabelPosition;
  badge: Point;
}

export interface PhaseMark {
  phase: Phase;
  /** Centre line of the band above the phase's first row. */
  y: number;
}

export interface SequenceLayout {
  width: number;
  height: number;
  rowHeight: number;
  /** Distance between adjacent lifelines. */
  step: number;
  lanes: LanePosition[];
  laneX: Partial<Record<Lane, number>>;
  rows: MessageRow[];
  phaseMarks: PhaseMark[];
  /** Indexed by seq: the index of the last row whose seq is ≤ that seq, or -1. */
  rowAtOrBefore: Int32Array;
}

export interface LayoutOptions {
  width: number;
  lanes?: readonly Lane[];
  rowHeight?: number;
  /**
   * Draw only the messages about this pod (`namespace/name`) and those about no pod in particular: with a
   * Deployment of many replicas every pod repeats the same exchanges, so one stands for all. The Activity
   * log and step numbers stay per message; the playhead still moves over hidden messages.
   */
  pod?: string | null;
}

const round = (n: number): number => Math.round(n * 10) / 10;

export function layoutSequence(trace: Trace, opts: LayoutOptions): SequenceLayout {
  const width = Math.max(0, opts.width);
  const rowHeight = opts.rowHeight ?? DEFAULT_ROW_HEIGHT;
  // Keep LANES order even if the caller passes the subset shuffled: "nearest edge" depends on it.
  // An optional lane the trace never uses stays out even when asked for (an embed's ?lanes=).
  const available = lanesOf(trace);
  const shown = opts.lanes ? available.filter((l) => opts.lanes?.includes(l)) : available;
  const scale = scalePoint<Lane>().domain(shown).range([0, width]).padding(0.5);
  const laneX: Partial<Record<Lane, number>> = {};
  const lanes = shown.map((lane) => {
    const x = scale(lane) ?? 0;
    laneX[lane] = x;
    return { lane, x, group: laneGroup(lane) };
  });
  const ctx: RowContext = { laneX, width, rowHeight, step: scale.step() };
  const rows: MessageRow[] = [];
  const phaseMarks: PhaseMark[] = [];
  let cursor = PADDING_TOP; // bottom of the last row placed
  // A band marks where a phase begins. Replies of an earlier phase keep arriving after the next one has
  // started (a Bind response during Sandbox); banding every switch would flicker, so only firsts count.
  const seen = new Set<Phase>();
  const only = opts.pod ?? null;
  trace.messages.forEach((m, index) => {
    if (only !== null && m.pod !== null && m.pod !== only) return;
    const newPhase = !seen.has(m.phase);
    seen.add(m.phase);
    const top = cursor + (newPhase ? PHASE_GAP : 0);
    const row = layoutRow(m, index, top + rowHeight / 2, ctx);
    if (!row) return;
    if (newPhase) phaseMarks.push({ phase: m.phase, y: cursor + PHASE_GAP / 2 });
    rows.push(row);
    cursor = top + rowHeight;
  });
  const height = cursor + PADDING_BOTTOM;
  return {
    width,
    height,
    rowHeight,
    step: ctx.step,
    lanes,
    laneX,
    rows,
    phaseMarks,
    rowAtOrBefore: indexBySeq(trace.messages, rows),
  };
}

interface RowContext {
  laneX: Partial<Record<Lane, number>>;
  width: number;
  rowHeight: number;
  step: number;
}

function layoutRow(m: TraceMessage, index: number, y: number, ctx: RowContext): MessageRow | null {
  const from = endpointX(m.from, m.to, ctx);
  const to = endpointX(m.to, m.from, ctx);
  if (from === null || to === null) return null;
  const g = m.from === m.to ? selfGeometry(from, y, ctx) : straightGeometry(from, to, y, ctx);
  const clipped = ctx.laneX[m.from] === undefined ? 'from' : ctx.laneX[m.to] === undefined ? 'to' : null;
  // One literal with every field in a fixed order keeps rows monomorphic: spreads here cost 3× the time.
  return {
    index,
    seq: m.seq,
    kind: m.kind,
    phase: m.phase,
    from: m.from,
    to: m.to,
    y,
    x1: g.x1,
    x2: g.x2,
    clipped,
    loop: g.loop,
    label: g.label,
    badge: g.badge,
  };
}

/** A lane's x, or the diagram edge towards it if hidden; null if both ends are hidden. */
function endpointX(lane: Lane, other: Lane, ctx: RowContext): number | null {
  const x = ctx.laneX[lane];
  if (x !== undefined) return x;
  if (ctx.laneX[other] === undefined) return null;
  return LANES.indexOf(lane) < LANES.indexOf(other) ? EDGE_INSET : ctx.width - EDGE_INSET;
}

type Geometry = Pick<MessageRow, 'x1' | 'x2' | 'loop' | 'label' | 'badge'>;

function straightGeometry(x1: number, x2: number, y: number, ctx: RowContext): Geometry {
  const { width, step } = ctx;
  const dir = x2 >= x1 ? 1 : -1;
  // The badge sits on the shaft just off the sender's lifeline; the label starts after it and may run
  // past the receiver (its halo keeps it readable over lifelines) up to the diagram edge.
  const badgeX = x1 + dir * (BADGE_RADIUS + 4);
  const labelX = x1 + dir * (2 * BADGE_RADIUS + 10);
  const toEdge = dir > 0 ? width - EDGE_INSET - labelX : labelX - EDGE_INSET;
  // Past about a lane and a half beyond the receiver, a label reads as if the arrow went further.
  const room = Math.min(toEdge, Math.abs(x2 - x1) - (2 * BADGE_RADIUS + 10) + 1.5 * step);
  return {
    x1,
    x2,
    loop: null,
    label: { x: round(labelX), y: round(y - 6), anchor: dir > 0 ? 'start' : 'end', maxChars: chars(room) },
    badge: { x: round(badgeX), y },
  };
}

function selfGeometry(x: number, y: number, ctx: RowContext): Geometry {
  const height = Math.min(14, ctx.rowHeight * 0.5);
  const loop: Loop = { x, top: y - height / 2, width: LOOP_WIDTH, height };
  // Label right of the loop, unless the lane is too close to the right edge: then left of the badge.
  const rightX = x + LOOP_WIDTH + 6;
  const rightRoom = ctx.width - rightX - EDGE_INSET;
  const badgeX = x - BADGE_RADIUS - 4;
  const leftRoom = badgeX - BADGE_RADIUS - 6 - EDGE_INSET;
  const useRight = rightRoom >= 12 * LABEL_CHAR_WIDTH || rightRoom >= leftRoom;
  const labelX = useRight ? rightX : badgeX - BADGE_RADIUS - 6;
  const label: LabelPosition = {
    x: round(labelX),
    y: round(y + 4),
    anchor: useRight ? 'start' : 'end',
    maxChars: chars(useRight ? rightRoom : leftRoom),
  };
  return {
    x1: x,
    x2: x,
    loop,
    label,
    badge: { x: round(badgeX), y },
  };
}

/**
 * The shaft and arrowhead of a row as SVG paths. Built on demand for the rows on screen only: making
 * 20,000 strings up front doubled the layout time of a 10,000-message trace, mostly in GC (and building
 * the loops of self-messages up front was half the time of laying out a crash loop's trace).
 */
export function arrowPaths(row: MessageRow): { shaft: string; head: string } {
  if (row.loop) return { shaft: loopPath(row.loop), head: arrowHead(row.loop.x, loopBottom(row.loop), -1) };
  const dir = row.x2 >= row.x1 ? 1 : -1;
  // The shaft stops just short of the tip so a thick stroke does not poke through the head.
  return {
    shaft: `M${round(row.x1)},${round(row.y)}H${round(row.x2 - dir)}`,
    head: arrowHead(row.x2, row.y, dir),
  };
}

const loopBottom = (loop: Loop): number => loop.top + loop.height;

/** Right from the lifeline, down, and back left to just short of it (the arrowhead covers the rest). */
function loopPath(loop: Loop): string {
  const left = round(loop.x);
  const right = round(loop.x + loop.width);
  const top = round(loop.top);
  const bottom = round(loopBottom(loop));
  return `M${left},${top}L${right},${top}L${right},${bottom}L${round(loop.x + 1)},${bottom}`;
}

/** A small triangle (or chevron, when drawn open) with its tip at (x, y), pointing in `dir`. */
function arrowHead(x: number, y: number, dir: number): string {
  const back = round(x - dir * ARROW_LENGTH);
  return `M${back},${round(y - 4)}L${round(x)},${round(y)}L${back},${round(y + 4)}`;
}

function chars(room: number): number {
  const n = Math.floor(room / LABEL_CHAR_WIDTH);
  return Math.max(MIN_LABEL_CHARS, Math.min(MAX_LABEL_CHARS, n));
}

function indexBySeq(messages: readonly TraceMessage[], rows: readonly MessageRow[]): Int32Array {
  const maxSeq = messages.reduce((max, m) => Math.max(max, m.seq), 0);
  const at = new Int32Array(maxSeq + 1).fill(-1);
  for (let i = 0; i < rows.length; i++) at[rows[i]?.seq ?? 0] = i;
  for (let s = 1; s <= maxSeq; s++) if (at[s] === -1) at[s] = at[s - 1] ?? -1;
  return at;
}
