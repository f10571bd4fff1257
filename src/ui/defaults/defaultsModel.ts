// The Defaults view's model: the Pod as kubectl sent it against the Pod as the API server stored it, as YAML
// lines marked + (added by the server) or − (a value the server replaced), each added block credited to the
// defaulter or admission plugin that added it (the admission message's `defaultedBy`, lifecycle.md §1.3–1.4)
// or to the create path (status from podStrategy.PrepareForCreate, metadata from the registry).
import { stringify } from 'yaml';
import type { Trace, TraceMessage } from '../../sim/trace/types';

export type Sign = '+' | '-' | ' ';

export interface DiffLine {
  sign: Sign;
  /** One YAML line, indentation included. */
  text: string;
  /** The field in kubectl's notation (`spec.containers[0].imagePullPolicy`). */
  path: string;
  /** Who added it, on the first line of each added block; null elsewhere. */
  by: string | null;
}

export type DefaultsView =
  | { state: 'none' }
  | { state: 'pending' }
  | { state: 'ready'; lines: DiffLine[]; added: number; createSeq: number; byPlugin: string[] };

type Json = unknown;
type Seg = string | number;

const isMap = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** kubectl's field notation, as src/sim/admission/diff.ts writes it. */
export function fieldPath(segs: readonly Seg[]): string {
  return segs.reduce<string>((p, s) => {
    if (typeof s === 'number') return `${p}[${s}]`;
    return /^[A-Za-z0-9_-]+$/.test(s) ? (p ? `${p}.${s}` : s) : `${p}[${s}]`;
  }, '');
}

function getIn(v: Json, segs: readonly Seg[]): { found: boolean; value?: Json } {
  let cur = v;
  for (const s of segs) {
    if (
      typeof s === 'number' ? !Array.isArray(cur) || s >= cur.length : !isMap(cur) || !Object.hasOwn(cur, s)
    )
      return { found: false };
    cur = (cur as Record<string | number, Json>)[s];
  }
  return { found: true, value: cur };
}

/** A scalar (or empty collection) as YAML writes it on one line. */
function scalar(v: Json): string {
  if (typeof v === 'string' && v.includes('\n')) return JSON.stringify(v);
  return stringify(v, { lineWidth: 0 }).trimEnd();
}
const isLeaf = (v: Json): boolean =>
  !(isMap(v) && Object.keys(v).length > 0) && !(Array.isArray(v) && v.length > 0);

interface Emitted {
  text: string;
  segs: Seg[];
}

/**
 * YAML lines of a JSON value with the field each line starts, in kubectl -o yaml's layout (lists not
 * indented under their key, as go-yaml writes them).
 */
export function yamlLines(v: Json, segs: Seg[] = [], indent = ''): Emitted[] {
  if (isMap(v)) {
    return Object.entries(v).flatMap(([k, child]) => {
      const key = scalar(k);
      const at = [...segs, k];
      if (isLeaf(child)) return [{ text: `${indent}${key}: ${scalar(child)}`, segs: at }];
      const inner = Array.isArray(child) ? indent : `${indent}  `;
      return [{ text: `${indent}${key}:`, segs: at }, ...yamlLines(child, at, inner)];
    });
  }
  if (Array.isArray(v)) {
    return v.flatMap((item, i) => {
      const at = [...segs, i];
      if (isLeaf(item)) return [{ text: `${indent}- ${scalar(item)}`, segs: at }];
      if (Array.isArray(item))
        return [{ text: `${indent}-`, segs: at }, ...yamlLines(item, at, `${indent}  `)];
      // A map item: its first field shares the dash's line.
      const [first, ...rest] = yamlLines(item, at, `${indent}  `);
      return [{ text: `${indent}- ${first!.text.trimStart()}`, segs: first!.segs }, ...rest];
    });
  }
  return [{ text: `${indent}${scalar(v)}`, segs }];
}

export interface Credit {
  path: string;
  by: string;
}

const under = (path: string, root: string): boolean =>
  path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`);

/** Who added a field the admission message does not list: the create path after admission. */
function creditOf(path: string, credits: readonly Credit[]): string {
  const c = credits.find((x) => under(path, x.path));
  if (c) return c.by;
  // upstream: pkg/registry/core/pod/strategy.go PrepareForCreate (phase Pending, qosClass);
  // staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go Create (uid, creationTimestamp,
  // generation via BeforeCreate, resourceVersion from the etcd revision, managedFields by the field manager)
  if (under(path, 'status')) return 'PrepareForCreate';
  return 'the registry on create';
}

/** The diff of `submitted` → `stored`, line by line, with credits. */
export function diffLines(submitted: Json, stored: Json, credits: readonly Credit[]): DiffLine[] {
  const out: DiffLine[] = [];
  let lastBy: string | null = null;
  for (const { text, segs } of yamlLines(stored)) {
    const path = fieldPath(segs);
    const before = getIn(submitted, segs);
    const now = getIn(stored, segs).value;
    if (before.found && (!isLeaf(now) || JSON.stringify(before.value) === JSON.stringify(now))) {
      out.push({ sign: ' ', text, path, by: null });
      lastBy = null;
      continue;
    }
    const by = creditOf(path, credits);
    if (before.found) {
      const old = yamlLines({ [segs.at(-1)!]: before.value })[0]!.text.trimStart();
      out.push({ sign: '-', text: text.replace(/\S.*$/, old), path, by: null });
    }
    out.push({ sign: '+', text, path, by: by === lastBy ? null : by });
    lastBy = by;
  }
  return out;
}

const isPodWrite = (m: TraceMessage, podKey: string): boolean =>
  m.from === 'kubectl' &&
  m.kind === 'request' &&
  m.pod === podKey &&
  (m.detail.method === 'POST' || m.detail.method === 'PATCH') &&
  isMap(m.detail.body) &&
  (m.detail.body as { kind?: unknown }).kind === 'Pod';

/** The view at the playhead: ready once the pod's first stored revision has been delivered. */
export function defaultsAt(trace: Trace, delivered: number, podKey: string): DefaultsView {
  const key = `/registry/pods/${podKey}`;
  const created = trace.objects.find((o) => o.key === key && o.object !== null);
  const before = created ? trace.messages.slice(0, created.seq) : [];
  const request = before.findLast((m) => isPodWrite(m, podKey));
  if (!created || !request) return { state: 'none' };
  if (created.seq > delivered) return { state: 'pending' };
  const admission = before.findLast((m) => m.pod === podKey && Array.isArray(m.detail.defaultedBy));
  const credits = (admission?.detail.defaultedBy ?? []) as Credit[];
  const lines = diffLines(request.detail.body, created.object, credits);
  const byPlugin = [...new Set(lines.flatMap((l) => (l.by ? [l.by] : [])))];
  return {
    state: 'ready',
    lines,
    added: lines.filter((l) => l.sign === '+').length,
    createSeq: created.seq,
    byPlugin,
  };
}
