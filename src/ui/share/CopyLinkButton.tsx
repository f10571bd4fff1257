// "Copy link": the current state as a share link, to the clipboard. Where the clipboard is unavailable
// (insecure context, permission denied, old browser) the link is shown selected in a dialog instead.
import { useState } from 'react';
import { useStore } from '../store';
import { baseUrl, shareLink, shareStateOf } from './links';
import { Modal } from './Modal';
import { useTransientStatus } from './useTransientStatus';

async function copy(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function CopyLinkButton() {
  const [status, show] = useTransientStatus();
  const [fallback, setFallback] = useState<string | null>(null);
  const onClick = async () => {
    const link = await shareLink(baseUrl(window.location), shareStateOf(useStore.getState()));
    if (!link.ok) return show(link.message);
    if (await copy(link.url)) show('Link copied');
    else setFallback(link.url);
  };
  return (
    <>
      <button type="button" className="pw-action" onClick={() => void onClick()}>
        Copy link
      </button>
      <span className="pw-action-status" role="status" aria-live="polite">
        {status}
      </span>
      {fallback ? <LinkDialog url={fallback} onClose={() => setFallback(null)} /> : null}
    </>
  );
}

function LinkDialog({ url, onClose }: { url: string; onClose: () => void }) {
  return (
    <Modal title="Share link" onClose={onClose}>
      <p>This browser did not let Podwalk use the clipboard. Copy the link below (it is selected).</p>
      <label className="pw-field">
        <span>Link to this state</span>
        <textarea
          className="pw-code"
          readOnly
          rows={4}
          value={url}
          data-autofocus
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
    </Modal>
  );
}
