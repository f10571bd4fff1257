import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import './ui/app.css';
import { applyTheme, loadTheme } from './ui/theme';
import { registerServiceWorker } from './ui/offline/registerServiceWorker';
import { prerunText, prestartSimWorker } from './ui/earlyWorker';
import { resolvePageStart } from './ui/share/pageStart';
import { readUrl } from './ui/urlState';
import { useStore, type Store } from './ui/store';

// The simulation Worker loads, and runs the page's first scenario, while React renders the page
// (earlyWorker.ts). Reading the start state takes a few milliseconds (a share link inflates
// asynchronously); React renders once the run is posted, so that its render never delays the post.
prestartSimWorker();
const firstRun = resolvePageStart(readUrl(window.location.search))
  .then((s) => prerunText(s.text))
  .catch(() => undefined);

// Before the first paint, so a chosen dark theme does not flash light.
applyTheme(loadTheme());

const root = document.getElementById('root');
if (root) {
  void firstRun.then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}

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

// Offline after the first visit (not in dev, nor in the single-file offline page: see vite.config.ts).
if (import.meta.env.PROD && import.meta.env.MODE !== 'offline') registerServiceWorker(firstRunSettled());
