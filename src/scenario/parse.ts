// Scenario YAML text → a validated Scenario, or the first problem with its line and column.
import { LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import {
  DEFAULT_OPTIONS,
  DEFAULT_SEED,
  MANIFEST_FILE,
  type Action,
  type KubeObject,
  type Scenario,
} from '../sim/scenario';
import { defaultCluster } from './defaultCluster';
import { actionsWithRuntime, withContainerRuntime } from './containerRuntime';
import { fail, ScenarioError, type ParseError } from './errors';
import { sortDocuments, type Sorted } from './kinds';
import { checkAdmitted } from './admitted';
import { toPlainDoc, type PlainDoc } from './plain';
import { readDocumentsCached } from './documentCache';
import { readScenarioDoc, type ScenarioDoc } from './scenarioDoc';
import { fileOf, manifestFileName } from './manifestFile';

export type ParseResult =
  { ok: true; scenario: Scenario; warnings: string[] } | { ok: false; error: ParseError };

export const MAX_BYTES = 2 * 1024 * 1024;
/** `podwalk schedule` runs scheduling cycles only (no cluster, no diagram): larger inputs are fine. */
const ADMITTED_MAX_BYTES = 64 * 1024 * 1024;
const ADMITTED_MAX_PODS = 20_000;
const EMPTY = 'The manifest is empty: add a Pod (kind: Pod).';

/**
 * `admitted`: the input is taken as already admitted (podwalk schedule), so what the API server would
 * have refused is refused here (admitted.ts).
 */
export function parseScenario(text: string, opts: { name?: string; admitted?: boolean } = {}): ParseResult {
  const warnings: string[] = [];
  try {
    return { ok: true, scenario: build(text, opts, warnings), warnings };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, error: e.error };
    // A bug of ours should still reach the user as a message rather than a blank page.
    const message = `Podwalk could not read this text: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, error: { message, line: null, column: null, document: null, field: null } };
  }
}

function build(text: string, opts: { name?: string; admitted?: boolean }, warnings: string[]): Scenario {
  checkSize(text, opts.admitted ? ADMITTED_MAX_BYTES : MAX_BYTES);
  const docs = readDocuments(text, warnings);
  const sorted = sortDocuments(docs, opts.admitted ? ADMITTED_MAX_PODS : undefined);
  if (opts.admitted) checkAdmitted(sorted.placed);
  if (sorted.cluster.length === 0 && sorted.manifests.length === 0 && !sorted.scenario) fail(EMPTY);
  const hasNodes = sorted.cluster.some((o) => o.kind === 'Node');
  const cluster = hasNodes ? sorted.cluster : [...defaultCluster(), ...sorted.cluster];
  const known = { cluster, pods: [...cluster, ...sorted.manifests].filter((o) => o.kind === 'Pod') };
  const doc = sorted.scenario ? readScenarioDoc(sorted.scenario.site, sorted.scenario.obj, known) : null;
  requireSomethingToApply(sorted, doc);
  const file = manifestFileName(sorted.manifests, doc?.actions ?? null);
  const runtime = doc?.containerRuntime ?? null;
  const given = doc?.actions ?? defaultActions(sorted.manifests, file);
  const actions = runtime ? actionsWithRuntime(given, runtime) : given;
  warnings.push(...crossCheck(cluster, sorted.manifests, actions, file, Object.keys(doc?.files ?? {})));
  const files = doc?.files ? readFiles(doc.files, warnings) : null;
  return {
    name: doc?.name ?? opts.name ?? sorted.manifests[0]?.metadata.name ?? 'scenario',
    cluster: runtime ? cluster.map((o) => withContainerRuntime(o, runtime)) : cluster,
    manifests: sorted.manifests,
    ...(file === MANIFEST_FILE ? {} : { manifestFile: file }),
    ...(files ? { files } : {}),
    actions,
    options: {
      ...DEFAULT_OPTIONS,
      ...(doc?.horizonMs == null ? {} : { horizonMs: doc.horizonMs }),
      ...(runtime ? { containerRuntime: runtime } : {}),
    },
    seed: doc?.seed ?? DEFAULT_SEED,
  };
}

/** The Scenario's extra files, each read as a manifest file is: its objects, in order. */
function readFiles(texts: Record<string, string>, warnings: string[]): Record<string, KubeObject[]> {
  const out: Record<string, KubeObject[]> = {};
  for (const [name, text] of Object.entries(texts)) {
    try {
      out[name] = sortDocuments(readDocuments(text, warnings)).manifests;
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      // The position is inside the file's text; say so, rather than point at a line of the scenario.
      const at = e.error.line === null ? '' : ` (line ${e.error.line} of the file)`;
      fail(`spec.files.${name}${at}: ${e.error.message}`);
    }
  }
  return out;
}

function checkSize(text: string, max: number): void {
  // Most texts are far below the limit; count UTF-8 bytes only when the answer is in doubt.
  if (text.length * 3 <= max) return;
  const bytes = utf8Length(text);
  if (bytes > max) {
    const mb = (bytes / (1024 * 1024)).toFixed(1);
    fail(`The manifest is ${mb} MB; Podwalk accepts up to ${max / (1024 * 1024)} MB.`);
  }
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function readDocuments(text: string, warnings: string[]): PlainDoc[] {
  if (text.trim() === '') fail(EMPTY);
  const cached = readDocumentsCached(text);
  if (cached) return cached;
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return parsed.map((doc, i) => {
    const first = doc.errors[0];
    if (first) yamlFail(first, i + 1, lineCounter);
    for (const w of doc.warnings) {
      const pos = lineCounter.linePos(w.pos[0]);
      warnings.push(`Line ${pos.line}, column ${pos.col}: ${firstLine(w.message)}`);
    }
    return toPlainDoc(doc, i + 1, lineCounter, warnings);
  });
}

function yamlFail(err: YAMLError, document: number, lineCounter: LineCounter): never {
  const pos = lineCounter.linePos(err.pos[0]);
  // yaml catches its own stack overflow on very deep nesting and reports it with this code.
  const message =
    err.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(err.message)
      ? 'This YAML is nested too deeply to read; Kubernetes objects never nest this far.'
      : firstLine(err.message);
  return fail(message, { line: pos.line, column: pos.col, document, field: null });
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function requireSomethingToApply(sorted: Sorted, doc: ScenarioDoc | null): void {
  if (sorted.manifests.length > 0 || doc?.actions) return;
  if (sorted.pods > 0) {
    fail(
      'Every Pod here has spec.nodeName, so it already runs in the cluster and there is nothing to apply. ' +
        'Add a Pod without spec.nodeName.',
    );
  }
  fail('There is no Pod here to apply: add one (kind: Pod).');
}

/** No Scenario document: apply the file at 0 ms, then delete the first Pod once it is Running. */
export function defaultActions(manifests: readonly KubeObject[], file = MANIFEST_FILE): Action[] {
  const actions: Action[] = [{ kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply', '-f', file] }];
  const pod = manifests.find((o) => o.kind === 'Pod');
  const name = pod?.metadata.name;
  if (name === undefined) return actions;
  const ns = pod?.metadata.namespace || 'default';
  const args = ['delete', 'pod', name, ...(ns === 'default' ? [] : ['-n', ns])];
  actions.push({ kind: 'kubectl', trigger: { whenPodRunning: `${ns}/${name}` }, args });
  return actions;
}

/** Hints for mistakes that are legal Kubernetes but probably not what the author meant. */
function crossCheck(
  cluster: readonly KubeObject[],
  manifests: readonly KubeObject[],
  actions: readonly Action[],
  manifestFile: string,
  files: readonly string[] = [],
): string[] {
  const out: string[] = [];
  const nodes = new Set(cluster.filter((o) => o.kind === 'Node').map((o) => o.metadata.name));
  const pods = new Set<string>();
  for (const o of [...cluster, ...manifests]) {
    if (o.kind !== 'Pod') continue;
    pods.add(`${o.metadata.namespace || 'default'}/${o.metadata.name ?? ''}`);
    const nodeName = (o.spec as { nodeName?: unknown } | undefined)?.nodeName;
    if (typeof nodeName === 'string' && nodeName !== '' && !nodes.has(nodeName)) {
      out.push(
        `Pod ${o.metadata.name ?? ''} is bound to node ${nodeName}, which this cluster does not have.`,
      );
    }
  }
  for (const a of actions) {
    const file = a.kind === 'kubectl' ? fileOf(a.args) : null;
    if (file !== null && file !== manifestFile && !files.includes(file))
      out.push(
        `kubectl ${a.kind === 'kubectl' ? a.args.join(' ') : ''} names ${file}, but the manifest is ${manifestFile}: kubectl will say the path does not exist.`,
      );
    if ('whenPodRunning' in a.trigger && !pods.has(a.trigger.whenPodRunning)) {
      out.push(`An action waits for pod ${a.trigger.whenPodRunning}, which no document here defines.`);
    }
  }
  return out;
}
