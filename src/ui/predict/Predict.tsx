// Predict mode's entry points for the page: the "Predict" toggle (tiny, loaded with the page) and the
// question panel, whose code loads only once the toggle is on.
import { lazy, Suspense } from 'react';
import type { Trace } from '../../sim/trace/types';
import { usePredictStore } from './predictStore';

const PredictPanel = lazy(() => import('./PredictPanel'));

/** A toggle button: while on, playing pauses before key moments and asks what happens next. */
export function PredictToggle() {
  const enabled = usePredictStore((s) => s.enabled);
  return (
    <button
      type="button"
      className="pw-predict-toggle"
      aria-pressed={enabled}
      title="Pause before key moments and guess what happens next"
      onClick={() => usePredictStore.getState().setEnabled(!enabled)}
    >
      Predict
    </button>
  );
}

/** The open question, if any; renders nothing (and loads nothing) while predict mode is off. */
export function PredictQuestion({ trace }: { trace: Trace | null }) {
  const enabled = usePredictStore((s) => s.enabled);
  if (!enabled || !trace) return null;
  return (
    <Suspense fallback={null}>
      <PredictPanel trace={trace} />
    </Suspense>
  );
}
