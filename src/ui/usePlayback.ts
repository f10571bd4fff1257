// Moves the playhead toward its target on animation frames: at 1× each message takes about 600 ms,
// whatever its virtual latency. With reduced motion the playhead jumps a whole message at a time.
import { useEffect } from 'react';
import { useStore } from './store';

export const MESSAGE_MS = 600;

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function usePlayback(): void {
  const animating = useStore((s) => s.playing || s.playhead !== s.target);
  useEffect(() => {
    if (!animating) return;
    let frame = 0;
    let last = performance.now();
    let carry = 0;
    const reduced = prefersReducedMotion();
    const tick = (now: number) => {
      const s = useStore.getState();
      const dt = Math.min(now - last, 100);
      last = now;
      const perMessage = MESSAGE_MS / s.speed;
      let next: number;
      if (reduced) {
        carry += dt;
        const steps = Math.floor(carry / perMessage);
        carry -= steps * perMessage;
        next = Math.min(s.target, Math.floor(s.playhead) + steps);
        // A single step asked for by the user should not wait a whole message.
        if (!s.playing) next = s.target;
      } else next = Math.min(s.target, s.playhead + dt / perMessage);
      const done = next >= s.target;
      useStore.setState({ playhead: next, ...(done && s.playing ? { playing: false } : {}) });
      if (!done) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [animating]);
}
