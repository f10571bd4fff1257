// Registers dist/sw.js (scripts/vite/serviceWorker.ts) so the page works offline after its first visit.
// Production builds served over http(s) only: not the dev server, and not the offline single-file page,
// which needs none. Relative to the page, so it works from any sub-path. Registration waits for the load
// event and for the first run on screen (`ready`), so that precaching (every file of the build) never
// competes with the first paint nor with the simulation Worker's own script; a refusal (private mode, a
// sandboxed iframe) leaves the page as it is.
//
// Updates: after a deploy, the browser installs the new worker beside the old one and keeps it waiting
// (a worker swapped under a running page would serve it files of another build). The page offers
// "A new version of Podwalk is available — Reload" (src/ui/offline/UpdatePrompt); Reload tells the waiting
// worker to take over (SKIP_WAITING) and reloads once it controls the page. The page looks for an update
// when it is shown again after being hidden, as a tab left open for days would be.
import { useUpdateStore } from './updateStore';

function offerWhenInstalled(worker: ServiceWorker | null): void {
  if (!worker) return;
  const offer = () => {
    // Without a controller this is the first install: it takes over by itself, nothing to offer.
    if (worker.state === 'installed' && navigator.serviceWorker.controller)
      useUpdateStore.getState().setWaiting(worker);
  };
  offer();
  worker.addEventListener('statechange', offer);
}

function watch(registration: ServiceWorkerRegistration): void {
  offerWhenInstalled(registration.waiting);
  registration.addEventListener('updatefound', () => offerWhenInstalled(registration.installing));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void registration.update().catch(() => undefined);
  });
}

export function registerServiceWorker(ready: Promise<unknown> = Promise.resolve()): void {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(window.location.protocol)) return;
  const register = () =>
    void navigator.serviceWorker
      .register('./sw.js')
      .then(watch)
      .catch(() => undefined);
  const loaded = new Promise<void>((resolve) => {
    if (document.readyState === 'complete') resolve();
    else window.addEventListener('load', () => resolve(), { once: true });
  });
  void Promise.all([loaded, ready.catch(() => undefined)]).then(register);
}
