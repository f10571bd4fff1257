// "Embed": the <iframe> snippet for the current state (its share link with ?embed=1), with the embed
// options a trainer is likely to want: autoplay and which lanes to show.
import { useEffect, useState } from 'react';
import { useStore } from '../store';
import { LANES, lanesOf, type Lane } from '../../sim/trace/types';
import { Modal } from '../share/Modal';
import { baseUrl, embedUrl, iframeSnippet, shareLink, shareStateOf } from '../share/links';

function useSnippet(autoplay: boolean, lanes: readonly Lane[] | null): string {
  const [snippet, setSnippet] = useState('');
  useEffect(() => {
    let live = true;
    const base = baseUrl(window.location);
    void shareLink(base, shareStateOf(useStore.getState())).then((link) => {
      if (!live) return;
      setSnippet(link.ok ? iframeSnippet(embedUrl(base, link.hash, { autoplay, lanes })) : link.message);
    });
    return () => {
      live = false;
    };
  }, [autoplay, lanes]);
  return snippet;
}

function LanePicker({
  lanes,
  available,
  onChange,
}: {
  lanes: readonly Lane[];
  available: readonly Lane[];
  onChange: (l: Lane[]) => void;
}) {
  const toggle = (lane: Lane, on: boolean) =>
    onChange(available.filter((l) => (l === lane ? on : lanes.includes(l))));
  return (
    <fieldset className="pw-lanes">
      <legend>Lanes to show</legend>
      {available.map((lane) => {
        const checked = lanes.includes(lane);
        return (
          <label key={lane}>
            <input
              type="checkbox"
              checked={checked}
              // At least one lane stays: a diagram of none shows nothing.
              disabled={checked && lanes.length === 1}
              onChange={(e) => toggle(lane, e.target.checked)}
            />{' '}
            {lane}
          </label>
        );
      })}
    </fieldset>
  );
}

function CopyCode({ code }: { code: string }) {
  const [note, setNote] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setNote('Code copied');
    } catch {
      setNote('Select the code above and copy it (Ctrl+C or ⌘C).');
    }
  };
  return (
    <div className="pw-modal-actions">
      <button type="button" className="pw-action" onClick={() => void copy()} disabled={!code}>
        Copy code
      </button>
      <span role="status" aria-live="polite">
        {note}
      </span>
    </div>
  );
}

export function EmbedDialog({ onClose }: { onClose: () => void }) {
  const [autoplay, setAutoplay] = useState(false);
  // Only the lanes this run draws (the runtime lanes, kube-controller-manager appear when used).
  const trace = useStore((s) => s.trace);
  const available = trace ? lanesOf(trace) : LANES;
  const [lanes, setLanes] = useState<readonly Lane[]>(available);
  const snippet = useSnippet(autoplay, lanes.length === available.length ? null : lanes);
  return (
    <Modal title="Embed Podwalk" onClose={onClose} className="pw-embed-dialog">
      <p>Paste this into a web page to show the diagram, the player and the narration at this step.</p>
      <label className="pw-check">
        <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} /> Start
        playing when the page opens
      </label>
      <LanePicker lanes={lanes} available={available} onChange={setLanes} />
      <label className="pw-field">
        <span>Embed code</span>
        <textarea
          className="pw-code"
          readOnly
          rows={5}
          value={snippet}
          data-autofocus
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <CopyCode code={snippet} />
    </Modal>
  );
}
