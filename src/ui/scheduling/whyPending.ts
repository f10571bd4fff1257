// "Why Pending" in plain words: the rejected nodes grouped by the filter verdict that rejected them, e.g.
// "No node can take nginx: control-plane has a taint the pod doesn't tolerate; worker-1 and worker-2 don't
// have 2 cpu free." Built from the per-node verdicts (plugin and verbatim reasons), never from the
// FailedScheduling text. Pure, so tests read it as the panel does.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { CycleDecisions, FilterDecision } from '../../sim/scheduler/decisions';
import { fixesFor, formatResource, type Fix, type FixInput } from '../../sim/scheduler/fixes';
import { podRequests } from '../../sim/scheduler/requests';
import type { ResourceMap } from '../../sim/scheduler/types';
import type { Trace } from '../../sim/trace/types';
import { podObjectAt } from '../../sim/trace/at';

/** [one node, several nodes]: the verb agrees with the count. */
type Phrase = [string, string];

const BY_REASON: Record<string, Phrase> = {
  'node(s) were unschedulable': ['is cordoned (spec.unschedulable)', 'are cordoned (spec.unschedulable)'],
  'node(s) had untolerated taint(s)': [
    "has a taint the pod doesn't tolerate",
    "have taints the pod doesn't tolerate",
  ],
  "node(s) didn't match Pod's node affinity/selector": [
    "doesn't match the pod's nodeSelector or node affinity",
    "don't match the pod's nodeSelector or node affinity",
  ],
  "node(s) didn't have free ports for the requested pod ports": [
    "doesn't have the pod's host ports free",
    "don't have the pod's host ports free",
  ],
  "node(s) didn't match the requested node name": [
    "isn't the node spec.nodeName names",
    "aren't the node spec.nodeName names",
  ],
  'Too many pods': ['has no pod slot left', 'have no pod slot left'],
  "node(s) didn't match pod affinity rules": [
    "doesn't satisfy the pod's pod affinity",
    "don't satisfy the pod's pod affinity",
  ],
  "node(s) didn't match pod anti-affinity rules": [
    "runs pods the pod's anti-affinity avoids",
    "run pods the pod's anti-affinity avoids",
  ],
  "node(s) didn't satisfy existing pods anti-affinity rules": [
    'runs pods whose anti-affinity keeps this pod away',
    'run pods whose anti-affinity keeps this pod away',
  ],
};

function phraseFor(reason: string, requests: ResourceMap): Phrase {
  const known = BY_REASON[reason];
  if (known) return known;
  if (reason.startsWith('Insufficient ')) {
    const resource = reason.slice('Insufficient '.length);
    const want = requests[resource];
    const amount = want === undefined ? '' : `${formatResource(resource, want)} `;
    return [`doesn't have ${amount}${resource} free`, `don't have ${amount}${resource} free`];
  }
  if (reason.startsWith("node(s) didn't match pod topology spread constraints"))
    return [
      "would break the pod's topology spread constraints",
      "would break the pod's topology spread constraints",
    ];
  return [`is rejected: ${reason}`, `are rejected: ${reason}`];
}

/** "a", "a and b", "a, b and c", "a, b, c and 17 other nodes". */
export function nameList(names: string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > max + 1) {
    const rest = names.length - max;
    return `${names.slice(0, max).join(', ')} and ${rest.toLocaleString('en-US')} other nodes`;
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** One clause per distinct verdict, in the order the first node with it was examined. */
export function whyPending(podName: string, rejected: FilterDecision[], requests: ResourceMap = {}): string {
  const groups = new Map<string, { names: string[]; reasons: string[] }>();
  for (const f of rejected) {
    const key = `${f.plugin ?? ''}\u0000${f.reasons.join('\u0000')}`;
    const g = groups.get(key) ?? { names: [], reasons: f.reasons };
    g.names.push(f.node);
    groups.set(key, g);
  }
  const clauses = [...groups.values()].map(({ names, reasons }) => {
    const n = names.length === 1 ? 0 : 1;
    const what = reasons.map((r) => phraseFor(r, requests)[n]);
    return `${nameList(names)} ${what.join(' and ')}`;
  });
  if (clauses.length === 0) return `No node can take ${podName}.`;
  return `No node can take ${podName}: ${clauses.join('; ')}.`;
}

/** The pod, the Nodes and the bound pods as stored when the cycle started (etcd at that step). */
export function fixInputAt(trace: Trace, seq: number, podKey: string): FixInput | null {
  const latest = new Map<string, Record<string, unknown> | null>();
  for (const o of trace.objects) {
    if (o.seq > seq) break;
    if (o.key.startsWith('/registry/minions/') || o.key.startsWith('/registry/pods/'))
      latest.set(o.key, o.object);
  }
  const pod = latest.get(`/registry/pods/${podKey}`) as Pod | null | undefined;
  if (!pod) return null;
  const nodes: Node[] = [];
  const assignedPods: Pod[] = [];
  for (const [key, obj] of latest) {
    if (obj === null) continue;
    if (key.startsWith('/registry/minions/')) nodes.push(obj);
    else if (key !== `/registry/pods/${podKey}` && (obj as Pod).spec?.nodeName) assignedPods.push(obj);
  }
  return { pod, nodes, assignedPods };
}

/**
 * The suggestions for a cycle's rejected nodes (or the first `limit` of them), from the cluster as it
 * was when the cycle started. For 5,000 rejected nodes this takes a few hundred milliseconds: the panel
 * asks only when the suggestions are shown, and only for the rows it lists.
 */
export function cycleFixes(trace: Trace, cycle: CycleDecisions, limit = Infinity): Map<string, Fix[]> {
  const input = fixInputAt(trace, cycle.preFilterSeq, cycle.pod);
  if (input === null) return new Map();
  const rejected = cycle.filters.filter((f) => !f.feasible).map((f) => f.node);
  return fixesFor(input, rejected.slice(0, limit));
}

/** The pod's effective requests when the cycle started, for the sentence's amounts. */
export function cycleRequests(trace: Trace, cycle: CycleDecisions): ResourceMap {
  const pod = podObjectAt(trace, cycle.preFilterSeq, cycle.pod);
  return pod ? podRequests(pod as Pod) : {};
}

/** The "why Pending" sentence, once the playhead has reached the cycle's failure; else null. */
export function pendingSentence(
  cycle: CycleDecisions,
  delivered: number,
  requests: ResourceMap,
): string | null {
  const failed = cycle.select !== null && cycle.select.node === null && cycle.select.seq <= delivered;
  if (!failed) return null;
  const podName = cycle.pod.split('/')[1] ?? cycle.pod;
  // NodeAffinity's PreFilter can reject the pod before any node is examined.
  const pre =
    cycle.filters.length === 0 ? cycle.preFilter.find((p) => p.plugin === 'NodeAffinity') : undefined;
  if (pre) return `No node can take ${podName}: NodeAffinity's PreFilter rejects the pod (${pre.result}).`;
  return whyPending(
    podName,
    cycle.filters.filter((f) => !f.feasible),
    requests,
  );
}
