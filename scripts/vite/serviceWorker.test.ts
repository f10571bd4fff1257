import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { precacheList, serviceWorkerSource } from './serviceWorker';
import { SKIP_WAITING } from '../../src/ui/offline/swMessages';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function fakeDist(js: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'podwalk-sw-'));
  made.push(dir);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<html></html>');
  writeFileSync(join(dir, 'assets/index-A.js'), js);
  writeFileSync(join(dir, 'sw.js'), 'old');
  writeFileSync(join(dir, 'podwalk-offline.html'), 'big');
  return dir;
}

describe('the service worker', () => {
  it('precaches every built file by a relative URL, the offline template too, but not itself', () => {
    const { files } = precacheList(fakeDist('x'));
    expect(files).toEqual(['./', 'assets/index-A.js', 'index.html', 'podwalk-offline.html']);
  });

  it('gets a new cache name when any built file changes', () => {
    const a = precacheList(fakeDist('x')).version;
    expect(precacheList(fakeDist('x')).version).toBe(a);
    expect(precacheList(fakeDist('y')).version).not.toBe(a);
  });

  it('is valid JavaScript naming its cache and list', () => {
    const source = serviceWorkerSource(['./', 'index.html'], 'abc');
    // Compiled, not run: the script needs a service worker's global scope.
    expect(() => new Script(source)).not.toThrow();
    expect(source).toContain('const CACHE = "podwalk-abc";');
    expect(source).toContain('"index.html"');
  });

  it('waits after installing, and takes over only when the page posts SKIP_WAITING', () => {
    const source = serviceWorkerSource(['./'], 'abc');
    const skipWaiting = vi.fn();
    const listeners: Record<string, (e: unknown) => void> = {};
    const self = {
      addEventListener: (t: string, f: (e: unknown) => void) => (listeners[t] = f),
      skipWaiting,
    };
    const caches = { open: () => Promise.resolve({ addAll: () => Promise.resolve() }) };
    new Script(source).runInNewContext({ self, caches, fetch: () => undefined });
    listeners.install?.({ waitUntil: () => undefined }); // installing does not take over
    listeners.message?.({ data: { type: 'something else' } });
    listeners.message?.({ data: null });
    expect(skipWaiting).not.toHaveBeenCalled();
    listeners.message?.({ data: { type: SKIP_WAITING } });
    expect(skipWaiting).toHaveBeenCalledTimes(1);
  });
});
