// Which messages the Activity log lists. A run of up to LOG_WHOLE messages (the default scenario and
// most presets) lists every delivered message: the log is the transcript. A longer run lists the newest
// LOG_TAIL up to the playhead (enough to fill the panel and then some), or from where the reader asked
// with "Show earlier", up to LOG_MAX items so that a reader who went far back does not make every later
// seek rebuild thousands of items.

/** Runs this long or shorter list every delivered message. */
export const LOG_WHOLE = 1000;

/** Items listed by default: the panel shows about 30. */
export const LOG_TAIL = 50;
/** How many more one "Show earlier" press lists. */
export const LOG_MORE = 200;
/** The most items listed at once, however far back the reader went. */
export const LOG_MAX = 2000;

export interface LogWindow {
  /** Index of the first message listed. */
  start: number;
  /** One past the last: the number of delivered messages. */
  end: number;
}

/**
 * `delivered` messages so far of a run of `runLength`; `from` is the index the reader asked to list
 * from, if any.
 */
export function logWindow(delivered: number, from: number | null, runLength: number): LogWindow {
  const end = Math.max(0, delivered);
  if (runLength <= LOG_WHOLE) return { start: 0, end };
  const tail = Math.max(0, end - LOG_TAIL);
  // The request holds while it reaches further back than the tail and not absurdly far: after a seek
  // far forward (or back past it) the list is the tail again.
  if (from === null || from >= tail || end - from > LOG_MAX) return { start: tail, end };
  return { start: Math.max(0, from), end };
}
