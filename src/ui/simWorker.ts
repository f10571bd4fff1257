// The simulation Worker as a separate module script (dist/assets/sim.worker-*.js). The offline single-file
// build swaps this module for simWorker.inline.ts (scripts/vite/offlineHtml.ts): a page opened from a
// file:// URL may not start a Worker from another file.
export function createSimWorker(): Worker {
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
}
