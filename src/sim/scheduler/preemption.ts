// DefaultPreemption as a PostFilter: eligibility, the dry run on Unschedulable nodes (remove every
// lower-priority pod, then reprieve from the highest priority down), and the choice among candidates.
// upstream: pkg/scheduler/framework/preemption/preemption.go Evaluator.Preempt, findCandidates,
// pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go SelectVictimsOnNode
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { preFilter, runFilters } from './cycle';
import { fitErrorMessage } from './message';
import { buildSnapshot, podKey } from './snapshot';
import type { PreemptionOutcome, Status } from './types';

export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
const MAX_INT32 = 2 ** 31 - 1;

const priorityOf = (p: Pod): number => p.spec?.priority ?? 0;
/** Pods without a start time count as starting now, i.e. after every started pod. */
const startOf = (p: Pod): string => p.status?.startTime ?? '\uffff';

/** Higher priority first, then the earlier start. upstream: pkg/scheduler/util/utils.go MoreImportantPod */
function moreImportantFirst(a: Pod, b: Pod): number {
  if (priorityOf(a) !== priorityOf(b)) return priorityOf(b) - priorityOf(a);
  return startOf(a) < startOf(b) ? -1 : startOf(a) > startOf(b) ? 1 : 0;
}

export interface PreemptionInput {
  pod: Pod;
  nodes: Node[];
  assignedPods: Pod[];
  /** Filter statuses of the cycle, by node name; nodes without one were absent (UnschedulableAndUnresolvable). */
  statuses: Map<string, Status>;
}

interface Candidate {
  node: string;
  victims: Pod[];
}

function fitsWithout(input: PreemptionInput, nodeName: string, removed: Set<Pod>): Status | null {
  const snapshot = buildSnapshot(
    input.nodes,
    input.assignedPods.filter((p) => !removed.has(p)),
  );
  const node = snapshot.byName.get(nodeName);
  if (node === undefined) return null;
  return runFilters(preFilter(input.pod, snapshot), node);
}

/** Victims on one node, or the status explaining why the node is no candidate. */
// upstream: defaultpreemption/default_preemption.go SelectVictimsOnNode
function selectVictims(input: PreemptionInput, nodeName: string): Candidate | Status {
  const onNode = input.assignedPods.filter(
    (p) => p.spec?.nodeName === nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const lower = onNode.filter((p) => priorityOf(p) < priorityOf(input.pod)).sort(moreImportantFirst);
  if (lower.length === 0)
    return { plugin: 'DefaultPreemption', code: 'UnschedulableAndUnresolvable', reasons: [NO_VICTIMS] };
  const removed = new Set(lower);
  const stillFails = fitsWithout(input, nodeName, removed);
  if (stillFails !== null) return stillFails;
  const victims: Pod[] = [];
  for (const pod of lower) {
    removed.delete(pod);
    if (fitsWithout(input, nodeName, removed) !== null) {
      removed.add(pod);
      victims.push(pod);
    }
  }
  return { node: nodeName, victims };
}

/** Fewest PDB violations (none modelled), lowest top victim priority, lowest priority sum, fewest victims, latest start. */
// upstream: preemption/preemption.go pickOneNodeForPreemption
function pickOne(candidates: Candidate[]): Candidate | undefined {
  const key = (c: Candidate): [number, number, number, string] => {
    const top = Math.max(...c.victims.map(priorityOf));
    const sum = c.victims.reduce((s, p) => s + priorityOf(p) + MAX_INT32 + 1, 0);
    const earliestTop =
      c.victims
        .filter((p) => priorityOf(p) === top)
        .map(startOf)
        .sort()[0] ?? '';
    return [top, sum, c.victims.length, earliestTop];
  };
  return [...candidates].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
    return ka[3] > kb[3] ? -1 : ka[3] < kb[3] ? 1 : 0;
  })[0];
}

/** The outcome, and the node the pod would be nominated to when preemption found victims. */
export function runPreemption(input: PreemptionInput): PreemptionOutcome & { nominatedNode: string | null } {
  // upstream: defaultpreemption/default_preemption.go PodEligibleToPreemptOthers
  if (input.pod.spec?.preemptionPolicy === 'Never') {
    return { eligible: false, message: NOT_ELIGIBLE_NEVER, victims: null, nominatedNode: null };
  }
  const statuses: Status[] = [];
  const candidates: Candidate[] = [];
  for (const node of input.nodes) {
    const name = node.metadata?.name ?? '';
    const status = input.statuses.get(name);
    // upstream: preemption.go nodesWherePreemptionMightHelp — only Unschedulable nodes are dry-run
    if (status === undefined || status.code === 'UnschedulableAndUnresolvable') {
      statuses.push({
        plugin: 'DefaultPreemption',
        code: 'UnschedulableAndUnresolvable',
        reasons: [NOT_HELPFUL],
      });
      continue;
    }
    const result = selectVictims(input, name);
    if ('victims' in result) candidates.push(result);
    else statuses.push(result);
  }
  const best = pickOne(candidates);
  if (best === undefined) {
    const message = fitErrorMessage({
      numAllNodes: input.nodes.length,
      explicit: statuses,
      absentReasons: [NOT_HELPFUL],
      postFilterMsg: '',
    });
    return { eligible: true, message, victims: null, nominatedNode: null };
  }
  return {
    eligible: true,
    message: '',
    victims: { node: best.node, pods: best.victims.map(podKey) },
    nominatedNode: best.node,
  };
}
