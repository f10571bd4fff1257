// Shared by the page parts of the bench: `vite preview` in its own process group, headless Chromium
// with the flags these machines need, and in-page timing helpers (run inside page.evaluate).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function startPreview(root, port) {
  // Same as `npx vite preview ...`, started from the local bin in its own process group so that the
  // whole group (and only it) can be stopped at the end.
  const child = spawn(
    join(root, 'node_modules/.bin/vite'),
    ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = null;
  child.on('exit', (code) => (exited = code));
  const stop = () => {
    if (exited !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const ready = async () => {
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 100; i++) {
      if (exited !== null) throw new Error(`vite preview exited (${exited}):\n${output.trim()}`);
      try {
        const r = await fetch(url);
        if (r.ok) return url;
      } catch {
        /* not up yet */
      }
      await sleep(100);
    }
    throw new Error(`vite preview did not answer on ${url} within 10 s:\n${output.trim()}`);
  };
  return { ready, stop };
}

export function chromePath() {
  return process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

/** Starts the preview server and a browser, runs `fn({ browser, url })`, and always cleans up. */
export async function withBrowser(root, port, fn) {
  const preview = startPreview(root, port);
  let browser;
  try {
    const url = await preview.ready();
    browser = await chromium.launch({ executablePath: chromePath(), args: ARGS, headless: true });
    return await fn({ browser, url });
  } finally {
    await browser?.close().catch(() => {});
    preview.stop();
  }
}

// Runs in the page: rAF loop for `ms`, deltas between callbacks measured with performance.now().
export const rafLoop = (ms) =>
  new Promise((resolve) => {
    const deltas = [];
    const t0 = performance.now();
    let last;
    const frame = () => {
      const now = performance.now();
      if (last !== undefined) deltas.push(now - last);
      last = now;
      if (now - t0 < ms) requestAnimationFrame(frame);
      else resolve({ deltas, t0, t1: now });
    };
    requestAnimationFrame(frame);
  });
