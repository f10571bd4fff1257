// The page itself: React and everything it renders, loaded by main.tsx once the simulation Worker has
// its first run (a chunk of its own, fetched while the Worker loads; see scripts/vite/preloadPage.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerServiceWorker } from './offline/registerServiceWorker';
import { useStore, type Store } from './store';

/** Once the first run is on screen (or has failed), or after 10 s at most. */
function firstRunSettled(): Promise<void> {
  const settled = (s: Store) => s.trace !== null || s.runError !== null || s.parseError !== null;
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      clearTimeout(timer);
      setTimeout(resolve); // after React has rendered it
    };
    const unsubscribe = useStore.subscribe((s) => settled(s) && done());
    const timer = setTimeout(done, 10_000);
  });
}

export function mountPage(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // Offline after the first visit (not in dev, nor in the single-file offline page: see vite.config.ts).
  if (import.meta.env.PROD && import.meta.env.MODE !== 'offline') registerServiceWorker(firstRunSettled());
}
