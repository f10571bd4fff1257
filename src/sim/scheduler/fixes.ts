// The smallest change that would make a pending pod fit a node that rejected it: one suggestion per
// failing filter plugin, each with the edits (to the pod, to the node, or removing a bound pod) that make
// that plugin pass. Upstream reports only the first failing plugin per node, so every filter is run here
// on its own to find them all. The words are Podwalk's own; the edits are structured so that the page can
// apply them to the editor's YAML and tests can apply them to the objects and re-run the filters.
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint } from 'kubernetes-types/core/v1';
import { formatBytes, formatMilli } from '../k8s/quantity';
import { preFilter, type CycleState } from './cycle';
import { INTER_POD_AFFINITY, interPodFilter } from './plugins/interPodAffinity';
import { NODE_AFFINITY, nodeAffinityFilter } from './plugins/nodeAffinity';
import { NODE_NAME, nodeNameFilter } from './plugins/nodeName';
import { NODE_PORTS, nodePortsFilter } from './plugins/nodePorts';
import { NODE_RESOURCES_FIT, nodeResourcesFitFilter } from './plugins/nodeResources';
import { POD_TOPOLOGY_SPREAD, spreadFilter } from './plugins/podTopologySpread';
import {
  NODE_UNSCHEDULABLE,
  nodeUnschedulableFilter,
  TAINT_TOLERATION,
  taintTolerationFilter,
  toleratesTaint,
} from './plugins/taints';
import { podRequests } from './requests';
import { nodeSelectorTermMatches, podMatchesNodeSelectorAndAffinity } from './selectors';
import { buildSnapshot, podHostPorts, podKey } from './snapshot';
import type { HostPort, NodeInfo, SchedulerListers, Status } from './types';

export type Path = (string | number)[];

/** One change to an object: set a field, delete it, or append to a list (created when absent). */
export type FieldEdit =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'delete'; path: Path }
  | { op: 'append'; path: Path; value: unknown };

export type FixEdit =
  /** On the pending pod; for a workload's pod, the same path under its template. */
  | ({ target: 'pod' } & FieldEdit)
  | ({ target: 'node'; node: string } & FieldEdit)
  /** A pod bound to the node goes away (`ns/name`). */
  | { target: 'boundPod'; pod: string };

export interface Fix {
  node: string;
  /** The filter plugin this suggestion satisfies. */
  plugin: string;
  /** What to change, in Podwalk's words: `requests.cpu ≤ 1500m`, `uncordon node-2`. */
  text: string;
  /** The edits; empty when no single change does it (the text then says why). */
  edits: FixEdit[];
}

export interface FixInput {
  pod: Pod;
  nodes: Node[];
  assignedPods: Pod[];
  listers?: Partial<SchedulerListers>;
}

/** Every filter plugin that rejects the node, in upstream order (the scheduler stops at the first). */
export function failingFilters(state: CycleState, node: NodeInfo): Status[] {
  const { pod } = state;
  const all = [
    nodeUnschedulableFilter(pod, node),
    nodeNameFilter(pod, node),
    taintTolerationFilter(pod, node),
    nodeAffinityFilter(pod, node),
    nodePortsFilter(state.hostPorts, node),
    nodeResourcesFitFilter(state.requests, node),
    spreadFilter(state.spread, pod, node),
    interPodFilter(state.interPod, node),
  ];
  return all.filter((s): s is Status => s !== null);
}

/** Suggestions for each named node, one per failing plugin; nodes that pass every filter get none. */
export function fixesFor(input: FixInput, nodeNames: readonly string[]): Map<string, Fix[]> {
  const snapshot = buildSnapshot(input.nodes, input.assignedPods);
  const state = preFilter(input.pod, snapshot, { listers: input.listers });
  const out = new Map<string, Fix[]>();
  for (const name of nodeNames) {
    const node = snapshot.byName.get(name);
    if (node === undefined) continue;
    out.set(
      name,
      failingFilters(state, node).map((s) => fixFor(state, node, s)),
    );
  }
  return out;
}

function fixFor(state: CycleState, node: NodeInfo, s: Status): Fix {
  const base = { node: node.name, plugin: s.plugin };
  switch (s.plugin) {
    case NODE_UNSCHEDULABLE:
      return { ...base, ...uncordon(node) };
    case NODE_NAME:
      return {
        ...base,
        text: `spec.nodeName: ${node.name}`,
        edits: [{ target: 'pod', op: 'set', path: ['spec', 'nodeName'], value: node.name }],
      };
    case TAINT_TOLERATION:
      return { ...base, ...tolerate(state.pod, node) };
    case NODE_AFFINITY:
      return { ...base, ...matchAffinity(state.pod, node) };
    case NODE_PORTS:
      return { ...base, ...freePorts(state.hostPorts, node) };
    case NODE_RESOURCES_FIT:
      return { ...base, ...fitResources(state, node, s.reasons) };
    case POD_TOPOLOGY_SPREAD:
      return {
        ...base,
        text: 'no single change: the topology spread constraints count where the matching pods run',
        edits: [],
      };
    case INTER_POD_AFFINITY:
      return {
        ...base,
        text: 'no single change: pod (anti-)affinity depends on which pods run in the topology domain',
        edits: [],
      };
    default:
      return { ...base, text: `no single change known for ${s.plugin}`, edits: [] };
  }
}

type Suggestion = Pick<Fix, 'text' | 'edits'>;

const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

/** spec.unschedulable: false, and the taint `kubectl cordon` comes with, if the node carries it. */
function uncordon(node: NodeInfo): Suggestion {
  const edits: FixEdit[] = [
    { target: 'node', node: node.name, op: 'set', path: ['spec', 'unschedulable'], value: false },
  ];
  const taints = node.node.spec?.taints ?? [];
  const i = taints.findIndex((t) => t.key === UNSCHEDULABLE_TAINT);
  if (i >= 0) edits.push({ target: 'node', node: node.name, op: 'delete', path: ['spec', 'taints', i] });
  return { text: `uncordon ${node.name}`, edits };
}

export const taintText = (t: Pick<Taint, 'key' | 'value' | 'effect'>): string =>
  `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/** Tolerations for every NoSchedule/NoExecute taint the pod does not tolerate, as one change. */
function tolerate(pod: Pod, node: NodeInfo): Suggestion {
  const tolerations = pod.spec?.tolerations ?? [];
  const untolerated = (node.node.spec?.taints ?? []).filter(
    (t) =>
      (t.effect === 'NoSchedule' || t.effect === 'NoExecute') &&
      !tolerations.some((tol) => toleratesTaint(tol, t)),
  );
  const edits: FixEdit[] = untolerated.map((t) => ({
    target: 'pod',
    op: 'append',
    path: ['spec', 'tolerations'],
    value: t.value
      ? { key: t.key, operator: 'Equal', value: t.value, effect: t.effect }
      : { key: t.key, operator: 'Exists', effect: t.effect },
  }));
  const noun = untolerated.length === 1 ? 'toleration' : 'tolerations';
  return { text: `add ${noun} ${untolerated.map(taintText).join(', ')}`, edits };
}

/** A label value that makes one requirement true, or null when no added label can (NotIn, DoesNotExist). */
function labelFor(r: NodeSelectorRequirement): string | null {
  const v = r.values?.[0];
  const int = /^[+-]?[0-9]+$/;
  switch (r.operator) {
    case 'In':
      return v ?? null;
    case 'Exists':
      return 'true';
    case 'Gt':
      return v !== undefined && int.test(v) && BigInt(v) >= -1n ? String(BigInt(v) + 1n) : null;
    case 'Lt':
      return v !== undefined && int.test(v) && BigInt(v) > 0n ? String(BigInt(v) - 1n) : null;
    default:
      return null;
  }
}

/** The labels a term needs on the node, or null when a label cannot satisfy it. */
function labelsForTerm(term: NodeSelectorTerm, node: Node): Record<string, string> | null {
  const labels = node.metadata?.labels ?? {};
  const fieldNode: Node = { metadata: { name: node.metadata?.name, labels: {} } };
  for (const f of term.matchFields ?? []) {
    if (!nodeSelectorTermMatches({ matchFields: [f] }, fieldNode)) return null;
  }
  const need: Record<string, string> = {};
  for (const r of term.matchExpressions ?? []) {
    if (nodeSelectorTermMatches({ matchExpressions: [r] }, node)) continue;
    if (Object.hasOwn(labels, r.key)) return null; // a label with another value: not an added label
    const v = labelFor(r);
    if (v === null) return null;
    need[r.key] = v;
  }
  return need;
}

const requiredTerms = (pod: Pod): NodeSelectorTerm[] | null =>
  pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? null;

const withLabels = (node: Node, add: Record<string, string>): Node => ({
  ...node,
  metadata: { ...node.metadata, labels: { ...node.metadata?.labels, ...add } },
});

const labelText = (node: string, labels: Record<string, string>): string =>
  `label ${node} with ${Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}`;

const AFFINITY_PATH = ['spec', 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'];

/** Labels for the nodeSelector and the cheapest satisfiable term; else the selector change on the pod. */
function matchAffinity(pod: Pod, info: NodeInfo): Suggestion {
  const node = info.node;
  const labels = node.metadata?.labels ?? {};
  const need: Record<string, string> = {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) need[k] = v;
  const terms = requiredTerms(pod);
  const labelled = withLabels(node, need);
  let podEdits: FixEdit[] = [];
  let podText = '';
  if (terms !== null && !podMatchesNodeSelectorAndAffinity(pod, labelled)) {
    const options = terms
      .map((t) => labelsForTerm(t, labelled))
      .filter((l): l is Record<string, string> => l !== null)
      .filter((l) => podMatchesNodeSelectorAndAffinity(pod, withLabels(labelled, l)))
      .sort((a, b) => Object.keys(a).length - Object.keys(b).length);
    const best = options[0];
    if (best !== undefined) Object.assign(need, best);
    else ({ edits: podEdits, text: podText } = relaxTerm(terms, labelled));
  }
  const nodeEdits: FixEdit[] = Object.entries(need).map(([k, v]) => ({
    target: 'node',
    node: info.name,
    op: 'set',
    path: ['metadata', 'labels', k],
    value: v,
  }));
  const texts = [
    ...(nodeEdits.length > 0 ? [labelText(info.name, need)] : []),
    ...(podText ? [podText] : []),
  ];
  return { text: texts.join(' and '), edits: [...nodeEdits, ...podEdits] };
}

const requirementText = (r: NodeSelectorRequirement): string =>
  `${r.key} ${r.operator}${r.values?.length ? ` [${r.values.join(' ')}]` : ''}`;

/** No label satisfies a term: drop the first term's failing requirements (all of it if none would remain). */
function relaxTerm(terms: NodeSelectorTerm[], node: Node): Suggestion {
  const term = terms[0] ?? {};
  const fieldNode: Node = { metadata: { name: node.metadata?.name, labels: {} } };
  const failingExprs = (term.matchExpressions ?? [])
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !nodeSelectorTermMatches({ matchExpressions: [r] }, node));
  const failingFields = (term.matchFields ?? [])
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !nodeSelectorTermMatches({ matchFields: [r] }, fieldNode));
  const left =
    (term.matchExpressions?.length ?? 0) +
    (term.matchFields?.length ?? 0) -
    failingExprs.length -
    failingFields.length;
  if (left === 0)
    return {
      text: "remove the pod's required node affinity",
      edits: [{ target: 'pod', op: 'delete', path: AFFINITY_PATH }],
    };
  const del = (list: string, i: number): FixEdit => ({
    target: 'pod',
    op: 'delete',
    path: [...AFFINITY_PATH, 'nodeSelectorTerms', 0, list, i],
  });
  // Highest index first, so each deletion leaves the others' indexes as they were.
  const edits = [
    ...failingExprs.map(({ i }) => del('matchExpressions', i)).reverse(),
    ...failingFields.map(({ i }) => del('matchFields', i)).reverse(),
  ];
  const named = [...failingExprs, ...failingFields].map(({ r }) => requirementText(r));
  return { text: `remove ${named.join(', ')} from the pod's required node affinity`, edits };
}

const portText = (p: HostPort): string => `${p.port}/${p.protocol}`;

function conflicts(want: HostPort, used: HostPort): boolean {
  return (
    used.port === want.port &&
    used.protocol === want.protocol &&
    (want.ip === '0.0.0.0' || used.ip === '0.0.0.0' || used.ip === want.ip)
  );
}

/** The pod's host ports already bound on the node, freed by removing the pods that hold them. */
function freePorts(wanted: HostPort[], node: NodeInfo): Suggestion {
  const taken = wanted.filter((w) => node.usedPorts.some((u) => conflicts(w, u)));
  const holders = node.pods.filter((p) => podHostPorts(p).some((u) => taken.some((w) => conflicts(w, u))));
  const ports = taken.length === 1 ? 'host port' : `${taken.length} host ports`;
  const who = holders.map(podKey);
  return {
    text: `free ${ports} ${taken.map(portText).join(', ')}: delete ${who.join(', ')}`,
    edits: who.map((pod) => ({ target: 'boundPod', pod })),
  };
}

/** A resource amount in the canonical form kubectl prints. */
export function formatResource(name: string, units: number): string {
  if (name === 'cpu') return formatMilli(units);
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-'))
    return formatBytes(units);
  return String(units);
}

/** Where the request of `resource` is set: pod-level resources for cpu/memory if set, else a container. */
function requestPath(pod: Pod, resource: string): { path: Path; container: string | null; now: number } {
  const spec = pod.spec as { resources?: { requests?: Record<string, unknown> } } | undefined;
  if ((resource === 'cpu' || resource === 'memory') && spec?.resources?.requests?.[resource] !== undefined)
    return { path: ['spec', 'resources', 'requests', resource], container: null, now: Infinity };
  const containers = pod.spec?.containers ?? [];
  let best = 0;
  let bestUnits = -1;
  containers.forEach((c, i) => {
    const one: Pod = { spec: { containers: [c] } };
    const units = podRequests(one)[resource] ?? 0;
    if (units > bestUnits) [best, bestUnits] = [i, units];
  });
  return {
    path: ['spec', 'containers', best, 'resources', 'requests', resource],
    container: containers.length > 1 ? (containers[best]?.name ?? null) : null,
    now: bestUnits,
  };
}

/** A deep copy of plain API data (the sim has no structuredClone). */
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function setPath(obj: unknown, path: Path, value: unknown): void {
  let cur = obj as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof cur[key] !== 'object' || cur[key] === null) cur[key] = {};
    cur = cur[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (last !== undefined) cur[last] = value;
}

/** The largest request (in units) at `path` that keeps the pod's effective request within `free`. */
function largestFitting(pod: Pod, path: Path, resource: string, free: number, upTo: number): number | null {
  const effective = (units: number): number => {
    const copy = clone(pod);
    setPath(copy, path, formatResource(resource, units));
    return podRequests(copy)[resource] ?? 0;
  };
  if (effective(1) > free) return null;
  let lo = 1;
  let hi = Math.min(upTo === Infinity ? free : upTo, free);
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (effective(mid) <= free) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const INSUFFICIENT = 'Insufficient ';

/** `requests.cpu ≤ 1500m` per short resource; what frees a slot for `Too many pods`. */
function fitResources(state: CycleState, node: NodeInfo, reasons: string[]): Suggestion {
  const edits: FixEdit[] = [];
  const texts: string[] = [];
  for (const reason of reasons) {
    if (reason === 'Too many pods') {
      const names = node.pods.map(podKey);
      return {
        text: `${node.name} runs ${names.length} pods, all its allocatable pods allow: delete one (${names.join(', ')}) to free a slot`,
        edits: [],
      };
    }
    if (!reason.startsWith(INSUFFICIENT)) continue;
    const resource = reason.slice(INSUFFICIENT.length);
    const alloc = node.allocatable[resource] ?? 0;
    const free = alloc - (node.requested[resource] ?? 0);
    if (alloc <= 0) return { text: `${node.name} has no ${resource} at all`, edits: [] };
    if (free <= 0) return { text: `${node.name} has no ${resource} left to request`, edits: [] };
    const where = requestPath(state.pod, resource);
    const units = largestFitting(state.pod, where.path, resource, free, where.now);
    if (units === null)
      return {
        text: `no single request fits ${node.name}: ${formatResource(resource, free)} ${resource} free`,
        edits: [],
      };
    const value = formatResource(resource, units);
    edits.push({ target: 'pod', op: 'set', path: where.path, value });
    texts.push(
      `requests.${resource} ≤ ${value}${where.container !== null ? ` (container ${where.container})` : ''}`,
    );
  }
  return { text: texts.join(', '), edits };
}

/** The objects with the edits made: what the scheduler would see after the suggestion is applied. */
export function applyEdits(input: FixInput, edits: FixEdit[]): FixInput {
  const pod = clone(input.pod);
  const nodes = input.nodes.map((n) => clone(n));
  let assignedPods = input.assignedPods;
  for (const e of edits) {
    if (e.target === 'boundPod') {
      assignedPods = assignedPods.filter((p) => podKey(p) !== e.pod);
      continue;
    }
    const obj = e.target === 'pod' ? pod : nodes.find((n) => n.metadata?.name === e.node);
    if (obj !== undefined) applyField(obj, e);
  }
  return { ...input, pod, nodes, assignedPods };
}

function applyField(obj: unknown, e: FieldEdit): void {
  const parent = e.path
    .slice(0, -1)
    .reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], obj);
  const last = e.path[e.path.length - 1];
  if (e.op === 'set') return setPath(obj, e.path, e.value);
  if (e.op === 'append') {
    const list = e.path.reduce<unknown>(
      (o, k) => (o as Record<string | number, unknown> | undefined)?.[k],
      obj,
    );
    if (Array.isArray(list)) list.push(e.value);
    else setPath(obj, e.path, [e.value]);
    return;
  }
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (parent && typeof parent === 'object' && last !== undefined)
    delete (parent as Record<string | number, unknown>)[last];
}
