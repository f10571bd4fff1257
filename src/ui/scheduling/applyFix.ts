// One click to apply a scheduling suggestion to the editor: each edit goes into the YAML document of the
// right object — the pending Pod (or the pod template of the workload that made it) for pod-side changes,
// the Node or the bound Pod in the Cluster part for node-side ones. Only the edited document is printed
// again (through the `yaml` Document API, which keeps comments and flow style); every other line of the
// text stays byte for byte. Pure: text in, text out.
import { isSeq, parseDocument, YAMLSeq, type Document } from 'yaml';
import type { Fix, FixEdit, Path } from '../../sim/scheduler/fixes';
import { DEFAULT_CLUSTER_TEXT, split } from '../editor/manifestParts';

export type ApplyResult = { ok: true; text: string } | { ok: false; message: string };

const SEPARATOR = /^---[ \t]*(?:#.*)?$/;

interface Segment {
  /** Line range [start, end) of the document between `---` lines. */
  start: number;
  end: number;
  doc: Document;
}

function segments(lines: string[]): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  const close = (end: number) => {
    const body = lines.slice(start, end).join('\n');
    if (body.trim()) out.push({ start, end, doc: parseDocument(body, { keepSourceTokens: false }) });
  };
  lines.forEach((line, i) => {
    if (!SEPARATOR.test(line)) return;
    close(i);
    start = i + 1;
  });
  close(lines.length);
  return out;
}

type Json = Record<string, unknown>;
const objOf = (s: Segment): Json | null => {
  if (s.doc.errors.length > 0) return null;
  const v: unknown = s.doc.toJS();
  return typeof v === 'object' && v !== null ? (v as Json) : null;
};
const meta = (o: unknown): { name?: string; namespace?: string } => (o as Json | null)?.metadata ?? {};

/** Where an object lives: its document and the path to it inside (items[i] of a List). */
interface Place {
  seg: Segment;
  prefix: Path;
}

function findObject(segs: Segment[], match: (o: Json) => boolean): Place | null {
  for (const seg of segs) {
    const o = objOf(seg);
    if (o === null) continue;
    if (match(o)) return { seg, prefix: [] };
    if (Array.isArray(o.items)) {
      const i = (o.items as Json[]).findIndex(
        (item) => typeof item === 'object' && item !== null && match(item),
      );
      if (i >= 0) return { seg, prefix: ['items', i] };
    }
  }
  return null;
}

const isPodNamed = (key: string) => (o: Json) => {
  const m = meta(o);
  return (o.kind === 'Pod' || o.kind === undefined) && `${m.namespace ?? 'default'}/${m.name ?? ''}` === key;
};

const TEMPLATE: Record<string, Path> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The pending Pod's document, or the template of the workload whose name its own name starts with. */
function findPod(segs: Segment[], podKey: string): Place | null {
  const pod = findObject(segs, (o) => o.kind === 'Pod' && isPodNamed(podKey)(o));
  if (pod) return pod;
  const [ns, name = ''] = podKey.split('/');
  const workloads = segs.filter((s) => {
    const o = objOf(s);
    return (
      o !== null &&
      typeof o.kind === 'string' &&
      o.kind in TEMPLATE &&
      (meta(o).namespace ?? 'default') === ns
    );
  });
  const owner = workloads.find((s) => name.startsWith(`${meta(objOf(s)).name ?? '\u0000'}-`)) ?? workloads[0];
  const kind = owner ? (objOf(owner)?.kind as string) : '';
  return owner ? { seg: owner, prefix: TEMPLATE[kind] ?? [] } : null;
}

/** A Node document, or a Node item of a List (NodeList items carry no kind). */
const findNode = (segs: Segment[], name: string): Place | null =>
  findObject(segs, (o) => (o.kind === 'Node' || o.kind === undefined) && meta(o).name === name);

/** Sequences were written indented under their key (`  - name`) in this document's text. */
function indentsSeqs(body: string): boolean {
  const lines = body.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const key = /^(\s*)[^\s#-][^:]*:\s*$/.exec(lines[i] ?? '');
    const item = /^(\s*)- /.exec(lines[i + 1] ?? '');
    if (key && item) return (item[1]?.length ?? 0) > (key[1]?.length ?? 0);
  }
  return false;
}

function applyField(doc: Document, path: Path, e: FixEdit): void {
  if (e.target === 'boundPod') return;
  if (e.op === 'set') return doc.setIn(path, doc.createNode(e.value));
  if (e.op === 'delete') {
    doc.deleteIn(path);
    return;
  }
  const item = doc.createNode(e.value, { flow: true });
  const list = doc.getIn(path, true);
  if (isSeq(list)) list.add(item);
  else {
    const seq = new YAMLSeq();
    seq.add(item);
    doc.setIn(path, seq);
  }
}

const needsCluster = (fix: Fix): boolean => fix.edits.some((e) => e.target !== 'pod');

/** The manifest with the suggestion applied, or why it could not be. */
export function applyFix(text: string, fix: Fix, podKey: string): ApplyResult {
  let base = text;
  // Podwalk's default cluster is not in the text until the user edits it: bring it in to edit a node.
  if (needsCluster(fix) && split(text).cluster === '')
    base = `${text.replace(/\s+$/, '')}\n---\n${DEFAULT_CLUSTER_TEXT}`;
  const lines = base.split('\n');
  const segs = segments(lines);
  const edited = new Set<Segment>();
  const removed: { seg: Segment; prefix: Path }[] = [];
  for (const e of fix.edits) {
    const place =
      e.target === 'pod'
        ? findPod(segs, podKey)
        : e.target === 'node'
          ? findNode(segs, e.node)
          : findObject(segs, isPodNamed(e.pod));
    if (place === null) {
      const what = e.target === 'pod' ? podKey : e.target === 'node' ? `Node ${e.node}` : `Pod ${e.pod}`;
      return { ok: false, message: `${what} is not in the manifest` };
    }
    if (e.target === 'boundPod') {
      removed.push(place);
      continue;
    }
    try {
      applyField(place.seg.doc, [...place.prefix, ...e.path], e);
    } catch (err) {
      return { ok: false, message: `could not edit ${e.path.join('.')}: ${String(err)}` };
    }
    edited.add(place.seg);
  }
  return { ok: true, text: rebuild(lines, segs, edited, removed) };
}

function printed(seg: Segment, lines: string[]): string[] {
  const body = lines.slice(seg.start, seg.end);
  let blanks = 0;
  while (blanks < body.length && body[body.length - 1 - blanks]?.trim() === '') blanks++;
  const out = seg.doc
    .toString({ flowCollectionPadding: false, indentSeq: indentsSeqs(body.join('\n')), lineWidth: 0 })
    .replace(/\n+$/, '')
    .split('\n');
  return [...out, ...Array<string>(blanks).fill('')];
}

/** The text again, with edited documents reprinted and removed ones (and their `---`) gone. */
function rebuild(lines: string[], segs: Segment[], edited: Set<Segment>, removed: Place[]): string {
  const drop = new Set<Segment>();
  for (const r of removed) {
    if (r.prefix.length === 0) drop.add(r.seg);
    else {
      r.seg.doc.deleteIn(r.prefix);
      edited.add(r.seg);
    }
  }
  const out: string[] = [];
  let cursor = 0;
  for (const seg of segs) {
    out.push(...lines.slice(cursor, seg.start));
    if (drop.has(seg)) {
      // Take the `---` line before the document with it (or the one after, for the first document).
      if (out.length > 0 && SEPARATOR.test(out[out.length - 1] ?? '')) out.pop();
      else if (SEPARATOR.test(lines[seg.end] ?? '')) cursor = seg.end + 1;
      if (cursor < seg.end) cursor = seg.end;
      continue;
    }
    out.push(...(edited.has(seg) ? printed(seg, lines) : lines.slice(seg.start, seg.end)));
    cursor = seg.end;
  }
  out.push(...lines.slice(cursor));
  return out.join('\n');
}
