// Time travel: a scrubber over the whole trace with a bookmark per phase. Dragging or clicking seeks
// exactly (the page is a player over a recorded trace).
import { useMemo } from 'react';
import type { Trace } from '../sim/trace/types';
import { useStore } from './store';
import { phaseBookmarks } from './timelineModel';
import { seekFromTimeline } from './useSettledStep';

export function Timeline({ trace }: { trace: Trace }) {
  const step = useStore((s) => Math.floor(s.playhead));
  const marks = useMemo(() => phaseBookmarks(trace), [trace]);
  const total = trace.messages.length;
  const message = trace.messages[step - 1];
  const currentPhase = message?.phase;
  const where = message
    ? `${message.activity === null ? (message.phase === 'Reconcile' ? 'Reconcile' : 'Setup') : `Activity ${message.activity}`}, ${message.phase}`
    : 'before the first message';
  const seek = seekFromTimeline;
  return (
    <div className="pw-timeline">
      <input
        className="pw-scrubber"
        type="range"
        min={0}
        max={total}
        step={1}
        value={step}
        aria-label="Timeline"
        aria-valuetext={`Step ${step} of ${total}: ${where}`}
        onChange={(e) => seek(Number(e.target.value))}
      />
      <div className="pw-bookmarks" role="group" aria-label="Phases">
        {marks.map((m) => (
          <button
            key={m.phase}
            type="button"
            className="pw-bookmark"
            aria-current={m.phase === currentPhase ? 'step' : undefined}
            title={`Go to step ${m.seq}, where ${m.phase} begins`}
            onClick={() => seek(m.seq)}
          >
            {m.phase}
          </button>
        ))}
      </div>
    </div>
  );
}
