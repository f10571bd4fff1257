// The scheduling queue as a lane: a band down the left of the kube-scheduler lifeline, coloured by where
// each pending pod waits (activeQ, the scheduling cycle, backoffQ, unschedulablePods). Several pods waiting
// at once get bands side by side. Long waits are named along the band; short ones by colour and tooltip
// (a cycle is not named: its rows are the scheduler's own loops, whose badges sit where the name would).
import { memo } from 'react';
import type { SequenceLayout } from './layout';
import type { QueueSegment } from './queueLane';

const BAND_WIDTH = 6;
/** Pods waiting at once share the band's width, up to this many side by side. */
const MAX_BANDS = 3;
/** A stay shorter than this (px) is too short to name along the band. */
const MIN_NAMED = 120;

export interface QueueLaneProps {
  layout: SequenceLayout;
  segments: readonly QueueSegment[];
  /** The message being shown; later stays are not drawn yet, open ones end here. */
  current: number;
  /** Visible y range, so a long trace draws only what is on screen. */
  top: number;
  bottom: number;
}

function rowY(layout: SequenceLayout, seq: number): number | null {
  const i = layout.rowAtOrBefore[Math.min(seq, layout.rowAtOrBefore.length - 1)] ?? -1;
  return i < 0 ? null : (layout.rows[i]?.y ?? null);
}

export const QueueLane = memo(function QueueLane(props: QueueLaneProps) {
  const { layout, segments, current, top, bottom } = props;
  const x = layout.laneX['kube-scheduler'];
  if (x === undefined || segments.length === 0) return null;
  const slot = new Map<string, number>();
  for (const s of segments) if (!slot.has(s.pod)) slot.set(s.pod, slot.size % MAX_BANDS);
  // On the lifeline itself: badges sit left of it and self-loops right, so the band stays clear of both.
  const width = BAND_WIDTH / Math.min(slot.size, MAX_BANDS);
  const bands = segments.flatMap((s, i) => {
    if (s.fromSeq > current) return [];
    const y1 = rowY(layout, s.fromSeq);
    const end = s.toSeq === null || s.toSeq > current ? current : s.toSeq;
    const y2 = rowY(layout, end);
    if (y1 === null || y2 === null || y2 < top || y1 > bottom) return [];
    const bx = x - BAND_WIDTH / 2 + slot.get(s.pod)! * width;
    const height = Math.max(y2 - y1, 3);
    return [{ key: i, s, bx, y1, height }];
  });
  return (
    <g className="pw-queue" aria-hidden="true">
      {bands.map(({ key, s, bx, y1, height }) => (
        <g key={key} className={`pw-queue-${s.queue.replace(' ', '-')}`}>
          <rect x={bx} y={y1} width={width} height={height} rx={1.5}>
            <title>{`${s.pod}: ${s.queue}`}</title>
          </rect>
          {height >= MIN_NAMED && s.queue !== 'in cycle' ? (
            <text
              transform={`translate(${x - BAND_WIDTH},${y1 + height / 2}) rotate(-90)`}
              textAnchor="middle"
            >
              {s.queue}
            </text>
          ) : null}
        </g>
      ))}
    </g>
  );
});
