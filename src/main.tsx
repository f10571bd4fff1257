import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import './ui/app.css';
import { applyTheme, loadTheme } from './ui/theme';
import { registerServiceWorker } from './ui/offline/registerServiceWorker';
import { prestartSimWorker } from './ui/useSimulation';

// The simulation Worker loads while React renders the page (see prestartSimWorker).
prestartSimWorker();

// Before the first paint, so a chosen dark theme does not flash light.
applyTheme(loadTheme());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// Offline after the first visit (not in dev, nor in the single-file offline page: see vite.config.ts).
if (import.meta.env.PROD && import.meta.env.MODE !== 'offline') registerServiceWorker();
