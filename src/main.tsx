// The entry: small on purpose. It starts the simulation Worker and gives it the page's first run
// (earlyWorker.ts) before the page's own code (React, the diagram, the editor: mountPage.tsx) has even
// loaded, so that the Worker's script, the first simulation and the page's script all load at once.
import './ui/app.css';
import { applyTheme, loadTheme } from './ui/theme';
import { prerunText, prestartSimWorker } from './ui/earlyWorker';
import { resolvePageStart } from './ui/share/pageStart';
import { readUrl } from './ui/urlState';

prestartSimWorker();
// Reading the start state takes a few milliseconds (a share link inflates asynchronously).
const firstRun = resolvePageStart(readUrl(window.location.search))
  .then((s) => prerunText(s.text))
  .catch(() => undefined);

// Before the first paint, so a chosen dark theme does not flash light.
applyTheme(loadTheme());

const root = document.getElementById('root');
// React renders once the run is posted, so that its first render never delays the post.
if (root) void Promise.all([import('./ui/mountPage'), firstRun]).then(([page]) => page.mountPage(root));
