// The transcript: one item per delivered message, newest last. It is also the screen-reader live
// region, so a listener hears each message as the playhead reaches it.
import { memo, useEffect, useRef } from 'react';
import type { Trace } from '../sim/trace/types';

/** Long traces keep the page fast by listing only the most recent messages. */
const MAX_ITEMS = 400;

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

export function ActivityLog({ trace, delivered }: { trace: Trace | null; delivered: number }) {
  const messages = trace ? trace.messages.slice(Math.max(0, delivered - MAX_ITEMS), delivered) : [];
  const hidden = Math.max(0, delivered - MAX_ITEMS);
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
  return (
    <section className="pw-log-wrap">
      <h2 id="pw-log-title">Activity log</h2>
      {hidden > 0 ? <p className="pw-log-more">{hidden} earlier messages not listed</p> : null}
      <ol
        ref={list}
        className="pw-log"
        tabIndex={0}
        aria-label="Activity log"
        aria-live="polite"
        aria-relevant="additions"
      >
        {messages.map((m) => (
          <LogItem key={m.seq} m={m} current={m.seq === delivered} />
        ))}
      </ol>
    </section>
  );
}
