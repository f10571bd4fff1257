// The step the side of the page (narration, pod status, Activity log, inspector) shows. It follows the
// playhead at once, except while the timeline is dragged (its seeks come faster than one every
// SETTLE_MS): then it waits until the drag rests. The diagram, the step counter and the timeline follow
// every seek. Writing and laying out a new narration, log and status for every frame of a drag was about
// a third of each frame's work on a 10,000-message trace, for text nobody reads mid-drag. Steps, keys,
// buttons and playing always show at once.
import { useEffect, useState } from 'react';
import { useStore, type Store } from './store';

export const SETTLE_MS = 120;

const stepOf = (s: Store): number => Math.floor(s.playhead);

/** Set while the timeline's own seek runs, so that the store's listeners know where it came from. */
let fromTimeline = false;

/** The timeline's seek (a drag, a click, its arrow keys). */
export function seekFromTimeline(seq: number): void {
  fromTimeline = true;
  try {
    useStore.getState().seek(seq);
  } finally {
    fromTimeline = false;
  }
}

export interface Change {
  playing: boolean;
  newRun: boolean;
  timeline: boolean;
}

/** Decides, for each new step, whether to show it now or once the drag rests; pure (time comes in). */
export function settleRule(settleMs = SETTLE_MS) {
  let lastTimelineSeek = -Infinity;
  return (now: number, change: Change): 'now' | 'later' => {
    if (!change.timeline) return 'now';
    const rapid = now - lastTimelineSeek < settleMs;
    lastTimelineSeek = now;
    return change.playing || change.newRun || !rapid ? 'now' : 'later';
  };
}

export function useSettledStep(): number {
  const [shown, setShown] = useState(() => stepOf(useStore.getState()));
  useEffect(() => {
    const rule = settleRule();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let { trace } = useStore.getState();
    let step = stepOf(useStore.getState());
    setShown(step);
    const unsubscribe = useStore.subscribe((s) => {
      const next = stepOf(s);
      if (next === step && s.trace === trace) return;
      const change = { playing: s.playing, newRun: s.trace !== trace, timeline: fromTimeline };
      step = next;
      trace = s.trace;
      clearTimeout(timer);
      if (rule(performance.now(), change) === 'now') setShown(next);
      else timer = setTimeout(() => setShown(stepOf(useStore.getState())), SETTLE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, []);
  return shown;
}
