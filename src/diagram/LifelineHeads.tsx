// The lifeline heads: a small SVG that stays above the scrolling diagram (same x positions), so the
// lane names and each machine's current state stay visible however far the messages scroll.
// When lanes are too close for a readable head (narrow or embedded diagrams), heads alternate between
// two tiers so each may be almost two lanes wide, and show sub-label and state on one line.
import { memo } from 'react';
import type { Lane } from '../sim/trace/types';
import { LABEL_CHAR_WIDTH, type LanePosition, type SequenceLayout } from './layout';
import { shortLaneName, truncate } from './lanes';
import { stateWords } from './stateWords';

export interface LaneHead {
  /** Display name, usually the lane name. */
  name: string;
  /** Where it runs, e.g. the node `worker-2`, or the container for runc. */
  sub?: string;
  /** The machine's current state value, e.g. `idle`, `binding`, `syncing pod`. */
  state?: string;
}
export type LaneHeads = Partial<Record<Lane, LaneHead>>;

/** Below this distance between lifelines, heads go to two tiers. */
const COMPACT_STEP = 90;
const MAX_BOX_WIDTH = 124;
const BOX_TOP = 4;
const FULL_BOX = 54;
const COMPACT_BOX = 36;
const LINE = 15;
/** The longest plain-words state (stateWords.ts keeps them to 16 characters). */
const MAX_STATE_CHARS = 16;
const STUB = 6;
/** Lane names are 13px semibold sans; 0.6 em per character errs on the wide side. */
const NAME_CHAR_WIDTH = 7.8;

interface HeadGeometry {
  compact: boolean;
  /** One-tier heads too narrow for the longest state on one line: a line more, for a two-word state. */
  wrapState: boolean;
  boxWidth: number;
  boxHeight: number;
  height: number;
  width: number;
}

export function headGeometry(layout: SequenceLayout): HeadGeometry {
  const compact = layout.step < COMPACT_STEP && layout.lanes.length > 1;
  const span = compact ? 2 * layout.step - 8 : layout.step - 6;
  const boxWidth = Math.max(36, Math.min(span, MAX_BOX_WIDTH));
  const wrapState = !compact && boxWidth - 8 < MAX_STATE_CHARS * LABEL_CHAR_WIDTH;
  const boxHeight = compact ? COMPACT_BOX : FULL_BOX + (wrapState ? LINE : 0);
  const height = BOX_TOP + (compact ? 2 * boxHeight + 4 : boxHeight) + STUB;
  return { compact, wrapState, boxWidth, boxHeight, height, width: layout.width };
}

interface LifelineHeadsProps {
  layout: SequenceLayout;
  heads: LaneHeads;
  /** Lanes of the current message: drawn with the accent. */
  active: ReadonlySet<Lane>;
}

// Memoised: heads change per delivered message, not per animation frame.
export const LifelineHeads = memo(function LifelineHeads({ layout, heads, active }: LifelineHeadsProps) {
  const geometry = headGeometry(layout);
  return (
    <svg
      className="pw-seq-heads"
      width={layout.width}
      height={geometry.height}
      viewBox={`0 0 ${layout.width} ${geometry.height}`}
    >
      {layout.lanes.map((pos, i) => (
        <Head
          key={pos.lane}
          pos={pos}
          head={heads[pos.lane]}
          geometry={geometry}
          tier={geometry.compact ? i % 2 : 0}
          active={active.has(pos.lane)}
        />
      ))}
    </svg>
  );
});

interface HeadProps {
  pos: LanePosition;
  head: LaneHead | undefined;
  geometry: HeadGeometry;
  tier: number;
  active: boolean;
}

function Head({ pos, head, geometry, tier, active }: HeadProps) {
  const { boxWidth, boxHeight, compact, wrapState, height, width } = geometry;
  const top = BOX_TOP + tier * (boxHeight + 4);
  // Edge heads are cut to fit inside the SVG (sliding them inwards would cover their neighbours).
  const left = Math.max(pos.x - boxWidth / 2, 1) - pos.x;
  const right = Math.min(pos.x + boxWidth / 2, width - 1) - pos.x;
  const mid = (left + right) / 2;
  const room = right - left - 8;
  const fullName = head?.name ?? pos.lane;
  const chars = Math.floor(room / LABEL_CHAR_WIDTH);
  const lines = headLines(head, compact, wrapState ? chars : null);
  const cls = `pw-seq-head pw-seq-group-${pos.group}${active ? ' is-active' : ''}`;
  return (
    // One role=group per lane, named exactly by the lane, so tests and screen readers find each lifeline.
    <g
      role="group"
      aria-label={pos.lane}
      aria-description={head?.state ? `${stateWords(head.state)} (state ${head.state})` : undefined}
      data-state={head?.state}
      className={cls}
      transform={`translate(${pos.x},0)`}
    >
      {/* The tooltip keeps the machine's raw XState value next to the plain words the head shows. */}
      <title>{headTitle(fullName, head)}</title>
      <line className="pw-seq-head-stub" x1={0} x2={0} y1={top + boxHeight} y2={height} />
      <rect x={left} y={top} width={right - left} height={boxHeight} rx={6} />
      <text className="pw-seq-head-name" x={mid} y={top + 17} textAnchor="middle">
        {fitName(fullName, room)}
      </text>
      {lines.map((l) => (
        <text key={l.line} className={l.cls} x={mid} y={top + 32 + l.line * LINE} textAnchor="middle">
          {truncate(l.text, chars)}
        </text>
      ))}
    </g>
  );
}

interface HeadLine {
  text: string;
  cls: 'pw-seq-head-sub' | 'pw-seq-head-state';
  line: number;
}

/**
 * Sub-label and state on fixed lines (so heads align); compact heads show only the state, or the sub.
 * With `wrapAt` (narrow one-tier heads), a state longer than that many characters goes on two lines,
 * broken between words ("creating" / "sandbox"), instead of being cut short.
 */
export function headLines(
  head: LaneHead | undefined,
  compact: boolean,
  wrapAt: number | null = null,
): HeadLine[] {
  const sub: HeadLine | null = head?.sub ? { text: head.sub, cls: 'pw-seq-head-sub', line: 0 } : null;
  const words = head?.state ? stateWords(head.state) : null;
  if (compact) {
    const only = words ?? head?.sub;
    if (!only) return [];
    return [{ text: only, cls: words ? 'pw-seq-head-state' : 'pw-seq-head-sub', line: 0 }];
  }
  const state = words === null ? [] : wrapWords(words, wrapAt);
  return [
    ...(sub ? [sub] : []),
    ...state.map((text, i): HeadLine => ({ text, cls: 'pw-seq-head-state', line: 1 + i })),
  ];
}

/** `words` on one line if it fits in `max` characters (or max is null), else on two, broken at a space. */
function wrapWords(words: string, max: number | null): string[] {
  if (max === null || words.length <= max) return [words];
  const space = words.lastIndexOf(' ', max);
  const at = space > 0 ? space : words.indexOf(' ');
  return at > 0 ? [words.slice(0, at), words.slice(at + 1)] : [words];
}

/** Name, where it runs, and the state in plain words with the raw value, e.g. `kubelet · worker-2 · creating sandbox (creatingSandbox)`. */
export function headTitle(name: string, head: LaneHead | undefined): string {
  const raw = head?.state;
  const state = raw ? (stateWords(raw) === raw ? raw : `${stateWords(raw)} (${raw})`) : undefined;
  return [name, head?.sub, state].filter(Boolean).join(' · ');
}

/** The name if it fits, else without `kube-`, else truncated. */
function fitName(name: string, room: number): string {
  const chars = Math.floor(room / NAME_CHAR_WIDTH);
  if (name.length <= chars) return name;
  return truncate(shortLaneName(name), chars);
}
