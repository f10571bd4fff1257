// Space plays or pauses, ← and → step a message (with Shift: an activity), Home and End jump to the ends, whenever focus is not in a text field, a select or a slider.
import { useEffect } from 'react';
import { useStore } from './store';

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  const role = target.getAttribute('role');
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || role === 'slider' || role === 'textbox';
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typingInto(e.target)) return;
      const s = useStore.getState();
      // Space on a focused button or link activates it; do not also toggle playback.
      const control =
        e.target instanceof HTMLElement && (e.target.tagName === 'BUTTON' || e.target.tagName === 'A');
      if (e.key === ' ' && !control) {
        e.preventDefault();
        if (s.playing) s.pause();
        else s.play();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        if (e.shiftKey) s.stepActivity(1);
        else s.stepForward();
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        if (e.shiftKey) s.stepActivity(-1);
        else s.stepBack();
      } else if (e.key === 'Home') {
        e.preventDefault();
        s.restart();
      } else if (e.key === 'End') {
        e.preventDefault();
        s.seek(s.trace?.messages.length ?? 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
