// The exports, loaded on first use (the Export menu imports this module lazily). Each works from a
// snapshot of the trace and the playhead taken at the click, so exporting while the player animates
// gives the step it was on, and nothing reads the page's (virtualised) diagram.
import type { Trace } from '../../sim/trace/types';
import { traceToMermaid } from '../../sim/trace/toMermaid';
import { traceToSvg } from './svg';
import { svgToPng } from './png';
import { download, fileName, scenarioSlug } from './download';
import { offlineHtml } from './offlineHtml';

export type ExportFormat = 'svg' | 'png' | 'mermaid' | 'json' | 'html';

export interface ExportRequest {
  trace: Trace;
  /** Delivered messages at the playhead when the user asked. */
  step: number;
  /** For the offline HTML: the state to open with, as a share hash, and the page's own address. */
  offline?: { hash: string; base: string };
}

/** Builds the file and starts its download; returns a short note for the page's status line. */
export async function exportAs(format: ExportFormat, request: ExportRequest): Promise<string> {
  const { trace, step } = request;
  if (format === 'html') {
    if (!request.offline) throw new Error('no state to put in the offline page');
    const name = `podwalk-${scenarioSlug(trace)}.html`;
    const html = await offlineHtml(request.offline.hash, request.offline.base);
    download(new Blob([html], { type: 'text/html' }), name);
    return `Saved ${name}`;
  }
  const base = fileName(trace, step);
  if (format === 'mermaid') {
    download(new Blob([traceToMermaid(trace)], { type: 'text/plain' }), `${base}.mmd`);
    return `Saved ${base}.mmd`;
  }
  if (format === 'json') {
    download(new Blob([JSON.stringify(trace, null, 2)], { type: 'application/json' }), `${base}.json`);
    return `Saved ${base}.json`;
  }
  const { svg, width, height } = traceToSvg(trace, { current: step });
  if (format === 'svg') {
    download(new Blob([svg], { type: 'image/svg+xml' }), `${base}.svg`);
    return `Saved ${base}.svg`;
  }
  const png = await svgToPng(svg, width, height);
  download(png.blob, `${base}.png`);
  return png.scale < 1
    ? `Saved ${base}.png (scaled to ${Math.round(png.scale * 100)}%: the diagram is very tall)`
    : `Saved ${base}.png`;
}
