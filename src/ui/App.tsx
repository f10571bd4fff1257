// The page: manifest editor, the sequence diagram with its player, and the narration beside it. With
// ?embed=1, only the diagram, the controls and the narration (src/ui/embed), driven by postMessage too.
import { useCallback, useDeferredValue, useMemo, useRef, type ReactNode } from 'react';
import { useStore } from './store';
import { useSimulation } from './useSimulation';
import { usePlayback } from './usePlayback';
import { useSettledStep } from './useSettledStep';
import { useKeyboard } from './useKeyboard';
import { forgetEditBase, LiveClusterOffer, noteEditBase } from './LiveClusterOffer';
import { ManifestEditor } from './ManifestEditor';
import { Controls } from './Controls';
import { PodStatus } from './PodStatus';
import { Narration } from './Narration';
import { Inspector } from './Inspector';
import { PredictQuestion, PredictToggle } from './predict/Predict';
import { Timeline } from './Timeline';
import { Stage } from './Stage';
import { ScenarioPicker } from './ScenarioPicker';
import { HeaderActions } from './HeaderActions';
import { saveText } from './persistence';
import { readUrl } from './urlState';
import { getPreset } from '../scenario/presetTexts';
import { mainPod, podObjectAt } from '../sim/trace/at';
import type { Scenario } from '../sim/scenario';
import { withDeleteNow } from './interventions';
import { Interventions } from './InterveneMenu';
import { useStartup } from './share/useStartup';
import { ShareAlert } from './share/ShareAlert';
import { EmbedLayout } from './embed/EmbedLayout';
import { useEmbedApi } from './embed/useEmbedApi';
import { UpdatePrompt } from './offline/UpdatePrompt';

const EDIT_DEBOUNCE_MS = 250;

/** What every layout shows at the playhead, derived from the trace (never stored). */
function usePlayerView(runScenario: (s: Scenario) => void) {
  const trace = useStore((s) => s.trace);
  const scenario = useStore((s) => s.scenario);
  // While the timeline is dragged, the side of the page waits for the drag to rest (useSettledStep). And
  // it renders as a deferred, interruptible update: the diagram (which reads the playhead itself) moves
  // first, and the narration, log and status follow without holding up the frame the arrow lands in.
  const delivered = useDeferredValue(useSettledStep());
  const podKey = trace ? mainPod(trace) : null;
  const pod = trace && podKey ? podObjectAt(trace, delivered, podKey) : undefined;
  const message = trace && delivered > 0 ? (trace.messages[delivered - 1] ?? null) : null;
  const canDelete = Boolean(pod && !pod.metadata.deletionTimestamp && scenario);
  const onDeletePod = useCallback(() => {
    if (!trace || !scenario || !podKey) return;
    runScenario(withDeleteNow(scenario, trace, delivered, podKey));
  }, [trace, scenario, podKey, delivered, runScenario]);
  return { trace, scenario, delivered, podKey, pod, message, canDelete, onDeletePod, runScenario };
}

/** A share link describes the state it was opened with; once the user edits, drop it from the address. */
function forgetShareHash(): void {
  if (window.location.hash.length > 1)
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
}

/** Edits from the editor and the preset menu: saved, debounced, and they take over from a share link. */
function useEditing(runText: (text: string) => void, cancel: () => void) {
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onEdit = useCallback(
    (text: string) => {
      // The editor echoes text the page set (a share link, a load): that is not an edit.
      if (text === useStore.getState().text) return;
      cancel();
      forgetShareHash();
      noteEditBase();
      useStore.getState().setText(text);
      useStore.getState().setStorageNote(saveText(text));
      if (debounce.current) clearTimeout(debounce.current);
      debounce.current = setTimeout(() => runText(text), EDIT_DEBOUNCE_MS);
    },
    [runText, cancel],
  );
  const onPickPreset = useCallback(
    (id: string) => {
      const preset = getPreset(id);
      if (!preset) return;
      useStore.getState().restart();
      onEdit(preset.text);
      forgetEditBase();
    },
    [onEdit],
  );
  return { onEdit, onPickPreset };
}

/** postMessage `podwalk:load`: a new text from the embedding page, played from the start, not saved. */
function useEmbedLoad(runText: (text: string) => void, cancel: () => void) {
  return useCallback(
    (text: string) => {
      cancel();
      useStore.getState().restart();
      useStore.getState().setText(text);
      runText(text);
    },
    [runText, cancel],
  );
}

export function App() {
  const url = useMemo(() => readUrl(window.location.search), []);
  const { runText, runScenario } = useSimulation();
  const startup = useStartup(url, { runText, runScenario }, { autoplay: url.autoplay });
  usePlayback();
  useKeyboard();
  const view = usePlayerView(runScenario);
  const { onEdit, onPickPreset } = useEditing(runText, startup.cancel);
  const load = useEmbedLoad(runText, startup.cancel);
  useEmbedApi({ enabled: url.embed, origins: url.origins, load });

  const alert = startup.shareError ? (
    <ShareAlert message={startup.shareError} onDismiss={startup.dismissShareError} />
  ) : null;
  if (url.embed) return <EmbedLayout {...view} lanes={url.lanes} alert={alert} />;
  return <FullLayout view={view} onEdit={onEdit} onPickPreset={onPickPreset} alert={alert} />;
}

interface FullLayoutProps {
  view: ReturnType<typeof usePlayerView>;
  onEdit: (text: string) => void;
  onPickPreset: (id: string) => void;
  alert: ReactNode;
}

const seekTo = (seq: number): void => useStore.getState().seek(seq);

function FullLayout({ view, onEdit, onPickPreset, alert }: FullLayoutProps) {
  const { trace, delivered, podKey, pod, message } = view;
  return (
    <div className="pw-app">
      <header className="pw-header">
        <h1>Podwalk</h1>
        <p className="pw-tagline">How Kubernetes turns a pod manifest into running containers</p>
        <ScenarioPicker onPick={onPickPreset} />
        <HeaderActions />
        {alert}
        <UpdatePrompt />
      </header>
      <main className="pw-main">
        <ManifestEditor onEdit={onEdit} offer={<LiveClusterOffer runScenario={view.runScenario} />} />
        <section className="pw-stage" aria-label="Player">
          {trace ? <Stage trace={trace} onSelect={seekTo} /> : <div className="pw-loading">Simulating…</div>}
          <Controls extra={<PredictToggle />} onDeletePod={view.onDeletePod} canDelete={view.canDelete} />
          {trace ? <Timeline trace={trace} /> : null}
          <div className="pw-status-row">
            <PodStatus podKey={podKey} object={pod} />
            <Interventions
              trace={trace}
              scenario={view.scenario}
              delivered={delivered}
              podKey={podKey}
              pod={pod}
              runScenario={view.runScenario}
            />
          </div>
        </section>
        <aside className="pw-side">
          <PredictQuestion trace={trace} />
          <Narration trace={trace} message={message} delivered={delivered} pod={pod} />
          <Inspector trace={trace} delivered={delivered} podKey={podKey} pod={pod} onEdit={onEdit} />
        </aside>
      </main>
    </div>
  );
}
