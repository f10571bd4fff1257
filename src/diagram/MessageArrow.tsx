// One message row: shaft, arrowhead, circled activity badge and truncated label. Memoised, because
// the playhead changes every frame but a row's drawing only changes when its status does.
import { memo } from 'react';
import type { TraceMessage } from '../sim/trace/types';
import { arrowPaths, BADGE_RADIUS, type MessageRow } from './layout';
import { truncate } from './lanes';

export type MessageStatus = 'past' | 'current' | 'future';

interface MessageArrowProps {
  row: MessageRow;
  message: TraceMessage;
  status: MessageStatus;
  /** Width and height of the clickable band behind the row. */
  width: number;
  rowHeight: number;
  onSelect?: ((seq: number) => void) | undefined;
}

/** `S` marks Setup messages and `R` the controllers' Reconcile: neither has an activity number. */
export function badgeText(activity: number | null, phase?: string): string {
  if (activity !== null) return String(activity);
  return phase === 'Reconcile' ? 'R' : 'S';
}

export const MessageArrow = memo(function MessageArrow(props: MessageArrowProps) {
  const { row, message, status, width, rowHeight, onSelect } = props;
  const { shaft, head } = arrowPaths(row);
  const label = truncate(message.label, row.label.maxChars);
  const title = `${message.seq}. ${message.from} → ${message.to} · ${message.kind} · t=${message.t} ms\n${message.label}`;
  const cls = [
    'pw-msg',
    `pw-msg--${message.kind}`,
    `pw-msg--${status}`,
    row.loop ? 'pw-msg--self' : '',
    row.clipped ? 'pw-msg--clipped' : '',
  ].join(' ');
  return (
    <g className={cls.trim()} data-seq={row.seq} onClick={onSelect ? () => onSelect(row.seq) : undefined}>
      <title>{title}</title>
      <rect className="pw-msg-hit" x={0} y={row.y - rowHeight / 2} width={width} height={rowHeight} />
      <path className="pw-msg-line" d={shaft} />
      <path className="pw-msg-head" d={head} />
      <g className="pw-msg-badge" transform={`translate(${row.badge.x},${row.badge.y})`}>
        <circle r={BADGE_RADIUS} />
        <text dy="0.35em" textAnchor="middle">
          {badgeText(message.activity, message.phase)}
        </text>
      </g>
      <text className="pw-msg-label" x={row.label.x} y={row.label.y} textAnchor={row.label.anchor}>
        {label}
      </text>
    </g>
  );
});
