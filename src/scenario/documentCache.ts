// Reading YAML is about half of an edit's cost on a large cluster: for 100 Nodes, ~20 ms of the ~40 ms
// from a keystroke to a new trace, spent re-reading 100 documents the keystroke did not touch. So the
// documents are kept by their text, and an edit reads again only those it changed. Anything unusual
// (directives, `...`, content on a `---` line, empty documents, YAML errors or warnings) goes back to one
// whole-text read, so every error and warning, with its line and column, is what that read reports.
import { LineCounter, parseAllDocuments } from 'yaml';
import { toPlainDoc, type Plain, type PlainDoc } from './plain';

interface Kept {
  value: Plain;
  /** Offsets within the document's own text. */
  offsets: Map<string, number>;
}

interface Chunk {
  text: string;
  /** Offset of the chunk in the whole text. */
  start: number;
}

const MAX_KEPT = 5000;
const kept = new Map<string, Kept>();
let enabled = true;

/** For tests that compare a cached read with a whole-text one. */
export function setDocumentCache(on: boolean): void {
  enabled = on;
  kept.clear();
}

/** How many documents the cache holds (tests check that a read went through it). */
export const keptDocuments = (): number => kept.size;

const SEPARATOR = /^---[ \t]*\r?$/;
const nothingIn = (text: string): boolean =>
  text.split('\n').every((l) => l.trim() === '' || l.trimStart().startsWith('#'));

/** The documents between plain `---` lines, or null where splitting by lines might not be what YAML reads. */
function split(text: string): Chunk[] | null {
  if (text.charCodeAt(0) === 0xfeff) return null;
  const chunks: Chunk[] = [];
  let start = 0;
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const c = text.charCodeAt(pos);
    if (c === 37 /* % */ || text.startsWith('...', pos)) return null;
    if (text.startsWith('---', pos)) {
      if (!SEPARATOR.test(text.slice(pos, end))) return null;
      chunks.push({ text: text.slice(start, pos), start });
      start = nl === -1 ? text.length : nl + 1;
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  chunks.push({ text: text.slice(start), start });
  // Comments before the first `---` belong to the first document; YAML reads no document there.
  if (chunks.length > 1 && nothingIn(chunks[0]!.text)) chunks.shift();
  return chunks.length > 0 && chunks.every((c) => !nothingIn(c.text)) ? chunks : null;
}

function read(chunk: Chunk, index: number): Kept | null {
  const hit = kept.get(chunk.text);
  if (hit) return hit;
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(chunk.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs) || docs.length !== 1) return null;
  const doc = docs[0]!;
  if (doc.errors.length > 0 || doc.warnings.length > 0) return null;
  const warnings: string[] = [];
  let plain: PlainDoc;
  try {
    plain = toPlainDoc(doc, index, lineCounter, warnings);
  } catch {
    return null; // the whole-text read reports it, at the right line
  }
  if (warnings.length > 0) return null;
  if (kept.size >= MAX_KEPT) kept.clear();
  const k = { value: plain.value, offsets: plain.offsets };
  kept.set(chunk.text, k);
  return k;
}

function copy(v: Plain): Plain {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copy);
  const out: { [key: string]: Plain } = {};
  for (const key of Object.keys(v)) if (key !== '__proto__') out[key] = copy(v[key]!);
  return out;
}

function wholeTextLines(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/**
 * The documents of `text` as a whole-text read gives them, read through the cache; null when the text
 * needs the whole-text read. Values are copies: the cache's own are never handed out.
 */
export function readDocumentsCached(text: string): PlainDoc[] | null {
  if (!enabled) return null;
  const chunks = split(text);
  if (!chunks) return null;
  const read_ = chunks.map((c, i) => read(c, i + 1));
  if (read_.some((k) => k === null)) return null;
  const lineCounter = wholeTextLines(text);
  return (read_ as Kept[]).map((k, i) => {
    const shift = chunks[i]!.start;
    const offsets = new Map<string, number>();
    for (const [path, offset] of k.offsets) offsets.set(path, offset + shift);
    return { index: i + 1, value: copy(k.value), offsets, lineCounter };
  });
}
