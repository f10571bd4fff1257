// Which rows to render and where to scroll: binary searches over rows sorted by y, no per-row work.
import type { MessageRow, SequenceLayout } from './layout';

export interface RowRange {
  /** First row index to render. */
  start: number;
  /** One past the last row index to render. */
  end: number;
}

/** Rows intersecting [scrollTop, scrollTop + viewportHeight], widened by `overscan` rows each side. */
export function visibleRange(
  layout: SequenceLayout,
  scrollTop: number,
  viewportHeight: number,
  overscan = 0,
): RowRange {
  const { rows, rowHeight } = layout;
  const half = rowHeight / 2;
  const first = firstIndex(rows, (r) => r.y + half > scrollTop);
  const last = firstIndex(rows, (r) => r.y - half >= scrollTop + viewportHeight);
  const start = Math.max(0, first - overscan);
  return { start, end: Math.max(start, Math.min(rows.length, last + overscan)) };
}

/** The first index whose row satisfies `pred`, which must be false then true along the rows. */
function firstIndex(rows: readonly MessageRow[], pred: (row: MessageRow) => boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const row = rows[mid];
    if (row && pred(row)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The row of message `seq`, or of the nearest earlier message still shown; null if none. */
export function rowAtOrBefore(layout: SequenceLayout, seq: number): MessageRow | null {
  const maxSeq = layout.rowAtOrBefore.length - 1;
  if (maxSeq < 0 || seq < 0) return null;
  const index = layout.rowAtOrBefore[Math.min(Math.floor(seq), maxSeq)] ?? -1;
  return layout.rows[index] ?? null;
}

/**
 * Where to scroll so that a row stays in view, or null when it already is (so the view stays calm).
 * Going forward, the row lands a third of the way down, leaving room for the messages that follow;
 * going back, two thirds down.
 */
export function scrollTargetFor(
  rowTop: number,
  rowBottom: number,
  scrollTop: number,
  viewportHeight: number,
): number | null {
  if (rowTop >= scrollTop && rowBottom <= scrollTop + viewportHeight) return null;
  const target =
    rowBottom > scrollTop + viewportHeight
      ? rowTop - viewportHeight / 3
      : rowBottom - (viewportHeight * 2) / 3;
  return Math.max(0, Math.round(target));
}
