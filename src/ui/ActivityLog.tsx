// The transcript: one item per delivered message, newest last, numbered by step. In a long run the list
// renders only its newest items (a seek replaces a few dozen, not hundreds: that was most of the cost of scrubbing a
// 10,000-message trace); "Show earlier messages" reaches back through the whole run. A separate live
// region tells a screen-reader user the message just delivered, so a seek or the list growing back
// never makes it read out a whole page of items.
import { memo, useEffect, useRef, useState } from 'react';
import type { Trace } from '../sim/trace/types';
import { logWindow, LOG_MORE, LOG_TAIL } from './logWindow';

export function logItemText(m: Trace['messages'][number]): string {
  const head =
    m.activity === null ? (m.phase === 'Reconcile' ? 'Reconcile' : 'Setup') : `Activity ${m.activity}`;
  return `${head}: ${m.from} → ${m.to}: ${m.label}`;
}

/** One line; memoised so a new message re-renders two items, not the whole list. */
const LogItem = memo(function LogItem({ m, current }: { m: Trace['messages'][number]; current: boolean }) {
  return (
    <li value={m.seq} className={current ? 'pw-log-current' : undefined}>
      {logItemText(m)}
    </li>
  );
});

/**
 * The newest LOG_TAIL items are keyed by a slot (seq modulo LOG_TAIL): a seek far away then rewrites
 * the text of the items already there instead of replacing them all. A longer list, after "Show
 * earlier", is keyed by seq.
 */
const keyOf = (seq: number, listed: number): number => (listed <= LOG_TAIL ? seq % LOG_TAIL : seq);

export function ActivityLog({ trace, delivered }: { trace: Trace | null; delivered: number }) {
  // Where the reader asked the list to start. It outlives a re-run (an intervention keeps the step);
  // logWindow drops it once the playhead has moved far from it.
  const [from, setFrom] = useState<number | null>(null);
  const { start, end } = logWindow(
    trace ? Math.min(delivered, trace.messages.length) : 0,
    from,
    trace?.messages.length ?? 0,
  );
  const messages = trace ? trace.messages.slice(start, end) : [];
  const current = trace && delivered > 0 ? trace.messages[delivered - 1] : undefined;
  const list = useRef<HTMLOListElement>(null);
  // Keep the newest message in view, as a terminal does. On the next frame: reading scrollHeight right
  // after React's commit would force a second layout into the frame that draws the new message.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const el = list.current;
      if (el) el.scrollTop = el.scrollHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [delivered]);
  const more = Math.min(start, LOG_MORE);
  return (
    <section className="pw-log-wrap">
      <h2 id="pw-log-title">Activity log</h2>
      {start > 0 ? (
        <p className="pw-log-more">
          Listing the last {end - start} of {end} messages.
          <button type="button" className="pw-log-earlier" onClick={() => setFrom(start - more)}>
            Show {more} earlier {more === 1 ? 'message' : 'messages'}
          </button>
        </p>
      ) : null}
      <ol ref={list} className="pw-log" tabIndex={0} aria-label="Activity log">
        {messages.map((m) => (
          <LogItem key={keyOf(m.seq, end - start)} m={m} current={m.seq === delivered} />
        ))}
      </ol>
      <p className="pw-visually-hidden" aria-live="polite" aria-atomic="true">
        {current ? `Step ${current.seq}. ${logItemText(current)}` : ''}
      </p>
    </section>
  );
}
