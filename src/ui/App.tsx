// The page: manifest editor, the sequence diagram with its player, and the narration beside it.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useStore } from './store';
import { useSimulation } from './useSimulation';
import { usePlayback } from './usePlayback';
import { useKeyboard } from './useKeyboard';
import { ManifestEditor } from './ManifestEditor';
import { Controls } from './Controls';
import { PodStatus } from './PodStatus';
import { Narration } from './Narration';
import { ActivityLog } from './ActivityLog';
import { Stage } from './Stage';
import { ScenarioPicker } from './ScenarioPicker';
import { loadSavedText, saveText } from './persistence';
import { readUrl } from './urlState';
import { DEFAULT_MANIFEST_TEXT, getPreset } from '../scenario/presetTexts';
import { firstSeqOfActivity, mainPod, podObjectAt } from '../sim/trace/at';
import { withDeleteNow } from './interventions';

const EDIT_DEBOUNCE_MS = 250;

function initialText(scenarioId: string | null): string {
  const preset = scenarioId ? getPreset(scenarioId) : undefined;
  return preset?.text ?? loadSavedText() ?? DEFAULT_MANIFEST_TEXT;
}

export function App() {
  const url = useMemo(() => readUrl(window.location.search), []);
  const { runText, runScenario } = useSimulation();
  const trace = useStore((s) => s.trace);
  const scenario = useStore((s) => s.scenario);
  const playhead = useStore((s) => s.playhead);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingStart = useRef<{ step: number | null; activity: number | null } | null>({
    step: url.step,
    activity: url.activity,
  });
  usePlayback();
  useKeyboard();

  useEffect(() => {
    const text = initialText(url.scenario);
    useStore.getState().setText(text);
    runText(text);
  }, [url.scenario, runText]);

  // The first trace opens at ?step= or ?activity= when the address asks for one.
  useEffect(() => {
    const start = pendingStart.current;
    if (!trace || !start) return;
    pendingStart.current = null;
    const seq = start.activity !== null ? firstSeqOfActivity(trace, start.activity) : start.step;
    if (seq !== null) useStore.getState().seek(seq);
  }, [trace]);

  const onEdit = useCallback(
    (text: string) => {
      useStore.getState().setText(text);
      useStore.getState().setStorageNote(saveText(text));
      if (debounce.current) clearTimeout(debounce.current);
      debounce.current = setTimeout(() => runText(text), EDIT_DEBOUNCE_MS);
    },
    [runText],
  );

  const onPickPreset = useCallback(
    (id: string) => {
      const preset = getPreset(id);
      if (!preset) return;
      useStore.getState().restart();
      onEdit(preset.text);
    },
    [onEdit],
  );

  const delivered = Math.floor(playhead);
  const podKey = trace ? mainPod(trace) : null;
  const pod = trace && podKey ? podObjectAt(trace, delivered, podKey) : undefined;
  const message = trace && delivered > 0 ? (trace.messages[delivered - 1] ?? null) : null;
  const canDelete = Boolean(pod && !pod.metadata.deletionTimestamp && scenario);
  const onDeletePod = useCallback(() => {
    if (!trace || !scenario || !podKey) return;
    runScenario(withDeleteNow(scenario, trace, delivered, podKey));
  }, [trace, scenario, podKey, delivered, runScenario]);

  return (
    <div className="pw-app">
      <header className="pw-header">
        <h1>Podwalk</h1>
        <p className="pw-tagline">How Kubernetes turns a pod manifest into running containers</p>
        <ScenarioPicker onPick={onPickPreset} />
      </header>
      <main className="pw-main">
        <ManifestEditor onEdit={onEdit} />
        <section className="pw-stage" aria-label="Player">
          {trace ? (
            <Stage trace={trace} playhead={playhead} onSelect={(seq) => useStore.getState().seek(seq)} />
          ) : (
            <div className="pw-loading">Simulating…</div>
          )}
          <Controls onDeletePod={onDeletePod} canDelete={canDelete} virtualMs={message?.t ?? null} />
          <PodStatus podKey={podKey} object={pod} />
        </section>
        <aside className="pw-side">
          <Narration trace={trace} message={message} delivered={delivered} pod={pod} />
          <ActivityLog trace={trace} delivered={delivered} />
        </aside>
      </main>
    </div>
  );
}
