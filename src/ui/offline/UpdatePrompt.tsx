// "A new version of Podwalk is available": shown once a new build's service worker waits. Reload reopens
// the page where the user is (the share link of the current state) under the new version; Later keeps
// this version until every Podwalk tab has closed.
import { useState } from 'react';
import { useUpdateStore } from './updateStore';
import { SKIP_WAITING } from './swMessages';
import { useStore } from '../store';
import { shareLink, shareStateOf } from '../share/links';

/** Puts the current state in the address (without navigating), so the reload reopens it. */
async function keepStateInAddress(): Promise<void> {
  const { origin, pathname, search } = window.location;
  const link = await shareLink(`${origin}${pathname}${search}`, shareStateOf(useStore.getState()));
  if (link.ok) history.replaceState(history.state, '', link.url);
}

async function takeOver(worker: ServiceWorker): Promise<void> {
  await keepStateInAddress().catch(() => undefined);
  const sw = navigator.serviceWorker;
  sw.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  worker.postMessage({ type: SKIP_WAITING });
}

export function UpdatePrompt() {
  const waiting = useUpdateStore((s) => s.waiting);
  const dismissed = useUpdateStore((s) => s.dismissed);
  const [reloading, setReloading] = useState(false);
  if (!waiting || dismissed) return null;
  return (
    <div className="pw-update" role="status">
      <span>A new version of Podwalk is available.</span>
      <button
        type="button"
        className="pw-action"
        disabled={reloading}
        onClick={() => {
          setReloading(true);
          void takeOver(waiting);
        }}
      >
        {reloading ? 'Reloading…' : 'Reload'}
      </button>
      <button type="button" className="pw-action" onClick={() => useUpdateStore.getState().dismiss()}>
        Later
      </button>
    </div>
  );
}
