// The predict panel: watches the player while it plays, pauses just before the next key moment, asks,
// reveals the answer the trace gives, and continues when asked to.
import { useEffect, useRef } from 'react';
import type { Trace } from '../../sim/trace/types';
import { useStore } from '../store';
import { crossed, findPredictions } from './predictions';
import { usePredictStore } from './predictStore';
import './predict.css';

function usePauseBeforeKeyMoments(trace: Trace): void {
  useEffect(() => {
    const predictions = findPredictions(trace);
    usePredictStore.getState().reset();
    return useStore.subscribe((s, prev) => {
      if (s.trace !== trace) return;
      const predict = usePredictStore.getState();
      // Back at the start: the questions may be asked again.
      if (s.playhead === 0 && prev.playhead > 0) predict.reset();
      // Playing again (Space or Play) closes an open question.
      if (s.playing && !prev.playing && predict.question) predict.close();
      if (!s.playing) return;
      const p = crossed(predictions, usePredictStore.getState().asked, prev.playhead, s.playhead);
      if (!p) return;
      useStore.getState().seek(p.before);
      usePredictStore.getState().ask(p);
    });
  }, [trace]);
}

export default function PredictPanel({ trace }: { trace: Trace }) {
  usePauseBeforeKeyMoments(trace);
  const question = usePredictStore((s) => s.question);
  const picked = usePredictStore((s) => s.picked);
  const firstChoice = useRef<HTMLButtonElement>(null);
  const continueButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (question) firstChoice.current?.focus();
  }, [question]);
  useEffect(() => {
    if (picked !== null) continueButton.current?.focus();
  }, [picked]);

  if (!question) {
    return (
      <section className="pw-predict" aria-label="Predict">
        <p className="pw-predict-idle">
          Predict is on: press Play and the player stops before key moments to ask what happens next.
        </p>
      </section>
    );
  }
  const right = picked === question.answer;
  const onContinue = () => {
    usePredictStore.getState().close();
    useStore.getState().play();
  };
  return (
    <section className="pw-predict" aria-label="Predict">
      <h2>{question.question}</h2>
      <div className="pw-predict-choices" role="group" aria-label="Answers">
        {question.choices.map((c, i) => (
          <button
            key={c}
            ref={i === 0 ? firstChoice : undefined}
            type="button"
            className={
              picked === null
                ? ''
                : c === question.answer
                  ? 'pw-predict-answer'
                  : c === picked
                    ? 'pw-predict-wrong'
                    : ''
            }
            aria-pressed={picked === c}
            disabled={picked !== null}
            onClick={() => usePredictStore.getState().pick(c)}
          >
            {c}
          </button>
        ))}
      </div>
      <div role="status" className="pw-predict-reveal">
        {picked !== null ? (
          <p>
            <strong>{right ? 'Right.' : `Not quite: ${question.answer}.`}</strong> {question.explain}
          </p>
        ) : null}
      </div>
      <button type="button" ref={continueButton} className="pw-predict-continue" onClick={onContinue}>
        {picked === null ? 'Skip' : 'Continue'}
      </button>
    </section>
  );
}
