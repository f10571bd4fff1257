// The whole sequence diagram as one standalone SVG file: every row (not just the ones the page has on
// screen), styles inlined as presentation attributes so it looks the same in any viewer, editor or
// <img>, and every piece of text escaped. Built from the pure layout, never from the page's DOM.
import {
  arrowPaths,
  badgeText,
  layoutSequence,
  truncate,
  type MessageRow,
  type SequenceLayout,
} from '../../diagram';
import { lanesOf, type Lane, type Trace, type TraceMessage } from '../../sim/trace/types';
import { PALETTE as P, SANS, MONO, hueOf, messageStyle } from './svgStyle';

export interface SvgExportOptions {
  lanes?: readonly Lane[] | null;
  /** Delivered messages at the playhead: the message it is on gets the accent. */
  current?: number;
  width?: number;
}

export interface SvgExport {
  svg: string;
  width: number;
  height: number;
}

const CAPTION = 30;
const HEAD_TOP = CAPTION + 4;
const HEAD_HEIGHT = 34;
const BODY_TOP = HEAD_TOP + HEAD_HEIGHT + 8;

// XML 1.0 forbids most control characters even as references; a trace label could carry one from YAML.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const num = (n: number): string => String(Math.round(n * 10) / 10);

function heads(layout: SequenceLayout): string[] {
  const box = Math.max(40, Math.min(layout.step - 8, 132));
  return layout.lanes.map(({ lane, x, group }) => {
    const { hue, tint } = hueOf(group);
    const name = truncate(lane, Math.floor((box - 8) / 7.8));
    return (
      `<g data-lane="${lane}"><rect x="${num(x - box / 2)}" y="${HEAD_TOP}" width="${num(box)}" height="${HEAD_HEIGHT}" rx="6" fill="${tint}" stroke="${hue}"/>` +
      `<text x="${num(x)}" y="${HEAD_TOP + 21}" text-anchor="middle" font-family="${SANS}" font-size="13" font-weight="600" fill="${P.fg}">${escapeXml(name)}</text></g>`
    );
  });
}

function lifelines(layout: SequenceLayout, bottom: number): string[] {
  return layout.lanes.map(({ lane, x, group }) => {
    const { hue } = hueOf(group);
    return `<line data-lifeline="${lane}" x1="${num(x)}" x2="${num(x)}" y1="${HEAD_TOP + HEAD_HEIGHT}" y2="${num(bottom)}" stroke="${hue}" stroke-opacity="0.45" stroke-dasharray="2 4"/>`;
  });
}

function phases(layout: SequenceLayout): string[] {
  return layout.phaseMarks.map(
    (m) =>
      `<g transform="translate(0,${num(m.y)})"><line x1="0" x2="${num(layout.width)}" y1="0" y2="0" stroke="${P.rule}"/>` +
      `<text x="8" y="0" dy="0.35em" font-family="${SANS}" font-size="12" font-weight="600" fill="${P.muted}" stroke="${P.bg}" stroke-width="8" paint-order="stroke">${escapeXml(m.phase)}</text></g>`,
  );
}

function row(r: MessageRow, m: TraceMessage, current: boolean): string {
  const s = messageStyle(m.kind, Boolean(r.loop), Boolean(r.clipped), current);
  const { shaft, head } = arrowPaths(r);
  const title = `${m.seq}. ${m.from} → ${m.to} · ${m.kind} · t=${m.t} ms\n${m.label}`;
  const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
  return (
    `<g data-seq="${m.seq}"><title>${escapeXml(title)}</title>` +
    `<path d="${shaft}" fill="none" stroke="${s.colour}" stroke-width="${s.width}"${dash}/>` +
    `<path d="${head}" fill="${s.headFill}" stroke="${s.colour}" stroke-width="${s.headWidth}" stroke-linejoin="round"/>` +
    `<g transform="translate(${num(r.badge.x)},${num(r.badge.y)})"><circle r="10" fill="${current ? P.accent : P.bg}" stroke="${s.colour}" stroke-width="1.25"/>` +
    `<text dy="0.35em" text-anchor="middle" font-family="${SANS}" font-size="12" font-weight="600" fill="${current ? P.onAccent : P.fg}">${badgeText(m.activity, m.phase)}</text></g>` +
    `<text x="${num(r.label.x)}" y="${num(r.label.y)}" text-anchor="${r.label.anchor}" font-family="${MONO}" font-size="12"${current ? ' font-weight="600"' : ''} fill="${P.fg}" stroke="${P.bg}" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${escapeXml(truncate(m.label, r.label.maxChars))}</text></g>`
  );
}

function caption(trace: Trace, current: number, width: number): string {
  const text = `Podwalk · ${trace.scenario.name} · ${trace.messages.length} messages${current > 0 ? ` · at step ${current}` : ''}`;
  return `<text x="8" y="20" font-family="${SANS}" font-size="14" font-weight="600" fill="${P.fg}">${escapeXml(truncate(text, Math.floor(width / 8)))}</text>`;
}

export function traceToSvg(trace: Trace, opts: SvgExportOptions = {}): SvgExport {
  const lanes = opts.lanes ?? lanesOf(trace);
  const width = Math.round(opts.width ?? Math.max(960, lanes.length * 140));
  const layout = layoutSequence(trace, { width, lanes });
  const current = opts.current ?? 0;
  const height = Math.ceil(BODY_TOP + layout.height);
  const body = layout.rows.map((r) => {
    const m = trace.messages[r.index];
    return m ? row(r, m, m.seq === current) : '';
  });
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Sequence diagram">`,
    `<title>${escapeXml(`Podwalk sequence diagram: ${trace.scenario.name}`)}</title>`,
    `<rect width="100%" height="100%" fill="${P.bg}"/>`,
    caption(trace, current, width),
    ...lifelines(layout, height - 8),
    ...heads(layout),
    `<g transform="translate(0,${BODY_TOP})">`,
    ...phases(layout),
    ...body,
    '</g>',
    '</svg>',
  ];
  return { svg: svg.join('\n') + '\n', width, height };
}
