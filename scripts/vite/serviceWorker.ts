// dist/sw.js: a service worker that keeps Podwalk working offline after the first visit. It precaches
// every file the build wrote (index.html, hashed JS and CSS, the Worker chunk, the lazy editor and export
// chunks, public files) and serves them cache-first. The cache name carries a hash of those files, so a
// new build installs a new cache and its activation deletes the old one. Every URL is relative to sw.js,
// so the site works from any sub-path. The page registers it in production only (src/ui/offline).
// A new build's worker installs beside the old one and waits: the page offers a reload, and on the
// user's word posts SKIP_WAITING, so a running page is never switched to another build's files midway.
import type { Plugin } from 'vite';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SKIP_WAITING } from '../../src/ui/offline/swMessages.ts';

export const SW_FILE = 'sw.js';
/**
 * Not precached: sw.js itself. The offline template (about 460 KiB gzip) is precached with the rest: kept
 * only when first exported, it was sometimes missing from the cache when a later export ran offline.
 * Precaching starts once the first run is on screen (src/ui/offline), so it does not slow the first paint.
 */
const SKIP = new Set([SW_FILE]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The files to precache, as URLs relative to sw.js, and a version that changes when any of them does. */
export function precacheList(outDir: string): { files: string[]; version: string } {
  const hash = createHash('sha256');
  const files = walk(outDir)
    .map((p) => relative(outDir, p).split(sep).join('/'))
    .filter((f) => !SKIP.has(f) && !f.endsWith('.map'))
    .sort();
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(join(outDir, f)));
  return { files: ['./', ...files], version: hash.digest('hex').slice(0, 16) };
}

export function serviceWorkerSource(files: readonly string[], version: string): string {
  return `// Podwalk's service worker, written by scripts/vite/serviceWorker.ts at build time.
const CACHE = ${JSON.stringify(`podwalk-${version}`)};
const PRECACHE = ${JSON.stringify(files, null, 1)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(keys.filter((k) => k.startsWith('podwalk-') && k !== CACHE).map((k) => caches.delete(k)));
      await self.clients.claim();
    })(),
  );
});

// The page's "Reload" on "A new version of Podwalk is available" (src/ui/offline/UpdatePrompt.tsx).
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === ${JSON.stringify(SKIP_WAITING)}) self.skipWaiting();
});

async function respond(request) {
  const cache = await caches.open(CACHE);
  // A page address may carry ?scenario=, ?embed=1 and so on: it is still index.html. ignoreVary: servers
  // send Vary: Origin, and the page's crossorigin script requests carry an Origin that precaching did not.
  const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate', ignoreVary: true });
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && request.url.startsWith(self.registration.scope)) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const page = request.mode === 'navigate' ? await cache.match('./', { ignoreVary: true }) : undefined;
    if (page) return page;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(respond(request));
});
`;
}

export function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'podwalk:service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    // After every other plugin's closeBundle: the offline template is written by a second build there.
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const { files, version } = precacheList(outDir);
        writeFileSync(join(outDir, SW_FILE), serviceWorkerSource(files, version));
      },
    },
  };
}
