// DefaultPreemption as a PostFilter: eligibility, the dry run on Unschedulable nodes from a random offset
// (remove every lower-priority pod, then reprieve from the most important down, PDB-violating victims
// first), and the choice among candidates (fewest PDB violations first).
// upstream: pkg/scheduler/framework/preemption/preemption.go Evaluator.Preempt, findCandidates,
// DryRunPreemption, pickOneNodeForPreemption;
// pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go SelectVictimsOnNode,
// PodEligibleToPreemptOthers, GetOffsetAndNumCandidates, filterPodsWithPDBViolation
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { preFilter, runFiltersWithNominatedPods, type CycleExtras } from './cycle';
import { fitErrorMessage } from './message';
import { labelSelectorMatches } from './selectors';
import { buildSnapshot, podKey } from './snapshot';
import type { PreemptionOutcome, Status } from './types';

// upstream: defaultpreemption/default_preemption.go PodEligibleToPreemptOthers, SelectVictimsOnNode;
// preemption/preemption.go Preempt (SetAbsentNodesStatus)
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
const MAX_INT32 = 2 ** 31 - 1;
// upstream: pkg/scheduler/apis/config/v1/defaults.go SetDefaults_DefaultPreemptionArgs
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

const priorityOf = (p: Pod): number => p.spec?.priority ?? 0;
/** Pods without a start time count as starting now, i.e. after every started pod. */
const startOf = (p: Pod): string => p.status?.startTime ?? '\uffff';

/** Higher priority first, then the earlier start. upstream: pkg/scheduler/util/utils.go MoreImportantPod */
function moreImportantFirst(a: Pod, b: Pod): number {
  if (priorityOf(a) !== priorityOf(b)) return priorityOf(b) - priorityOf(a);
  return startOf(a) < startOf(b) ? -1 : startOf(a) > startOf(b) ? 1 : 0;
}

export interface PreemptionInput extends CycleExtras {
  pod: Pod;
  nodes: Node[];
  assignedPods: Pod[];
  /** Filter statuses of the cycle, by node name; nodes without one were absent (UnschedulableAndUnresolvable). */
  statuses: Map<string, Status>;
  /** The seeded source the dry run's random offset is drawn from. */
  random: () => number;
}

interface Candidate {
  node: string;
  /** Most important first. */
  victims: Pod[];
  numPDBViolations: number;
}

const isTerminating = (p: Pod): boolean => Boolean(p.metadata?.deletionTimestamp);
const onNode = (input: PreemptionInput, nodeName: string): Pod[] =>
  input.assignedPods.filter(
    (p) => p.spec?.nodeName === nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );

function fitsWithout(input: PreemptionInput, nodeName: string, removed: Set<Pod>): Status | null {
  const snapshot = buildSnapshot(
    input.nodes,
    input.assignedPods.filter((p) => !removed.has(p)),
  );
  const node = snapshot.byName.get(nodeName);
  if (node === undefined) return null;
  return runFiltersWithNominatedPods(preFilter(input.pod, snapshot, input), node);
}

/**
 * Splits victims (in the given order) into those whose eviction would take a matching PDB below zero
 * allowed disruptions and the rest; pods already in a PDB's status.disruptedPods don't count again.
 * upstream: defaultpreemption/default_preemption.go filterPodsWithPDBViolation
 */
export function filterPodsWithPDBViolation(
  pods: Pod[],
  pdbs: PodDisruptionBudget[],
): { violating: Pod[]; nonViolating: Pod[] } {
  const allowed = pdbs.map((pdb) => pdb.status?.disruptionsAllowed ?? 0);
  const out = { violating: [] as Pod[], nonViolating: [] as Pod[] };
  for (const pod of pods) {
    const labels = pod.metadata?.labels ?? {};
    let violated = false;
    // A pod with no labels matches no PDB.
    if (Object.keys(labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if ((pdb.metadata?.namespace ?? 'default') !== (pod.metadata?.namespace ?? 'default')) return;
        const sel = pdb.spec?.selector;
        // A PDB with a nil or empty selector matches nothing.
        const empty =
          sel === undefined ||
          sel === null ||
          (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
        if (empty || !labelSelectorMatches(sel, labels)) return;
        if (Object.hasOwn(pdb.status?.disruptedPods ?? {}, pod.metadata?.name ?? '')) return;
        allowed[i] = (allowed[i] ?? 0) - 1;
        if ((allowed[i] ?? 0) < 0) violated = true;
      });
    }
    (violated ? out.violating : out.nonViolating).push(pod);
  }
  return out;
}

/** Victims on one node, or the status explaining why the node is no candidate. */
// upstream: defaultpreemption/default_preemption.go SelectVictimsOnNode
function selectVictims(input: PreemptionInput, nodeName: string): Candidate | Status {
  const lower = onNode(input, nodeName)
    .filter((p) => priorityOf(p) < priorityOf(input.pod))
    .sort(moreImportantFirst);
  if (lower.length === 0)
    return { plugin: 'DefaultPreemption', code: 'UnschedulableAndUnresolvable', reasons: [NO_VICTIMS] };
  const removed = new Set(lower);
  const stillFails = fitsWithout(input, nodeName, removed);
  if (stillFails !== null) return stillFails;
  const { violating, nonViolating } = filterPodsWithPDBViolation(
    lower,
    input.listers?.podDisruptionBudgets ?? [],
  );
  const victims: Pod[] = [];
  const reprieve = (pod: Pod): boolean => {
    removed.delete(pod);
    if (fitsWithout(input, nodeName, removed) === null) return true;
    removed.add(pod);
    victims.push(pod);
    return false;
  };
  let numPDBViolations = 0;
  for (const pod of violating) if (!reprieve(pod)) numPDBViolations++;
  for (const pod of nonViolating) reprieve(pod);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(moreImportantFirst);
  if (victims.length === 0) {
    // upstream: preemption.go DryRunPreemption (an Error status)
    return {
      plugin: 'DefaultPreemption',
      code: 'UnschedulableAndUnresolvable',
      reasons: [`expected at least one victim pod on node "${nodeName}"`],
    };
  }
  return { node: nodeName, victims, numPDBViolations };
}

/**
 * Fewest PDB violations, lowest most-important-victim priority, lowest priority sum, fewest victims,
 * latest start of the most important victims; then the first. Upstream's "first" comes from a Go map,
 * so it is arbitrary; here it is the dry run's order (non-violating candidates first, from the offset).
 * upstream: preemption/preemption.go pickOneNodeForPreemption
 */
export function pickOneNodeForPreemption(candidates: Candidate[]): Candidate | undefined {
  const key = (c: Candidate): [number, number, number, number, string] => {
    const top = Math.max(...c.victims.map(priorityOf));
    const sum = c.victims.reduce((s, p) => s + priorityOf(p) + MAX_INT32 + 1, 0);
    const earliestTop =
      c.victims
        .filter((p) => priorityOf(p) === top)
        .map(startOf)
        .sort()[0] ?? '';
    return [c.numPDBViolations, top, sum, c.victims.length, earliestTop];
  };
  return [...candidates].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < 4; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
    return ka[4] > kb[4] ? -1 : ka[4] < kb[4] ? 1 : 0;
  })[0];
}

/** How many candidates the dry run looks for. upstream: default_preemption.go calculateNumCandidates */
export function calculateNumCandidates(numNodes: number): number {
  const n = Math.trunc((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
  return Math.min(numNodes, Math.max(n, MIN_CANDIDATE_NODES_ABSOLUTE));
}

/**
 * PodEligibleToPreemptOthers: not with preemptionPolicy Never, and not while a pod this one preempted
 * is still terminating on its nominated node (unless that node is now UnschedulableAndUnresolvable).
 */
function ineligibility(input: PreemptionInput): string | null {
  const { pod } = input;
  if (pod.spec?.preemptionPolicy === 'Never') return NOT_ELIGIBLE_NEVER;
  const nominated = pod.status?.nominatedNodeName;
  if (!nominated) return null;
  // A node without a status of its own has the absent one, UnschedulableAndUnresolvable.
  const status = input.statuses.get(nominated);
  if (status === undefined || status.code === 'UnschedulableAndUnresolvable') return null;
  // upstream: default_preemption.go podTerminatingByPreemption
  const terminatingByPreemption = (p: Pod): boolean =>
    isTerminating(p) &&
    (p.status?.conditions ?? []).some(
      (c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler',
    );
  const blocked = onNode(input, nominated).some(
    (p) => priorityOf(p) < priorityOf(pod) && terminatingByPreemption(p),
  );
  return blocked ? NOT_ELIGIBLE_TERMINATING : null;
}

/** The outcome, and the node the pod would be nominated to when preemption found victims. */
export function runPreemption(input: PreemptionInput): PreemptionOutcome & { nominatedNode: string | null } {
  const notEligible = ineligibility(input);
  if (notEligible !== null) {
    return { eligible: false, message: notEligible, victims: null, nominatedNode: null };
  }
  // upstream: preemption.go findCandidates — only Unschedulable nodes might be helped (NodesForStatusCode)
  const potential = input.nodes
    .map((n) => n.metadata?.name ?? '')
    .filter((name) => input.statuses.get(name)?.code === 'Unschedulable');
  const statuses = new Map<string, Status>();
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  if (potential.length > 0) {
    // upstream: default_preemption.go GetOffsetAndNumCandidates (rand.Int31n(numNodes))
    const offset = Math.min(potential.length - 1, Math.floor(input.random() * potential.length));
    const numCandidates = calculateNumCandidates(potential.length);
    // upstream: preemption.go DryRunPreemption — stops once it has a non-violating candidate and enough in all
    for (let i = 0; i < potential.length; i++) {
      const name = potential[(offset + i) % potential.length] ?? '';
      const result = selectVictims(input, name);
      if (!('victims' in result)) {
        statuses.set(name, result);
        continue;
      }
      (result.numPDBViolations === 0 ? nonViolating : violating).push(result);
      if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
    }
  }
  const best = pickOneNodeForPreemption([...nonViolating, ...violating]);
  if (best === undefined) {
    const message = fitErrorMessage({
      numAllNodes: input.nodes.length,
      explicit: [...statuses.values()],
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
