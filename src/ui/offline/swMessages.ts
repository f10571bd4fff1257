// Messages between the page and dist/sw.js, shared by both (the worker's source is written at build time
// by scripts/vite/serviceWorker.ts).

/** Page → waiting worker: the user chose Reload; take over now. */
export const SKIP_WAITING = 'podwalk:skip-waiting';
