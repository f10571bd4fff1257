// After a Cluster-tab edit that only adds Nodes or deletes bound Pods, made while a pod was Pending at the
// playhead, the re-run plays from the start as every edit does; this offer plays the edit instead as the
// cluster events it would be at the playhead (a node joining, a pod deleted), so the scheduler's requeue
// shows. Applying it turns the edit into timeline actions, as the Intervene menu's, and the Cluster tab
// goes back to the cluster the run starts with.
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace/types';
import { useStore } from './store';
import { saveText } from './persistence';
import { formatVirtualTime } from './Controls';
import { clusterChanges, describeChange, pendingPodsAt, withClusterChangesAt } from './liveCluster';

interface EditBase {
  trace: Trace;
  scenario: Scenario;
  delivered: number;
  text: string;
}

/** The run on screen when the user began editing, kept until an edit is offered, applied or dismissed. */
const useEditBase = create<{ base: EditBase | null }>()(() => ({ base: null }));

/** Called on every edit: keeps the run from before the first of a burst of edits. */
export function noteEditBase(): void {
  if (useEditBase.getState().base) return;
  const s = useStore.getState();
  if (!s.trace || !s.scenario || s.running) return;
  const delivered = Math.floor(s.playhead);
  useEditBase.setState({ base: { trace: s.trace, scenario: s.scenario, delivered, text: s.text } });
}

export function forgetEditBase(): void {
  useEditBase.setState({ base: null });
}

function useOffer() {
  const base = useEditBase((s) => s.base);
  const scenario = useStore((s) => s.scenario);
  const running = useStore((s) => s.running);
  const offer = useMemo(() => {
    if (!base || !scenario || running || scenario === base.scenario || base.delivered === 0) return null;
    const changes = clusterChanges(base.scenario, scenario);
    const pending = changes ? pendingPodsAt(base.trace, base.delivered) : [];
    return changes && pending.length > 0 ? { base, changes, pending } : null;
  }, [base, scenario, running]);
  // A settled run that is not such an edit ends the burst: the next edit starts from what is on screen.
  useEffect(() => {
    if (base && scenario && !running && scenario !== base.scenario && !offer) forgetEditBase();
  }, [base, scenario, running, offer]);
  return offer;
}

export function LiveClusterOffer({ runScenario }: { runScenario: (s: Scenario) => void }) {
  const offer = useOffer();
  if (!offer) return null;
  const { base, changes, pending } = offer;
  const at = formatVirtualTime(base.trace.messages[base.delivered - 1]?.t ?? null);
  const what = changes.map(describeChange).join(', ');
  const apply = () => {
    forgetEditBase();
    const st = useStore.getState();
    st.setText(base.text);
    st.setStorageNote(saveText(base.text));
    st.seek(base.delivered);
    runScenario(withClusterChangesAt(base.scenario, base.trace, base.delivered, changes));
  };
  return (
    <div className="pw-live-offer" role="region" aria-label="Cluster change">
      <p>
        The cluster changed while {pending.join(', ')} {pending.length === 1 ? 'was' : 'were'} Pending at step{' '}
        {base.delivered}, so the run replays from the start. Or play the change at {at}: {what}.
      </p>
      <div className="pw-live-offer-actions">
        <button type="button" onClick={apply}>
          Apply at {at}
        </button>
        <button type="button" onClick={forgetEditBase}>
          Keep the replay
        </button>
      </div>
    </div>
  );
}
