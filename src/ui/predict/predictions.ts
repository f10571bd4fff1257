// Predict mode's questions, found in a trace: the moments worth pausing before, each with its answer
// choices and the answer the trace itself gives. Pure: no React, no store.
import type { Trace, TraceMessage } from '../../sim/trace/types';
import { readFilters } from '../../sim/scheduler/decisions';

export interface Prediction {
  id: 'select-node' | 'first-cri' | 'shared-namespaces';
  /** The player pauses with this many messages delivered: just before message `before + 1`. */
  before: number;
  question: string;
  choices: string[];
  answer: string;
  /** Shown with the answer. */
  explain: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function selectNode(trace: Trace): Prediction | null {
  const select = trace.messages.find((m) => m.activity === 10 && /^select /.test(m.label));
  const node = str(select?.detail.node);
  if (!select || !node) return null;
  const feasible: string[] = [];
  for (const m of trace.messages) {
    if (m.seq >= select.seq) break;
    if (m.activity !== 8 || m.from !== 'kube-scheduler') continue;
    for (const f of readFilters(m)) if (f.feasible && !feasible.includes(f.node)) feasible.push(f.node);
  }
  if (!feasible.includes(node)) feasible.push(node);
  // Thousands of nodes make no quiz: the winner and up to five others.
  const choices =
    feasible.length > 6 ? [node, ...feasible.filter((n) => n !== node).slice(0, 5)].sort() : feasible;
  return {
    id: 'select-node',
    before: select.seq - 1,
    question: 'Which node wins?',
    choices,
    answer: node,
    explain: `${node} has the highest total score among the ${feasible.length} feasible node${feasible.length === 1 ? '' : 's'}; ties are broken at random.`,
  };
}

const CRI_CHOICES = ['PullImage', 'CreateContainer', 'RunPodSandbox', 'StartContainer'];

function firstCri(trace: Trace): Prediction | null {
  const first = trace.messages.find(
    (m) => m.activity === 12 && m.from === 'kubelet' && m.to === 'containerd',
  );
  const method = str(first?.detail.method);
  if (!first || !method) return null;
  return {
    id: 'first-cri',
    before: first.seq - 1,
    question: 'What does the kubelet ask containerd first?',
    choices: CRI_CHOICES.includes(method) ? CRI_CHOICES : [...CRI_CHOICES, method],
    answer: method,
    explain:
      method === 'RunPodSandbox'
        ? 'RunPodSandbox: before any image or container, the pod needs its sandbox, the pause container and network namespace that its containers will join.'
        : `${method} is the first CRI call here.`,
  };
}

const NAMESPACE_CHOICES: string[][] = [['net'], ['net', 'ipc', 'uts'], ['net', 'ipc', 'uts', 'pid'], []];

export function namespaceChoice(kinds: readonly string[]): string {
  if (kinds.length === 0) return 'none: it gets its own of each';
  const order = ['net', 'ipc', 'uts', 'pid', 'mnt', 'cgroup', 'user'];
  const sorted = [...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return sorted.length === 1 ? `${sorted[0]} only` : `${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}`;
}

function sharedNamespaces(trace: Trace): Prediction | null {
  // The first runc create that is not the sandbox's pause container, and the clone it leads to.
  const create = trace.messages.find(
    (m) =>
      m.from === 'containerd' &&
      m.to === 'runc' &&
      m.detail.command === 'create' &&
      !/\(pause\)/.test(m.label),
  );
  if (!create) return null;
  const clone: TraceMessage | undefined = trace.messages.find(
    (m) => m.seq > create.seq && m.from === 'runc' && m.to === 'kernel' && /^clone/.test(m.label),
  );
  const join = clone?.detail.join;
  if (!clone || typeof join !== 'object' || join === null) return null;
  const joined = Object.keys(join);
  const answer = namespaceChoice(joined);
  const choices = NAMESPACE_CHOICES.map(namespaceChoice);
  if (!choices.includes(answer)) choices.push(answer);
  const name = /\(([^)]+)\)\s*$/.exec(create.label)?.[1] ?? 'the container';
  return {
    id: 'shared-namespaces',
    before: create.seq - 1,
    question: `Which namespaces will ${name} share with the pause container?`,
    choices,
    answer,
    explain: `${answer}: runc joins the pause container’s ${joined.join(', ') || 'no'} namespace${joined.length === 1 ? '' : 's'} with setns and makes new mount, PID and cgroup namespaces (PID is shared only with shareProcessNamespace: true).`,
  };
}

/** The questions for this trace, in the order the player meets them. */
export function findPredictions(trace: Trace): Prediction[] {
  return [selectNode(trace), firstCri(trace), sharedNamespaces(trace)]
    .filter((p): p is Prediction => p !== null)
    .sort((a, b) => a.before - b.before);
}

/**
 * The question to stop for when the playhead moves from `prev` to `next` while playing: the first one
 * not yet asked whose pause point the move crosses (the playhead passes `before`, so message
 * `before + 1` would start to travel).
 */
export function crossed(
  predictions: readonly Prediction[],
  asked: ReadonlySet<string>,
  prev: number,
  next: number,
): Prediction | null {
  for (const p of predictions) {
    if (asked.has(p.id)) continue;
    if (prev <= p.before && next > p.before) return p;
  }
  return null;
}
