// UI state only, in slices: playback (the playhead over the trace), the run (the last good trace and
// what produced it) and the editor. Simulation state is never copied here; views derive from the trace.
import { create } from 'zustand';
import type { Trace } from '../sim/trace/types';
import type { Scenario } from '../sim/scenario';
import type { ParseError } from '../scenario';
import { nextActivityStep, previousActivityStep } from './timelineModel';

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export interface PlaybackSlice {
  /** Delivered messages, fractional while one travels (12.4: the 13th is 40% along). */
  playhead: number;
  /** Where the playhead is animating to. */
  target: number;
  playing: boolean;
  speed: number;
}

export interface RunSlice {
  trace: Trace | null;
  scenario: Scenario | null;
  running: boolean;
  runError: string | null;
}

export interface EditorSlice {
  text: string;
  parseError: ParseError | null;
  storageNote: string | null;
}

interface Actions {
  play(): void;
  pause(): void;
  stepForward(): void;
  stepBack(): void;
  restart(): void;
  seek(seq: number): void;
  /** Jumps to the start of the next (+1) or previous (-1) activity run. */
  stepActivity(direction: 1 | -1): void;
  setSpeed(speed: number): void;
  setText(text: string): void;
  setRun(trace: Trace, scenario: Scenario): void;
  setParseError(e: ParseError | null): void;
  setRunning(running: boolean, error?: string | null): void;
  setStorageNote(note: string | null): void;
}

export type Store = PlaybackSlice & RunSlice & EditorSlice & Actions;

const count = (s: RunSlice) => s.trace?.messages.length ?? 0;
const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max));

export const useStore = create<Store>()((set, get) => ({
  playhead: 0,
  target: 0,
  playing: false,
  speed: 1,
  trace: null,
  scenario: null,
  running: false,
  runError: null,
  text: '',
  parseError: null,
  storageNote: null,

  play() {
    const s = get();
    const n = count(s);
    // Play from the start again once at the end, as media players do.
    const from = s.playhead >= n ? 0 : s.playhead;
    set({ playing: n > 0, playhead: from, target: n });
  },
  pause() {
    const s = get();
    const rest = Math.floor(s.playhead);
    set({ playing: false, playhead: rest, target: rest });
  },
  stepForward() {
    const s = get();
    const next = clamp(Math.floor(s.playhead) + 1, count(s));
    set({ playing: false, playhead: Math.floor(s.playhead), target: next });
  },
  stepBack() {
    const s = get();
    // Exact: the previous whole step, with no animation backwards.
    const prev = clamp(Math.ceil(s.playhead) - 1, count(s));
    set({ playing: false, playhead: prev, target: prev });
  },
  restart() {
    set({ playing: false, playhead: 0, target: 0 });
  },
  seek(seq) {
    const s = get();
    const to = clamp(Math.round(seq), count(s));
    set({ playing: false, playhead: to, target: to });
  },
  stepActivity(direction) {
    const s = get();
    if (!s.trace) return;
    const step = Math.floor(s.playhead);
    const to = direction > 0 ? nextActivityStep(s.trace, step) : previousActivityStep(s.trace, step);
    set({ playing: false, playhead: to, target: to });
  },
  setSpeed(speed) {
    set({ speed });
  },
  setText(text) {
    set({ text });
  },
  setRun(trace, scenario) {
    const n = trace.messages.length;
    const s = get();
    set({
      trace,
      scenario,
      running: false,
      runError: null,
      playhead: clamp(s.playhead, n),
      target: clamp(s.target, n),
    });
  },
  setParseError(parseError) {
    set({ parseError });
  },
  setRunning(running, runError = null) {
    set({ running, runError });
  },
  setStorageNote(storageNote) {
    set({ storageNote });
  },
}));
