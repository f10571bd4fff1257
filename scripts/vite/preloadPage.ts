// src/main.tsx is a small entry that starts the simulation Worker, then import()s the page itself
// (src/ui/mountPage.tsx). Vite links only an entry's static imports and styles in index.html; this adds
// <link rel=modulepreload> for the page chunk and the chunks it imports, and <link rel=stylesheet> for
// their styles, so the browser fetches all of it at once beside the entry, as it did when the page was
// one chunk, instead of after the entry has run.
import type { Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rolldown';

export interface PageFiles {
  scripts: string[];
  styles: string[];
}

/** The page chunk (the chunk whose module ends with `moduleSuffix`), every chunk it imports, their CSS. */
export function pageFiles(bundle: OutputBundle, moduleSuffix: string): PageFiles {
  const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
  const page = chunks.find((c) => c.facadeModuleId?.endsWith(moduleSuffix));
  if (!page) return { scripts: [], styles: [] };
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (name: string) => {
    if (scripts.has(name)) return;
    scripts.add(name);
    const chunk = byName.get(name);
    for (const css of chunk?.viteMetadata?.importedCss ?? []) styles.add(css);
    for (const dep of chunk?.imports ?? []) visit(dep);
  };
  visit(page.fileName);
  return { scripts: [...scripts], styles: [...styles] };
}

export function preloadPage(moduleSuffix: string): Plugin {
  let base = './';
  return {
    name: 'podwalk:preload-page',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const { scripts, styles } = pageFiles(ctx.bundle, moduleSuffix);
        const link = (rel: string, f: string) => ({
          tag: 'link',
          attrs: { rel, crossorigin: true, href: `${base}${f}` },
          injectTo: 'head' as const,
        });
        return [
          ...styles.filter((f) => !html.includes(f)).map((f) => link('stylesheet', f)),
          ...scripts.filter((f) => !html.includes(f)).map((f) => link('modulepreload', f)),
        ];
      },
    },
  };
}
