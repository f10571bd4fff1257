// The manifest editor: a plain textarea at first paint, then CodeMirror once it has loaded. Edits are
// kept in localStorage so they survive a reload; errors say what and where, and the last good run stays.
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useStore } from './store';
import { formatParseError } from '../scenario/errors';
import { MANIFEST_FILE } from '../sim/scenario';

const ManifestTabs = lazy(() => import('./editor/ManifestTabs'));
export const EDITOR_LABEL = 'Pod manifest';

/**
 * True once the first run (or its error) has been painted. CodeMirror loads only then: started with the
 * run, its module and first view landed before the frame that draws the diagram, and with a long trace
 * delayed that frame by about 100 ms.
 */
function useAfterFirstRunPainted(): boolean {
  const answered = useStore((s) => s.trace !== null || s.parseError !== null || s.runError !== null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!answered || ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A task queued from the next animation frame runs after that frame has been painted.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setReady(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [answered, ready]);
  return ready;
}

export interface ManifestEditorProps {
  onEdit: (text: string) => void;
  /** Shown under the editor: the offer to play a cluster edit at the playhead. */
  offer?: ReactNode;
}

export function ManifestEditor({ onEdit, offer }: ManifestEditorProps) {
  const text = useStore((s) => s.text);
  const error = useStore((s) => s.parseError);
  const runError = useStore((s) => s.runError);
  const storageNote = useStore((s) => s.storageNote);
  const file = useStore((s) => s.scenario?.manifestFile ?? MANIFEST_FILE);
  const ready = useAfterFirstRunPainted();
  const fallback = (
    <textarea
      className="pw-textarea"
      aria-label={EDITOR_LABEL}
      value={text}
      spellCheck={false}
      onChange={(e) => onEdit(e.target.value)}
    />
  );
  return (
    <section className="pw-editor" aria-labelledby="pw-editor-title">
      <div className="pw-editor-head">
        <h2 id="pw-editor-title">Manifests</h2>
        <span className="pw-editor-hint">kubectl apply -f {file}</span>
      </div>
      <div className="pw-editor-body">
        {ready ? (
          <Suspense fallback={fallback}>
            <ManifestTabs text={text} onEdit={onEdit} errorLine={error?.line ?? null} />
          </Suspense>
        ) : (
          fallback
        )}
      </div>
      {error ? (
        <p className="pw-error" role="alert">
          {formatParseError(error)}
        </p>
      ) : null}
      {runError ? (
        <p className="pw-error" role="alert">
          {runError}
        </p>
      ) : null}
      {storageNote ? <p className="pw-note">{storageNote}</p> : null}
      {offer}
    </section>
  );
}
