// Registers dist/sw.js (scripts/vite/serviceWorker.ts) so the page works offline after its first visit.
// Production builds served over http(s) only: not the dev server, and not the offline single-file page,
// which needs none. Relative to the page, so it works from any sub-path. Registration waits for the load
// event so that precaching never competes with the first paint; a refusal (private mode, a sandboxed
// iframe) leaves the page as it is.
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(window.location.protocol)) return;
  const register = () => void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
