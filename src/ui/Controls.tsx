// The player's controls. Names are a public surface (embedding, automation, screen readers): Play
// (Pause while playing), Step back, Step forward, Restart, Speed, Delete pod.
import type { CSSProperties } from 'react';
import { useStore, SPEEDS } from './store';

/** Small inline icons: glyphs like ⏮ are missing from many system fonts. */
function Icon({ d }: { d: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" />
    </svg>
  );
}
const RESTART = 'M2 2h2v10H2zM12 2v10L5 7z';
const BACK = 'M11 2v10L4 7z';
const FORWARD = 'M3 2v10l7-5z';
const PLAY = 'M3 1.5v11l9.5-5.5z';
const PAUSE = 'M3 2h3v10H3zM8 2h3v10H8z';

export interface ControlsProps {
  /** Extra controls of the page (predict mode) placed before Delete pod. */
  extra?: React.ReactNode;
  onDeletePod: () => void;
  canDelete: boolean;
}

export function formatVirtualTime(ms: number | null): string {
  if (ms === null) return '0 ms';
  if (ms < 1000) return `${ms.toFixed(ms % 1 ? 1 : 0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(3)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${((ms % 60_000) / 1000).toFixed(1)} s`;
}

/** Wide enough for `step N / N` at this run's length and for the longest time (`59 min 59.9 s`). */
export function positionWidthCh(total: number): number {
  const digits = String(total).length;
  return Math.max('step  / '.length + 2 * digits, '59 min 59.9 s'.length);
}

export function Controls({ onDeletePod, canDelete, extra }: ControlsProps) {
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  // Whole steps only: the controls need not re-render on every animation frame.
  const step = useStore((s) => Math.floor(s.playhead));
  const total = useStore((s) => s.trace?.messages.length ?? 0);
  const virtualMs = useStore((s) => s.trace?.messages[Math.floor(s.playhead) - 1]?.t ?? null);
  const st = useStore.getState;
  return (
    <div className="pw-controls" role="toolbar" aria-label="Player">
      <button type="button" onClick={() => st().restart()} aria-label="Restart" title="Restart">
        <Icon d={RESTART} />
      </button>
      <button
        type="button"
        onClick={() => st().stepBack()}
        aria-label="Step back"
        title="Step back (←)"
        disabled={step <= 0}
      >
        <Icon d={BACK} />
      </button>
      <button
        type="button"
        className="pw-play"
        onClick={() => (playing ? st().pause() : st().play())}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
      >
        <Icon d={playing ? PAUSE : PLAY} /> {playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        onClick={() => st().stepForward()}
        aria-label="Step forward"
        title="Step forward (→)"
        disabled={step >= total}
      >
        <Icon d={FORWARD} />
      </button>
      <label className="pw-speed">
        <span className="pw-speed-label">Speed</span>
        <select aria-label="Speed" value={speed} onChange={(e) => st().setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      {/* Step over virtual time, each a fixed width for the run (tabular figures), so neither the row
          nor the buttons after it move while playing, however long the time grows. */}
      <span className="pw-position" style={{ '--pw-position-ch': positionWidthCh(total) } as CSSProperties}>
        <span className="pw-step" aria-live="off">
          <span className="pw-step-word">step </span>
          {step} / {total}
        </span>
        <span className="pw-time" title="Virtual time since the run began">
          {formatVirtualTime(virtualMs)}
        </span>
      </span>
      {extra}
      <button
        type="button"
        className="pw-delete"
        onClick={onDeletePod}
        disabled={!canDelete}
        aria-label="Delete pod"
        title="kubectl delete pod, now"
      >
        Delete pod
      </button>
    </div>
  );
}
