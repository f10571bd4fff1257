// Part 2: gzip size of the JavaScript that dist/index.html loads up front (<script src> and
// <link rel=modulepreload>), plus the other chunks in dist/assets (lazy import(), workers) for information.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { fmt, heading, table } from './util.mjs';

export const GZIP_LEVEL = 9;
const kib = (bytes) => bytes / 1024;

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newestMtime(join(path, name)));
  return max;
}

function distIsStale(root) {
  const html = join(root, 'dist/index.html');
  if (!existsSync(html)) return 'dist/index.html is missing';
  const built = statSync(html).mtimeMs;
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'];
  const newest = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  return newest > built ? 'sources are newer than dist/index.html' : null;
}

/** mode: 'auto' (build when stale), 'always', 'never'. Returns whether dist/ is usable. */
export function ensureBuilt(root, mode) {
  const why = mode === 'always' ? 'forced (--build)' : mode === 'never' ? null : distIsStale(root);
  if (!why) {
    console.log(
      mode === 'never' ? 'build: skipped (--no-build)' : 'build: dist/ is up to date, not rebuilding',
    );
    return existsSync(join(root, 'dist/index.html'));
  }
  console.log(`build: running vite build (${why}) ...`);
  const t0 = Date.now();
  const r = spawnSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.status !== 0) {
    console.log(
      `build: vite build FAILED (exit ${r.status}); using whatever dist/ holds\n${(r.stderr || r.stdout || '').trim()}`,
    );
  } else console.log(`build: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return existsSync(join(root, 'dist/index.html'));
}

function initialScripts(html) {
  const files = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name) => tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i'))?.[1];
    if (/^<script/i.test(tag) && attr('src')) files.push(attr('src'));
    else if (/^<link/i.test(tag) && /(^|\s)modulepreload(\s|$)/i.test(attr('rel') ?? '') && attr('href'))
      files.push(attr('href'));
  }
  return files.filter((f) => !/^(https?:)?\/\//.test(f)).map((f) => f.replace(/^\.?\//, ''));
}

function gz(path) {
  const buf = readFileSync(path);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: GZIP_LEVEL, strategy: constants.Z_DEFAULT_STRATEGY }).length,
  };
}

export function benchBundle(root, buildMode) {
  heading(`2. Initial JS, gzip level ${GZIP_LEVEL} (node:zlib)`);
  if (!ensureBuilt(root, buildMode)) {
    console.log('no dist/index.html: bundle figures unavailable');
    return { initialKiB: NaN, files: [] };
  }
  const dist = join(root, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [...new Set(initialScripts(html))];
  const rows = [];
  let total = 0;
  let totalRaw = 0;
  for (const f of initial) {
    const p = join(dist, f);
    if (!existsSync(p)) {
      rows.push([f, 'missing', '']);
      continue;
    }
    const s = gz(p);
    total += s.gzip;
    totalRaw += s.raw;
    rows.push([f, fmt(kib(s.raw)), fmt(kib(s.gzip))]);
  }
  rows.push(['TOTAL initial JS', fmt(kib(totalRaw)), fmt(kib(total))]);
  console.log(table(rows, ['file (from dist/index.html)', 'raw KiB', 'gzip KiB']));

  const assets = join(dist, 'assets');
  const initialSet = new Set(initial.map((f) => relative(dist, join(dist, f))));
  const lazy = existsSync(assets)
    ? readdirSync(assets)
        .filter((n) => /\.m?js$/.test(n))
        .map((n) => relative(dist, join(assets, n)))
        .filter((f) => !initialSet.has(f))
        .sort()
    : [];
  if (lazy.length) {
    const lrows = lazy.map((f) => {
      const s = gz(join(dist, f));
      return [f, fmt(kib(s.raw)), fmt(kib(s.gzip))];
    });
    console.log('\nother chunks (lazy import() / workers; not counted above):');
    console.log(table(lrows, ['file', 'raw KiB', 'gzip KiB']));
  }
  const css = existsSync(assets) ? readdirSync(assets).filter((n) => n.endsWith('.css')) : [];
  if (css.length)
    console.log(
      `\ncss (not counted): ${css.map((n) => `${basename(n)} ${fmt(kib(gz(join(assets, n)).gzip))} KiB gzip`).join(', ')}`,
    );
  return { initialKiB: kib(total), files: initial };
}
