import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { precacheList, serviceWorkerSource } from './serviceWorker';

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
  it('precaches every built file by a relative URL, but not itself or the offline template', () => {
    const { files } = precacheList(fakeDist('x'));
    expect(files).toEqual(['./', 'assets/index-A.js', 'index.html']);
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
});
