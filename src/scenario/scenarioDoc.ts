// The Podwalk Scenario document: seed, horizon and a timeline of actions — kubectl commands, runc run by
// hand against a container (kill, pause, resume), a node that joins. This is our own format, so unlike
// Kubernetes objects we refuse unknown fields: a typo should not pass in silence.
import type { Action, ActionTrigger, KubeObject } from '../sim/scenario';
import { readIntervention, type Known } from './interventionActions';
import { isPlainMap, type PathSeg, type Plain, type PlainMap } from './plain';
import { describe, failAt, type Site } from './shape';

export interface ScenarioDoc {
  name: string | null;
  seed: number | null;
  horizonMs: number | null;
  /** The nodes' container runtime (their nodeInfo.containerRuntimeVersion); as the Nodes say when null. */
  containerRuntime: 'containerd' | 'cri-o' | null;
  /** null when the document has no `spec.actions`: the default timeline applies. */
  actions: Action[] | null;
  /** `spec.files`: file name → its YAML text, for kubectl commands that read another file than pod.yaml. */
  files: Record<string, string> | null;
}

const SPEC_FIELDS = ['seed', 'horizon', 'actions', 'files', 'containerRuntime'];
const ACTION_FIELDS = [
  'at',
  'when',
  'pod',
  'namespace',
  'kubectl',
  'runc',
  'kubelet',
  'container',
  'signal',
  'addNode',
  'labels',
];
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** "1h30m", "2m", "500ms", "0s" → milliseconds, or null when the text is not such a duration. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (t === '0') return 0;
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(t)) return null;
  let ms = 0;
  for (const part of t.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g))
    ms += Number(part[1]) * (UNIT_MS[part[2] ?? ''] ?? 0);
  // The virtual clock counts whole milliseconds.
  return Math.round(ms);
}

export function readScenarioDoc(
  site: Site,
  obj: PlainMap,
  known: Known = { cluster: [], pods: [] },
): ScenarioDoc {
  const out: ScenarioDoc = {
    name: null,
    seed: null,
    horizonMs: null,
    actions: null,
    files: null,
    containerRuntime: null,
  };
  const metadata = obj.metadata;
  if (isPlainMap(metadata) && metadata.name !== undefined && metadata.name !== null) {
    if (typeof metadata.name !== 'string')
      failAt(site, ['metadata', 'name'], `metadata.name must be a string, not ${describe(metadata.name)}.`);
    out.name = metadata.name;
  }
  const spec = obj.spec;
  if (spec === undefined || spec === null) return out;
  if (!isPlainMap(spec)) failAt(site, ['spec'], `spec must be a mapping, not ${describe(spec)}.`);
  refuseUnknown(site, spec, ['spec'], SPEC_FIELDS);
  if (spec.seed !== undefined && spec.seed !== null) out.seed = readSeed(site, spec.seed);
  if (spec.containerRuntime !== undefined && spec.containerRuntime !== null) {
    const r = spec.containerRuntime;
    if (r !== 'containerd' && r !== 'cri-o')
      failAt(
        site,
        ['spec', 'containerRuntime'],
        `spec.containerRuntime must be containerd or cri-o, not ${describe(r)}.`,
      );
    out.containerRuntime = r;
  }
  if (spec.horizon !== undefined && spec.horizon !== null) {
    out.horizonMs = readDuration(site, spec.horizon, ['spec', 'horizon']);
    if (out.horizonMs === 0) failAt(site, ['spec', 'horizon'], 'spec.horizon must be longer than 0s.');
  }
  if (spec.files !== undefined && spec.files !== null) out.files = readFiles(site, spec.files);
  if (spec.actions !== undefined && spec.actions !== null) {
    const actions = spec.actions;
    if (!Array.isArray(actions))
      failAt(site, ['spec', 'actions'], `spec.actions must be a list, not ${describe(actions)}.`);
    const added: KubeObject[] = [];
    out.actions = actions.map((a, i) => {
      const action = readAction(site, a, ['spec', 'actions', i], {
        ...known,
        cluster: [...known.cluster, ...added],
      });
      if (action.kind === 'addNode') added.push(action.node);
      return action;
    });
  }
  return out;
}

/** `files: { web-v2.yaml: | … }`: each value is a file's text, read like the manifest. */
function readFiles(site: Site, files: Plain): Record<string, string> {
  if (!isPlainMap(files))
    failAt(site, ['spec', 'files'], `spec.files must map file names to YAML text, not ${describe(files)}.`);
  for (const [name, text] of Object.entries(files))
    if (typeof text !== 'string')
      failAt(
        site,
        ['spec', 'files', name],
        `spec.files.${name} must be the file's YAML text (write "${name}: |" and indent the file under it), not ${describe(text)}.`,
      );
  return files as Record<string, string>;
}

function refuseUnknown(site: Site, map: PlainMap, path: PathSeg[], known: string[]): void {
  for (const key of Object.keys(map)) {
    if (!known.includes(key)) {
      failAt(site, [...path, key], `unknown field "${key}"; this mapping takes ${known.join(', ')}.`);
    }
  }
}

function readSeed(site: Site, seed: Plain): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    failAt(site, ['spec', 'seed'], `spec.seed must be a whole number, not ${describe(seed)}.`);
  }
  return seed;
}

function readDuration(site: Site, value: Plain, path: PathSeg[]): number {
  const ms = typeof value === 'string' ? parseDuration(value) : value === 0 ? 0 : null;
  if (ms === null) {
    const field = path.filter((p) => typeof p === 'string').join('.');
    failAt(site, path, `${field} must be a duration such as 0s, 500ms, 2m or 1h, not ${describe(value)}.`);
  }
  return ms;
}

function readAction(site: Site, action: Plain, path: PathSeg[], known: Known): Action {
  const label = `spec.actions[${String(path[path.length - 1])}]`;
  if (!isPlainMap(action)) failAt(site, path, `${label} must be a mapping, not ${describe(action)}.`);
  refuseUnknown(site, action, path, ACTION_FIELDS);
  const kinds = (['kubectl', 'runc', 'kubelet', 'addNode'] as const).filter(
    (k) => action[k] !== undefined && action[k] !== null,
  );
  if (kinds.length > 1)
    failAt(
      site,
      path,
      `${label} takes one of kubectl, runc, kubelet or addNode, not ${kinds.join(' and ')}.`,
    );
  if (kinds[0] === 'runc' || kinds[0] === 'kubelet' || kinds[0] === 'addNode')
    return readIntervention(site, action, path, label, known, readTrigger(site, action, path, label));
  const command = action.kubectl;
  if (typeof command !== 'string')
    failAt(
      site,
      [...path, 'kubectl'],
      `${label}.kubectl must be a kubectl command such as "apply -f pod.yaml", not ${describe(command)}.`,
    );
  const words = command
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const args = words[0] === 'kubectl' ? words.slice(1) : words;
  if (args.length === 0)
    failAt(
      site,
      [...path, 'kubectl'],
      `${label}.kubectl is empty; write a command such as "apply -f pod.yaml".`,
    );
  return { kind: 'kubectl', trigger: readTrigger(site, action, path, label), args };
}

export function readTrigger(site: Site, action: PlainMap, path: PathSeg[], label: string): ActionTrigger {
  const hasAt = action.at !== undefined && action.at !== null;
  const hasWhen = action.when !== undefined && action.when !== null;
  if (hasAt === hasWhen)
    failAt(site, path, `${label} needs exactly one of "at" (a time such as 0s) or "when" (PodRunning).`);
  if (hasAt) return { atMs: readDuration(site, action.at ?? null, [...path, 'at']) };
  if (action.when !== 'PodRunning')
    failAt(site, [...path, 'when'], `${label}.when must be PodRunning, not ${describe(action.when)}.`);
  const pod = action.pod;
  if (typeof pod !== 'string' || pod === '')
    failAt(site, [...path, 'pod'], `${label}.pod must name the pod to wait for, not ${describe(pod)}.`);
  const ns = action.namespace;
  if (ns !== undefined && ns !== null && typeof ns !== 'string')
    failAt(site, [...path, 'namespace'], `${label}.namespace must be a string, not ${describe(ns)}.`);
  if (pod.includes('/')) return { whenPodRunning: pod };
  return { whenPodRunning: `${typeof ns === 'string' && ns !== '' ? ns : 'default'}/${pod}` };
}
