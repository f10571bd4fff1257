// The step the side of the page (narration, pod status, Activity log, inspector) shows. It follows the
// playhead at once, except while seeks come faster than one every SETTLE_MS (a drag along the timeline,
// an arrow key held down): then it waits until they rest. The diagram, the step counter and the timeline
// follow every seek. Writing and laying out a new narration, log and status for every frame of a drag
// was about a third of each frame's work on a 10,000-message trace, for text nobody reads mid-drag.
import { useEffect, useState } from 'react';
import { useStore, type Store } from './store';

export const SETTLE_MS = 120;

const stepOf = (s: Store): number => Math.floor(s.playhead);

/**
 * Decides, for each new step, whether to show it now or once seeks rest. Playing, a new run and a seek
 * after a pause show at once; pure (time comes in), so it is tested without a page.
 */
export function settleRule(settleMs = SETTLE_MS) {
  let lastSeekAt = -Infinity;
  return (now: number, playing: boolean, newRun: boolean): 'now' | 'later' => {
    const rapid = now - lastSeekAt < settleMs;
    lastSeekAt = now;
    return playing || newRun || !rapid ? 'now' : 'later';
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
      const newRun = s.trace !== trace;
      step = next;
      trace = s.trace;
      clearTimeout(timer);
      if (rule(performance.now(), s.playing, newRun) === 'now') setShown(next);
      else timer = setTimeout(() => setShown(stepOf(useStore.getState())), SETTLE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, []);
  return shown;
}
