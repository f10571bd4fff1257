// The playhead counts messages: 12.4 means twelve messages delivered and the 13th 40% along its arrow.
// Animation is a pure function of that fraction (never of wall time), so stepping back is just a
// smaller playhead and reduced motion is just whole-number playheads.
import { easeCubicInOut } from 'd3-ease';
import { interpolateNumber } from 'd3-interpolate';
import type { MessageRow, Point } from './layout';

export interface MessageProgress {
  /** How many messages are fully delivered. */
  completed: number;
  /** Seq (1-based) of the message in flight; the last message once all are delivered; 0 if none. */
  current: number;
  /** How far along its arrow the current message is, 0–1. */
  fraction: number;
}

export function messageProgress(playhead: number, count = Number.POSITIVE_INFINITY): MessageProgress {
  if (!(count > 0)) return { completed: 0, current: 0, fraction: 0 };
  const p = Number.isFinite(playhead) ? Math.min(Math.max(playhead, 0), count) : playhead > 0 ? count : 0;
  if (p >= count) return { completed: count, current: count, fraction: 1 };
  const completed = Math.floor(p);
  return { completed, current: completed + 1, fraction: p - completed };
}

/** Where the travelling dot is on `row` when its message is `fraction` along (eased). */
export function dotPosition(row: MessageRow, fraction: number): Point {
  const t = easeCubicInOut(Math.min(Math.max(fraction, 0), 1));
  if (!row.loop) return { x: interpolateNumber(row.x1, row.x2)(t), y: row.y };
  return alongLoop(row.loop, t);
}

/** A point at fraction `t` of the loop's length: right, down, then back left. */
function alongLoop(loop: NonNullable<MessageRow['loop']>, t: number): Point {
  const { x, top, width, height } = loop;
  let d = t * (2 * width + height);
  if (d <= width) return { x: x + d, y: top };
  d -= width;
  if (d <= height) return { x: x + width, y: top + d };
  d -= height;
  return { x: x + width - d, y: top + height };
}
