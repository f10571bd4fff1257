// One manifest, two tabs: the Pod tab holds what `kubectl apply -f pod.yaml` sends (unbound Pods and the
// Scenario document), the Cluster tab holds what exists before (Nodes, bound Pods, namespaces, RBAC, …).
// The store keeps a single text, so share links and saved edits stay one document.
import { parse, stringify } from 'yaml';
import { defaultCluster } from '../../scenario/defaultCluster';
import { CLUSTER_KINDS } from '../../scenario/kinds';

export type Part = 'pod' | 'cluster';

interface Chunk {
  text: string;
  part: Part;
  /** 1-based line of the chunk's first line in the whole text. */
  line: number;
}

const SEPARATOR = /^---[ \t]*(?:#.*)?$/;
/** What the Cluster tab holds: the nodes and the objects the scenario parser files under the cluster. */
const CLUSTER_TAB_KINDS: ReadonlySet<string> = new Set(['Node', 'NodeList', ...CLUSTER_KINDS]);

function classify(text: string): Part {
  try {
    const doc = parse(text, { maxAliasCount: 100 }) as {
      kind?: unknown;
      spec?: { nodeName?: unknown };
    } | null;
    if (!doc || typeof doc !== 'object') return 'pod';
    if (typeof doc.kind === 'string' && CLUSTER_TAB_KINDS.has(doc.kind)) return 'cluster';
    if (doc.kind === 'Pod' && typeof doc.spec?.nodeName === 'string' && doc.spec.nodeName) return 'cluster';
    if (doc.kind === 'List' || doc.kind === 'PodList') return 'cluster';
    return 'pod';
  } catch {
    return 'pod'; // broken YAML stays where the user is typing
  }
}

/** Splits on `---` lines (document starts); each chunk keeps its comments. */
export function chunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  let current: string[] = [];
  let start = 1;
  text.split('\n').forEach((line, i) => {
    if (SEPARATOR.test(line) && current.some((l) => l.trim() && !l.trim().startsWith('#'))) {
      out.push({ text: current.join('\n'), part: 'pod', line: start });
      current = [];
      start = i + 2;
      return;
    }
    if (SEPARATOR.test(line) && current.length === 0) {
      start = i + 2;
      return;
    }
    current.push(line);
  });
  if (current.join('').trim()) out.push({ text: current.join('\n'), part: 'pod', line: start });
  return out.map((c) => ({ ...c, part: classify(c.text) }));
}

const trimEnd = (s: string) => s.replace(/\s+$/, '');

export function split(text: string): Record<Part, string> {
  const cs = chunks(text);
  const join = (part: Part) =>
    cs
      .filter((c) => c.part === part)
      .map((c) => trimEnd(c.text))
      .join('\n---\n');
  return { pod: join('pod'), cluster: join('cluster') };
}

/** The whole manifest again: the Pod part, then the cluster. */
export function join(parts: Record<Part, string>): string {
  const pod = trimEnd(parts.pod);
  const cluster = trimEnd(parts.cluster);
  if (!cluster) return pod + '\n';
  return `${pod}\n---\n${cluster}\n`;
}

/** What the Cluster tab shows while the manifest names no cluster: the default one, to edit. */
export const DEFAULT_CLUSTER_TEXT =
  '# The default cluster: edit it (or paste `kubectl get nodes -o yaml` output) to use your own.\n' +
  defaultCluster()
    .map((o) => trimEnd(stringify(o)))
    .join('\n---\n') +
  '\n';

/** Where a line of the whole text is: in which tab, at which line of that tab's text. */
export function locate(text: string, line: number): { part: Part; line: number } | null {
  const cs = chunks(text);
  const offsets: Record<Part, number> = { pod: 0, cluster: 0 };
  for (const c of cs) {
    const lines = trimEnd(c.text).split('\n').length;
    if (line >= c.line && line < c.line + lines)
      return { part: c.part, line: offsets[c.part] + (line - c.line) + 1 };
    offsets[c.part] += lines + 1; // the `---` between chunks of one tab
  }
  return null;
}
