// Predict mode's own state, apart from the player's store: whether it is on, the open question and the
// questions already asked in this trace.
import { create } from 'zustand';
import type { Prediction } from './predictions';

export interface PredictState {
  enabled: boolean;
  question: Prediction | null;
  /** The choice the user picked for the open question; null until they answer. */
  picked: string | null;
  asked: ReadonlySet<string>;
  setEnabled(on: boolean): void;
  ask(p: Prediction): void;
  pick(choice: string): void;
  close(): void;
  reset(): void;
}

export const usePredictStore = create<PredictState>()((set, get) => ({
  enabled: false,
  question: null,
  picked: null,
  asked: new Set(),
  setEnabled(on) {
    set({ enabled: on, question: null, picked: null, asked: new Set() });
  },
  ask(p) {
    set({ question: p, picked: null, asked: new Set([...get().asked, p.id]) });
  },
  pick(choice) {
    if (get().question && get().picked === null) set({ picked: choice });
  },
  close() {
    set({ question: null, picked: null });
  },
  reset() {
    set({ question: null, picked: null, asked: new Set() });
  },
}));
