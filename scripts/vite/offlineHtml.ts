// The offline single-file page, dist/podwalk-offline.html: the whole app (JS, CSS, the simulation Worker)
// inside one HTML file that opens from a file:// URL with no network. The Export menu's "Offline HTML"
// fetches it and puts the current state in its placeholder (src/ui/share/embeddedState.ts).
//
// `vite build` makes it after the main build with a second build in mode 'offline' (this config file):
// no code splitting, assets inlined, the Worker swapped for an inline one, and the emitted index.html
// turned into one self-contained file. The main app's chunks are untouched by any of this.
import { build, type Plugin, type UserConfig } from 'vite';
import type { OutputBundle } from 'rolldown';
import { fileURLToPath } from 'node:url';
import { STATE_PLACEHOLDER } from '../../src/ui/share/embeddedState.ts';

export const OFFLINE_MODE = 'offline';
export const OFFLINE_FILE = 'podwalk-offline.html';

const root = fileURLToPath(new URL('../../', import.meta.url));
const inlineWorkerFactory = fileURLToPath(new URL('../../src/ui/simWorker.inline.ts', import.meta.url));

/** `</script` and `<!--` inside inlined JS would end or confuse the script element; both stay valid JS. */
export function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const styleSafe = (css: string): string => css.replace(/<\/(style)/gi, '<\\/$1');

/** index.html with its module script and stylesheets inlined and the state placeholder added. */
export function inlineHtml(html: string, scripts: Map<string, string>, styles: Map<string, string>): string {
  const file = (href: string) => href.replace(/^\.?\//, '');
  let out = html.replace(
    /<script type="module" crossorigin src="([^"]+)"><\/script>/g,
    (tag, src: string) => {
      const code = scripts.get(file(src));
      if (code === undefined) throw new Error(`offline build: no chunk for ${tag}`);
      return `<script type="module">${scriptSafe(code)}</script>`;
    },
  );
  out = out.replace(/<link rel="stylesheet" crossorigin href="([^"]+)">/g, (tag, href: string) => {
    const css = styles.get(file(href));
    if (css === undefined) throw new Error(`offline build: no stylesheet for ${tag}`);
    return `<style>${styleSafe(css)}</style>`;
  });
  if (/<(script|link)\b[^>]*\b(src|href)="(?!data:)/i.test(out))
    throw new Error('offline build: the page still refers to a file beside it');
  // Before the module script, so the first match of the placeholder is this one, never text in the JS.
  const at = out.indexOf('<script type="module">');
  if (at < 0) throw new Error('offline build: no module script in index.html');
  return `${out.slice(0, at)}${STATE_PLACEHOLDER}\n    ${out.slice(at)}`;
}

/**
 * With code splitting off, Vite leaves its preload-list marker in the inlined dynamic imports unreplaced
 * (Vite 8.3); there is nothing to preload in one file, so the list is empty.
 */
export function withoutPreloadMarker(code: string): string {
  return code.replace(/\b__VITE_PRELOAD__\b/g, 'void 0');
}

/** Replaces the build's output with the one self-contained HTML file. */
function singleFile(): Plugin {
  return {
    name: 'podwalk:single-file',
    enforce: 'post',
    generateBundle(_options, bundle: OutputBundle) {
      const scripts = new Map<string, string>();
      const styles = new Map<string, string>();
      let html: string | null = null;
      for (const [name, item] of Object.entries(bundle)) {
        if (item.type === 'chunk') scripts.set(name, withoutPreloadMarker(item.code));
        else if (name.endsWith('.css')) styles.set(name, String(item.source));
        else if (name === 'index.html') html = String(item.source);
        else throw new Error(`offline build: unexpected file ${name} (everything must be inlined)`);
        delete bundle[name];
      }
      if (html === null) throw new Error('offline build: no index.html');
      this.emitFile({ type: 'asset', fileName: OFFLINE_FILE, source: inlineHtml(html, scripts, styles) });
    },
  };
}

/** The config of the offline build: everything in one file, the Worker inline. */
export function offlineConfig(): UserConfig {
  return {
    publicDir: false,
    resolve: { alias: [{ find: /^\.\/simWorker$/, replacement: inlineWorkerFactory }] },
    plugins: [singleFile()],
    // Chromium refuses a module Worker from a blob: URL in a file:// page (an opaque origin); a classic
    // one starts (measured: blob module → error event; blob classic, data: module → run).
    worker: { format: 'iife' },
    build: {
      emptyOutDir: false,
      copyPublicDir: false,
      cssCodeSplit: false,
      assetsInlineLimit: () => true,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: { output: { codeSplitting: false } },
    },
  };
}

/** In the main build: make the offline page once the main build has written dist/. */
export function buildOfflineHtml(): Plugin {
  return {
    name: 'podwalk:offline-html',
    apply: 'build',
    async closeBundle() {
      await build({ root, mode: OFFLINE_MODE, logLevel: 'warn', configFile: `${root}vite.config.ts` });
    },
  };
}
