// YAML nodes → plain JSON-like data, remembering where each value sits in the text. We walk the
// document ourselves instead of calling `doc.toJS()` so that we can (1) keep a path → offset map for
// line/column errors, (2) bound depth and alias expansion with messages a user can act on, and
// (3) never assign a `__proto__` key, whatever the YAML says.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import { fail } from './errors';

export type Plain = string | number | boolean | null | Plain[] | PlainMap;
export type PlainMap = { [key: string]: Plain };
export type PathSeg = string | number;

/** Kubernetes objects nest about 15 levels at most (managedFields included); 100 is generous. */
export const MAX_DEPTH = 100;
/** Values produced by expanding `*alias` references, per document: the "billion laughs" guard. */
export const MAX_ALIAS_VALUES = 10_000;

/** One document of the text, as plain data plus what we need to point at its parts. */
export interface PlainDoc {
  /** 1-based. */
  index: number;
  value: Plain;
  /** pathKey(path) → offset of the value in the text. */
  offsets: Map<string, number>;
  lineCounter: LineCounter;
}

/** `spec.containers[0].image`, with keys that are not identifiers quoted: `labels["app.kubernetes.io/name"]`. */
export function pathKey(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export function isPlainMap(v: Plain | undefined): v is PlainMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type YNode = NonNullable<Document.Parsed['contents']>;
interface Anchor {
  value: Plain;
  size: number;
}
interface Walk {
  doc: Document.Parsed;
  index: number;
  lc: LineCounter;
  anchors: Map<string, Anchor>;
  aliasValues: number;
  offsets: Map<string, number>;
  warnings: string[];
}

export function toPlainDoc(
  doc: Document.Parsed,
  index: number,
  lc: LineCounter,
  warnings: string[],
): PlainDoc {
  const walk: Walk = { doc, index, lc, anchors: new Map(), aliasValues: 0, offsets: new Map(), warnings };
  const contents = doc.contents;
  const value = contents === null ? null : convert(walk, contents, [], 0).value;
  return { index, value, offsets: walk.offsets, lineCounter: lc };
}

function where(walk: Walk, offset: number, path: readonly PathSeg[]) {
  const pos = walk.lc.linePos(offset);
  return { line: pos.line, column: pos.col, document: walk.index, field: path.length ? pathKey(path) : null };
}

function convert(walk: Walk, node: YNode, path: PathSeg[], depth: number): Anchor {
  const offset = node.range?.[0] ?? 0;
  if (depth > MAX_DEPTH) {
    fail(
      `This YAML is nested more than ${MAX_DEPTH} levels deep; Kubernetes objects never are.`,
      where(walk, offset, path),
    );
  }
  walk.offsets.set(pathKey(path), offset);
  let result: Anchor;
  if (isAlias(node)) result = expandAlias(walk, node.source, offset, path);
  else if (isScalar(node)) result = { value: scalarValue(node.value, node.source), size: 1 };
  else if (isSeq(node)) result = convertSeq(walk, node.items, path, depth);
  else if (isMap(node)) result = convertMap(walk, node.items, path, depth);
  else fail('This YAML node is not a value Podwalk can read.', where(walk, offset, path));
  if (!isAlias(node) && node.anchor) walk.anchors.set(node.anchor, result);
  return result;
}

function scalarValue(value: unknown, source: unknown): Plain {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'number'
  ) {
    return value;
  }
  // Tags such as !!binary give bytes or other objects: keep what the user wrote.
  return typeof source === 'string' ? source : '';
}

function convertSeq(walk: Walk, items: YNode[], path: PathSeg[], depth: number): Anchor {
  const value: Plain[] = [];
  let size = 1;
  items.forEach((item, i) => {
    const child = item === null ? { value: null, size: 1 } : convert(walk, item, [...path, i], depth + 1);
    value.push(child.value);
    size += child.size;
  });
  return { value, size };
}

type YPair = { key: unknown; value: unknown };
function convertMap(walk: Walk, pairs: readonly YPair[], path: PathSeg[], depth: number): Anchor {
  const value: PlainMap = {};
  let size = 1;
  for (const pair of pairs) {
    const key = mapKey(walk, pair.key, path);
    if (key === '__proto__') {
      // Assigning it would replace the object's prototype: drop it, and say so.
      walk.warnings.push(
        `Document ${walk.index}: ignored the key "__proto__" at ${pathKey(path) || 'the top level'}.`,
      );
      continue;
    }
    const node = pair.value as YNode | null;
    const child = node === null ? { value: null, size: 1 } : convert(walk, node, [...path, key], depth + 1);
    value[key] = child.value;
    size += child.size;
  }
  return { value, size };
}

function mapKey(walk: Walk, key: unknown, path: PathSeg[]): string {
  const v: unknown = isScalar(key) ? key.value : null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const offset = (key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  return fail('A mapping key must be a plain word or string.', where(walk, offset, path));
}

function expandAlias(walk: Walk, name: string, offset: number, path: PathSeg[]): Anchor {
  const anchor = walk.anchors.get(name);
  if (!anchor) {
    fail(`The alias *${name} has no anchor &${name} before it in this document.`, where(walk, offset, path));
  }
  walk.aliasValues += anchor.size;
  if (walk.aliasValues > MAX_ALIAS_VALUES) {
    fail(
      `The aliases (*name) in this document expand to more than ${groupDigits(MAX_ALIAS_VALUES)} values, ` +
        'the shape of a "billion laughs" attack; Podwalk stopped reading it.',
      where(walk, offset, path),
    );
  }
  // A copy, not a shared reference, so that a later edit of one place cannot change another.
  return { value: clone(anchor.value), size: anchor.size };
}

function clone(v: Plain): Plain {
  if (Array.isArray(v)) return v.map(clone);
  if (!isPlainMap(v)) return v;
  const out: PlainMap = {};
  for (const [k, x] of Object.entries(v)) out[k] = clone(x);
  return out;
}

/** 10000 → "10,000", without Intl (its output depends on the host's ICU data). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
