// The sequence diagram: sticky lifeline heads above a scrolling SVG of message rows. It renders only
// the rows in view (the layout has uniform rows), owns no timers (the parent moves the playhead) and
// scrolls only when the current message leaves the view.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { ReactNode } from 'react';
import type { Lane, Trace } from '../sim/trace/types';
import { LifelineHeads, type LaneHeads } from './LifelineHeads';
import { MessageArrow, type MessageStatus } from './MessageArrow';
import { PHASE_GAP, type MessageRow, type SequenceLayout } from './layout';
import { dotPosition, messageProgress } from './progress';
import { rowAtOrBefore, scrollTargetFor, visibleRange } from './viewport';
import { QueueLane } from './QueueBand';
import { queueSegments } from './queueLane';
import './diagram.css';

export interface SequenceDiagramProps {
  trace: Trace;
  layout: SequenceLayout;
  /** Fractional message count: 12.4 = message 13 is 40% along its arrow. */
  playhead: number;
  heads: LaneHeads;
  onSelect?: (seq: number) => void;
  /** Draw messages after the playhead faintly instead of not at all. */
  showFuture?: boolean;
}

const OVERSCAN = 8;
/** Before the first measurement (and on the server) render as if the viewport were this tall. */
const INITIAL_VIEWPORT = 720;
const DOT_RADIUS = 5;

export function SequenceDiagram(props: SequenceDiagramProps) {
  const { trace, layout, playhead, heads, onSelect, showFuture = false } = props;
  const progress = messageProgress(playhead, trace.messages.length);
  const currentRow = rowAtOrBefore(layout, progress.current);
  const dot =
    currentRow && currentRow.seq === progress.current ? dotPosition(currentRow, progress.fraction) : null;
  // While playing, only the travelling dot changes from frame to frame; everything else is keyed on the
  // current message, so a frame re-renders one circle instead of the whole diagram.
  return (
    <DiagramBody
      trace={trace}
      layout={layout}
      current={progress.current}
      heads={heads}
      onSelect={onSelect}
      showFuture={showFuture}
    >
      {dot ? (
        // Moved by a CSS transform on its own compositor layer (diagram.css): a frame of playing then
        // repaints nothing, where moving cx/cy repainted the diagram's layer every frame.
        <circle
          className="pw-msg-dot"
          r={DOT_RADIUS}
          style={{ transform: `translate(${dot.x}px, ${dot.y}px)` }}
          aria-hidden="true"
        />
      ) : null}
    </DiagramBody>
  );
}

interface DiagramBodyProps {
  trace: Trace;
  layout: SequenceLayout;
  current: number;
  heads: LaneHeads;
  onSelect: ((seq: number) => void) | undefined;
  showFuture: boolean;
  children: ReactNode;
}

function DiagramBody(props: DiagramBodyProps) {
  const { trace, layout, current, heads, onSelect, showFuture, children } = props;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useScrollViewport(scrollerRef);
  const message = trace.messages[current - 1];
  const currentRow = rowAtOrBefore(layout, current);
  const shown = useKeepInView(scrollerRef, currentRow, layout.rowHeight, view, setView);

  const activeKey = message ? `${message.from} ${message.to}` : '';
  const active = useMemo(() => new Set<Lane>(activeKey ? (activeKey.split(' ') as Lane[]) : []), [activeKey]);
  const range = visibleRange(layout, shown.top, shown.height, OVERSCAN);
  const queue = useMemo(() => queueSegments(trace), [trace]);
  const lastDrawnY = showFuture ? layout.height : (currentRow?.y ?? -1);

  return (
    <div className="pw-seq" role="region" aria-label="Sequence diagram">
      <LifelineHeads layout={layout} heads={heads} active={active} />
      <div className="pw-seq-scroll" ref={scrollerRef} tabIndex={0}>
        <svg
          className="pw-seq-body"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
        >
          <Lifelines layout={layout} active={active} />
          <QueueLane
            layout={layout}
            segments={queue}
            current={showFuture ? trace.messages.length : current}
            top={shown.top}
            bottom={shown.top + shown.height}
          />
          <PhaseMarks
            layout={layout}
            from={shown.top - PHASE_GAP}
            to={Math.min(lastDrawnY, shown.top + shown.height)}
          />
          <MessageRows
            trace={trace}
            layout={layout}
            start={range.start}
            end={range.end}
            current={current}
            showFuture={showFuture}
            onSelect={onSelect}
          />
          {children}
        </svg>
      </div>
    </div>
  );
}

function statusOf(seq: number, current: number): MessageStatus {
  if (seq < current) return 'past';
  return seq === current ? 'current' : 'future';
}

interface MessageRowsProps {
  trace: Trace;
  layout: SequenceLayout;
  start: number;
  end: number;
  current: number;
  showFuture: boolean;
  onSelect: ((seq: number) => void) | undefined;
}

/**
 * Rows are keyed by a slot (row index modulo a power of two above the number of rows drawn), not by
 * seq: a seek far away then updates the attributes and text of the elements already there instead of
 * removing some forty groups and building as many.
 */
function slotCount(rows: number): number {
  return 2 ** Math.max(6, Math.ceil(Math.log2(rows + 1)));
}

const MessageRows = memo(function MessageRows(props: MessageRowsProps) {
  const { trace, layout, start, end, current, showFuture, onSelect } = props;
  const slots = slotCount(end - start);
  return layout.rows.slice(start, end).map((row, i) => {
    const status = statusOf(row.seq, current);
    const message = trace.messages[row.index];
    if (!message || (status === 'future' && !showFuture)) return null;
    return (
      <MessageArrow
        key={(start + i) % slots}
        row={row}
        message={message}
        status={status}
        width={layout.width}
        rowHeight={layout.rowHeight}
        onSelect={onSelect}
      />
    );
  });
});

const Lifelines = memo(function Lifelines(props: { layout: SequenceLayout; active: ReadonlySet<Lane> }) {
  const { layout, active } = props;
  return (
    <g className="pw-seq-lifelines" aria-hidden="true">
      {layout.lanes.map((l) => (
        <line
          key={l.lane}
          className={`pw-seq-lifeline pw-seq-group-${l.group}${active.has(l.lane) ? ' is-active' : ''}`}
          x1={l.x}
          x2={l.x}
          y1={0}
          y2={layout.height}
        />
      ))}
    </g>
  );
});

/** A quiet rule with the phase name at its left, in the band above each phase's first row. */
function PhaseMarks({ layout, from, to }: { layout: SequenceLayout; from: number; to: number }) {
  const marks = layout.phaseMarks.filter((m) => m.y >= from && m.y <= to);
  return (
    <g className="pw-seq-phases" aria-hidden="true">
      {marks.map((m) => (
        <g key={m.y} transform={`translate(0,${m.y})`}>
          <line x1={0} x2={layout.width} y1={0} y2={0} />
          <text x={8} y={0} dy="0.35em">
            {m.phase}
          </text>
        </g>
      ))}
    </g>
  );
}

type View = { top: number; height: number };

/** The scroller's scrollTop and height, kept in state so that only visible rows render. */
function useScrollViewport(ref: RefObject<HTMLDivElement | null>): [View, (v: View) => void] {
  const [view, setView] = useState<View>({ top: 0, height: INITIAL_VIEWPORT });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Read here, in the scroll or resize callback, when the layout is up to date: an updater that read
    // them would run in a later render, after a seek had changed the DOM, and force a layout there.
    const update = () => {
      const top = el.scrollTop;
      const height = el.clientHeight;
      setView((v) => (v.top === top && v.height === height ? v : { top, height }));
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      observer?.disconnect();
    };
  }, [ref]);
  return [view, setView];
}

interface ScrollMove {
  top: number;
  /** Jump there at once (a seek, or reduced motion) rather than glide (the next message while playing). */
  jump: boolean;
}

const prefersReducedMotion = (): boolean =>
  typeof window !== 'undefined' && (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false);

/** Where to scroll so that the current row stays in view, or null when it is in view (the view stays calm). */
function scrollMoveFor(row: MessageRow | null, rowHeight: number, view: View): ScrollMove | null {
  // The viewport comes from the scroll listener's state: reading scrollTop/clientHeight here would
  // force a layout on every seek.
  if (!row || view.height === 0) return null;
  const top = scrollTargetFor(row.y - rowHeight / 2, row.y + rowHeight / 2, view.top, view.height);
  if (top === null) return null;
  const far = Math.abs(top - view.top) > view.height * 1.5;
  return { top, jump: far || prefersReducedMotion() };
}

/**
 * Scrolls when the current row changes and has left the view: a jump (a seek far away, or reduced
 * motion) before the browser paints, a glide otherwise. Returns the view to draw: after a jump, the
 * one the scroller is going to, so that the rows appear in the same frame. Drawing the rows where the
 * view was and then, on the scroll event, those where it went laid the page out twice per seek.
 */
function useKeepInView(
  ref: RefObject<HTMLDivElement | null>,
  row: MessageRow | null,
  rowHeight: number,
  view: View,
  setView: (v: View) => void,
): View {
  const y = row?.y;
  // Only a new current row moves the view: between steps the reader may scroll wherever they like.
  const handled = useRef<number | undefined>(undefined);
  const move = y !== handled.current ? scrollMoveFor(row, rowHeight, view) : null;
  const jumpTo = move?.jump ? move.top : null;
  const glideTo = move && !move.jump ? move.top : null;
  useLayoutEffect(() => {
    handled.current = y;
    const el = ref.current;
    if (!el || jumpTo === null) return;
    el.scrollTop = jumpTo;
    // The scroll event comes a frame later: until then, renders keep drawing the new view.
    setView({ top: el.scrollTop, height: view.height });
  }, [ref, y, jumpTo, view.height, setView]);
  useEffect(() => {
    const el = ref.current;
    if (el && glideTo !== null) el.scrollTo({ top: glideTo, behavior: 'smooth' });
  }, [ref, y, glideTo]);
  return jumpTo === null ? view : { top: jumpTo, height: view.height };
}
