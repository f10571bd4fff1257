// The disruption controller: for each PodDisruptionBudget it finds the pods its selector matches in its
// namespace, counts the healthy ones, works out how many must stay healthy (minAvailable, or
// maxUnavailable against the scale of the pods' controllers), and writes status (expectedPods,
// currentHealthy, desiredHealthy, disruptionsAllowed, observedGeneration, the DisruptionAllowed condition)
// through the status subresource, which DefaultPreemption and the eviction API then read.
// upstream: pkg/controller/disruption/disruption.go (trySync, getExpectedPodCount, getExpectedScale, the
// finders, countHealthyPods, buildDisruptedPodMap, failSafe, updatePdbStatus);
// staging/src/k8s.io/component-helpers/apps/poddisruptionbudget/helpers.go (UpdateDisruptionAllowedCondition,
// ConditionsAreUpToDate); staging/src/k8s.io/api/policy/v1/types.go (the condition's reasons);
// staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go GetScaledValueFromIntOrPercent (roundUp true)
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Note } from '../../cluster/note';
import type { KubeObject } from '../../scenario';
import { asPod } from '../../k8s/pod';
import { labelSelectorMatches } from '../../k8s/labelSelector';
import type { OwnerReference } from '../../k8s/workloads';
import { parseRfc3339, rfc3339 } from '../../time/timestamps';
import { controllerEvent, eventRequest, httpRequest, RECONCILE } from './requests';
import {
  chain,
  enqueue,
  enqueueAfter,
  initialCmContext,
  isReady,
  keyOf,
  send,
  type CmContext,
  type Step,
} from './state';
import { correlate, emptyCorrelator } from '../../node/eventCorrelator';

/** upstream: disruption.go DeletionTimeout */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

type IntOrString = number | string;

interface PdbSpec {
  minAvailable?: IntOrString;
  maxUnavailable?: IntOrString;
  selector?: LabelSelector | null;
}

interface Condition {
  type: string;
  status: string;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface PdbStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Condition[];
}

/** An Event the controller records: about the PDB, or (NotDeleted) about a pod. */
export interface PdbEvent {
  involved: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

const specOf = (pdb: KubeObject): PdbSpec => pdb.spec ?? {};
const statusOf = (pdb: KubeObject): Partial<PdbStatus> => pdb.status ?? {};
const generationOf = (o: KubeObject): number => Number(o.metadata.generation ?? 0);

/** upstream: intstr.go GetScaledValueFromIntOrPercent with roundUp, its errors verbatim. */
export function scaledValue(v: IntOrString, total: number): number | { error: string } {
  if (typeof v === 'number') return v;
  if (!v.endsWith('%'))
    return { error: 'invalid value for IntOrString: invalid type: string is not a percentage' };
  const digits = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits))
    return {
      error: `invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${digits}": invalid syntax`,
    };
  return Math.ceil((Number(digits) * total) / 100);
}

/** A pod's controller and its scale, as the finders see it. upstream: disruption.go podControllerFinder */
export type ControllerFinder = (
  ref: OwnerReference,
  namespace: string,
) => { uid: string; scale: number } | { error: string } | null;

const groupOf = (apiVersion: string | undefined): string =>
  (apiVersion ?? '').includes('/') ? (apiVersion ?? '').split('/')[0]! : '';
const controllerOf = (o: KubeObject): OwnerReference | undefined =>
  ((o.metadata.ownerReferences ?? []) as OwnerReference[]).find((r) => r.controller);
const replicasOf = (o: KubeObject): number => Number((o.spec as { replicas?: number })?.replicas ?? 1);

/**
 * Kinds the scale client cannot read: the API server has them, without a scale subresource.
 * upstream: disruption.go getScaleController ("%s does not implement the scale subresource")
 */
const NO_SCALE: Record<string, string> = {
  'batch/Job': 'jobs.batch',
  'apps/DaemonSet': 'daemonsets.apps',
  '/Node': 'nodes',
};
/** Kinds that have a scale subresource: a missing object is no controller (nil, nil). */
const SCALABLE = new Set([
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  '/ReplicationController',
]);

/**
 * The finders in upstream's order (ReplicationController, Deployment, ReplicaSet, StatefulSet, then the
 * scale subresource) over the controller-manager's informer caches. ReplicationControllers are not
 * served here, so that finder finds nothing; the scale subresource's GET is not drawn.
 */
export function cacheFinder(ctx: CmContext): ControllerFinder {
  return (ref, ns) => {
    const group = groupOf(ref.apiVersion);
    const apps = group === 'apps' || group === 'extensions';
    if (ref.kind === 'ReplicaSet' && apps) {
      const rs = ctx.cache.replicasets[`${ns}/${ref.name}`];
      if (rs && rs.metadata.uid === ref.uid) {
        const owner = controllerOf(rs);
        if (owner?.kind === 'Deployment') {
          const og = groupOf(owner.apiVersion);
          const d = ctx.cache.deployments[`${ns}/${owner.name}`];
          if ((og === 'apps' || og === 'extensions') && d && d.metadata.uid === owner.uid)
            return { uid: String(d.metadata.uid), scale: replicasOf(d) };
          // getPodReplicaSet skips a ReplicaSet a Deployment controls, even one not found.
        } else return { uid: String(rs.metadata.uid), scale: replicasOf(rs) };
      }
    }
    if (ref.kind === 'StatefulSet' && group === 'apps') {
      const ss = ctx.cache.statefulsets[`${ns}/${ref.name}`];
      if (ss && ss.metadata.uid === ref.uid) return { uid: String(ss.metadata.uid), scale: replicasOf(ss) };
    }
    const gk = `${group}/${ref.kind}`;
    if (SCALABLE.has(gk)) return null;
    const gr = NO_SCALE[gk];
    if (gr) return { error: `${gr} does not implement the scale subresource` };
    // meta.NoKindMatchError with the one version searched.
    return { error: `no matches for kind "${ref.kind}" in version "${ref.apiVersion}"` };
  };
}

/** upstream: disruption.go getExpectedScale — unmanaged pods are collected, not an error. */
export function expectedScale(
  pods: KubeObject[],
  find: ControllerFinder,
): { expected: number; unmanaged: string[] } | { error: string } {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (!ref) {
      unmanaged.push(pod.metadata.name ?? '');
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = find(ref, pod.metadata.namespace ?? 'default');
    if (found && 'error' in found) return found;
    if (!found) return { error: `found no controllers for pod "${pod.metadata.name ?? ''}"` };
    scales.set(found.uid, found.scale);
  }
  let expected = 0;
  for (const s of scales.values()) expected += s;
  return { expected, unmanaged };
}

/** upstream: disruption.go getExpectedPodCount */
export function expectedPodCount(
  pdb: KubeObject,
  pods: KubeObject[],
  find: ControllerFinder,
): { expected: number; desired: number; unmanaged: string[] } | { error: string } {
  const spec = specOf(pdb);
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const s = expectedScale(pods, find);
    if ('error' in s) return s;
    const max = scaledValue(spec.maxUnavailable, s.expected);
    if (typeof max !== 'number') return max;
    return { expected: s.expected, desired: Math.max(0, s.expected - max), unmanaged: s.unmanaged };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number')
      return { expected: pods.length, desired: spec.minAvailable, unmanaged: [] };
    const s = expectedScale(pods, find);
    if ('error' in s) return s;
    const min = scaledValue(spec.minAvailable, s.expected);
    if (typeof min !== 'number') return min;
    return { expected: s.expected, desired: min, unmanaged: s.unmanaged };
  }
  return { expected: 0, desired: 0, unmanaged: [] };
}

/**
 * Pods the eviction API recorded in status.disruptedPods that have not been seen deleted within
 * DeletionTimeout, and when to look again. upstream: disruption.go buildDisruptedPodMap (its NotDeleted
 * message prints the PDB's namespace twice, as upstream does)
 */
export function disruptedPodMap(
  pods: KubeObject[],
  pdb: KubeObject,
  nowMs: number,
): { disrupted: Record<string, string>; recheckMs: number | null; events: PdbEvent[] } {
  const listed = statusOf(pdb).disruptedPods;
  const disrupted: Record<string, string> = {};
  const events: PdbEvent[] = [];
  let recheckMs: number | null = null;
  if (!listed) return { disrupted, recheckMs, events };
  const ns = pdb.metadata.namespace ?? 'default';
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = listed[pod.metadata.name ?? ''];
    if (at === undefined) continue;
    const expectedDeletion = parseRfc3339(at) + DELETION_TIMEOUT_MS;
    if (expectedDeletion < nowMs) {
      events.push({
        involved: pod,
        type: 'Warning',
        reason: 'NotDeleted',
        message: `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`,
      });
    } else {
      if (recheckMs === null || expectedDeletion < recheckMs) recheckMs = expectedDeletion;
      disrupted[pod.metadata.name ?? ''] = at;
    }
  }
  return { disrupted, recheckMs, events };
}

/** Ready pods that are neither being deleted nor recently disrupted. upstream: disruption.go countHealthyPods */
export function countHealthy(pods: KubeObject[], disrupted: Record<string, string>, nowMs: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = disrupted[pod.metadata.name ?? ''];
    if (at !== undefined && parseRfc3339(at) + DELETION_TIMEOUT_MS > nowMs) continue;
    if (isReady(pod)) healthy++;
  }
  return healthy;
}

/**
 * Sets the condition, keeping lastTransitionTime unless the status changes; fields in metav1.Condition's
 * JSON order. upstream: apimachinery/pkg/api/meta/conditions.go SetStatusCondition
 */
function setCondition(
  conds: Condition[],
  c: Omit<Condition, 'lastTransitionTime'>,
  nowMs: number,
): Condition[] {
  const i = conds.findIndex((x) => x.type === c.type);
  const old = i < 0 ? undefined : conds[i]!;
  const next: Condition = {
    type: c.type,
    status: c.status,
    ...(c.observedGeneration === undefined ? {} : { observedGeneration: c.observedGeneration }),
    lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : rfc3339(nowMs),
    reason: c.reason,
    message: c.message,
  };
  return i < 0 ? [...conds, next] : conds.map((x, j) => (j === i ? next : x));
}

const omitZeroGeneration = (g: number): { observedGeneration?: number } =>
  g === 0 ? {} : { observedGeneration: g };

/** upstream: poddisruptionbudget/helpers.go UpdateDisruptionAllowedCondition */
function withDisruptionAllowed(status: PdbStatus, nowMs: number): PdbStatus {
  const allowed = status.disruptionsAllowed > 0;
  const conditions = setCondition(
    status.conditions ?? [],
    {
      type: 'DisruptionAllowed',
      status: allowed ? 'True' : 'False',
      ...omitZeroGeneration(status.observedGeneration ?? 0),
      reason: allowed ? 'SufficientPods' : 'InsufficientPods',
      message: '',
    },
    nowMs,
  );
  return { ...status, conditions };
}

/** upstream: poddisruptionbudget/helpers.go ConditionsAreUpToDate */
function conditionsAreUpToDate(pdb: KubeObject): boolean {
  const s = statusOf(pdb);
  const cond = (s.conditions ?? []).find((c) => c.type === 'DisruptionAllowed');
  if (!cond || (s.observedGeneration ?? 0) !== generationOf(pdb)) return false;
  if ((s.disruptionsAllowed ?? 0) > 0) return cond.status === 'True' && cond.reason === 'SufficientPods';
  return cond.status === 'False' && cond.reason === 'InsufficientPods';
}

const sameDisrupted = (a: Record<string, string> | undefined, b: Record<string, string>): boolean =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b).sort());

/** The status to write, or null when the stored one is already it. upstream: disruption.go updatePdbStatus */
export function computedStatus(
  pdb: KubeObject,
  currentHealthy: number,
  desiredHealthy: number,
  expectedPods: number,
  disrupted: Record<string, string>,
  nowMs: number,
): PdbStatus | null {
  // expectedPods must be > 0, so a PDB whose first pods appear before this sync is in a safe state.
  let disruptionsAllowed = currentHealthy - desiredHealthy;
  if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const s = statusOf(pdb);
  if (
    (s.currentHealthy ?? 0) === currentHealthy &&
    (s.desiredHealthy ?? 0) === desiredHealthy &&
    (s.expectedPods ?? 0) === expectedPods &&
    (s.disruptionsAllowed ?? 0) === disruptionsAllowed &&
    sameDisrupted(s.disruptedPods, disrupted) &&
    (s.observedGeneration ?? 0) === generationOf(pdb) &&
    conditionsAreUpToDate(pdb)
  )
    return null;
  return withDisruptionAllowed(
    {
      ...omitZeroGeneration(generationOf(pdb)),
      ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      ...(s.conditions ? { conditions: s.conditions } : {}),
    },
    nowMs,
  );
}

/** What a failed sync writes: no disruptions allowed, and why. upstream: disruption.go failSafe */
export function failSafeStatus(pdb: KubeObject, error: string, nowMs: number): PdbStatus {
  const s = statusOf(pdb);
  const base: PdbStatus = {
    ...s,
    disruptionsAllowed: 0,
    currentHealthy: s.currentHealthy ?? 0,
    desiredHealthy: s.desiredHealthy ?? 0,
    expectedPods: s.expectedPods ?? 0,
  };
  const conditions = setCondition(
    s.conditions ?? [],
    {
      type: 'DisruptionAllowed',
      status: 'False',
      ...omitZeroGeneration(s.observedGeneration ?? 0),
      reason: 'SyncFailed',
      message: error,
    },
    nowMs,
  );
  return { ...base, conditions };
}

/** The `%v` of a *metav1.LabelSelector (its generated String method), for the UnmanagedPods message. */
export function selectorString(sel: LabelSelector | null | undefined): string {
  if (!sel) return '<nil>';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels![k]},`)
    .join('');
  const exprs = (sel.matchExpressions ?? [])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

/** The pods the PDB's selector matches in its namespace; a nil selector matches none, {} all. */
export function podsForPdb(ctx: CmContext, pdb: KubeObject): KubeObject[] {
  const ns = pdb.metadata.namespace ?? 'default';
  const sel = specOf(pdb).selector ?? undefined;
  return Object.values(ctx.cache.pods).filter(
    (p) =>
      (p.metadata.namespace ?? 'default') === ns &&
      labelSelectorMatches(sel, asPod(p).metadata?.labels ?? {}),
  );
}

/** One sync's result, pure: the Events it records, the status it writes (if any), when to recheck. */
export function syncResult(
  ctx: CmContext,
  pdb: KubeObject,
  nowMs: number,
): { events: PdbEvent[]; status: PdbStatus | null; recheckMs: number | null } {
  const pods = podsForPdb(ctx, pdb);
  const events: PdbEvent[] = [];
  const ev = (type: PdbEvent['type'], reason: string, message: string) =>
    events.push({ involved: pdb, type, reason, message });
  if (pods.length === 0) ev('Normal', 'NoPods', 'No matching pods found');
  const counted = expectedPodCount(pdb, pods, cacheFinder(ctx));
  if ('error' in counted) {
    ev(
      'Warning',
      'CalculateExpectedPodCountFailed',
      `Failed to calculate the number of expected pods: ${counted.error}`,
    );
    return { events, status: failSafeStatus(pdb, counted.error, nowMs), recheckMs: null };
  }
  if (counted.unmanaged.length > 0)
    ev(
      'Warning',
      'UnmanagedPods',
      `Pods selected by this PodDisruptionBudget (selector: ${selectorString(specOf(pdb).selector)}) were found ` +
        'to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
        'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
  const d = disruptedPodMap(pods, pdb, nowMs);
  events.push(...d.events);
  const healthy = countHealthy(pods, d.disrupted, nowMs);
  const status = computedStatus(pdb, healthy, counted.desired, counted.expected, d.disrupted, nowMs);
  return { events, status, recheckMs: d.recheckMs };
}

const pdbPath = (pdb: KubeObject): string =>
  `/apis/policy/v1/namespaces/${pdb.metadata.namespace ?? 'default'}/poddisruptionbudgets/${pdb.metadata.name ?? ''}`;

/** Records an Event through the controller's EventCorrelator: a repeat PATCHes count. */
function recordEvent(ctx: CmContext, e: PdbEvent): Step {
  const nowMs = ctx.env.now();
  const made = controllerEvent(e.involved, 'disruption', e.reason, e.message, nowMs, ctx.requests, e.type);
  const inv = e.involved;
  const spamKey = `controllermanager${inv.kind}${inv.metadata.namespace ?? ''}${inv.metadata.name ?? ''}${String(inv.metadata.uid ?? '')}${inv.apiVersion}`;
  const { state, result } = correlate(
    ctx.correlator ?? emptyCorrelator(),
    {
      spamKey,
      fieldPath: '',
      type: e.type,
      reason: e.reason,
      message: e.message,
      name: made.metadata.name ?? '',
    },
    nowMs,
  );
  const c = { ...ctx, correlator: state };
  const pod = inv.kind === 'Pod' ? keyOf(inv) : null;
  if (result.action === 'skip') return { ctx: c, out: [] };
  if (result.action === 'create')
    return send(c, { kind: 'event' }, (id) => eventRequest(id, 'disruption', made, { ...RECONCILE, pod }));
  const ns = made.metadata.namespace ?? 'default';
  const body = { count: result.count, lastTimestamp: rfc3339(nowMs), message: e.message };
  return send(c, { kind: 'event' }, (id) =>
    httpRequest(
      id,
      'disruption',
      'PATCH',
      `/api/v1/namespaces/${ns}/events/${result.name}`,
      body,
      { ...RECONCILE, pod },
      `PATCH event ${e.reason} (count ${result.count})`,
    ),
  );
}

/** The status PUT, unless the same status is already on its way. upstream: disruption.go writePdbStatus */
function writeStatus(ctx: CmContext, pdb: KubeObject, status: PdbStatus): Step {
  const key = `PodDisruptionBudget:${keyOf(pdb)}`;
  // Compared without lastTransitionTime: a second sync before the write is seen sends nothing new.
  const sig = JSON.stringify({
    ...status,
    conditions: status.conditions?.map(({ lastTransitionTime: _t, ...c }) => c),
  });
  if (ctx.statusSent[key] === sig) return { ctx, out: [] };
  const body = { ...pdb, status };
  const r = send(ctx, { kind: 'status', key }, (id) =>
    httpRequest(id, 'disruption', 'PUT', `${pdbPath(pdb)}/status`, body),
  );
  return { ctx: { ...r.ctx, statusSent: { ...r.ctx.statusSent, [key]: sig } }, out: r.out };
}

/** upstream: disruption.go sync / trySync */
export function syncDisruption(ctx: CmContext, key: string): Step {
  const pdb = ctx.cache.poddisruptionbudgets[key];
  if (!pdb) return { ctx, out: [] };
  const nowMs = ctx.env.now();
  const r = syncResult(ctx, pdb, nowMs);
  const steps: ((c: CmContext) => Step)[] = r.events.map((e) => (c: CmContext) => recordEvent(c, e));
  if (r.status) steps.push((c) => writeStatus(c, pdb, r.status!));
  if (r.recheckMs !== null) {
    const delay = Math.max(0, r.recheckMs - nowMs);
    steps.push((c) =>
      enqueueAfter(c, 'disruption', key, delay, 'recheck: a disrupted pod’s DeletionTimeout'),
    );
  }
  return chain(ctx, ...steps);
}

/** The PDBs whose selector matches the pod, in key order. upstream: policy/v1 expansion GetPodPodDisruptionBudgets */
function pdbsForPod(ctx: CmContext, pod: KubeObject): KubeObject[] {
  const labels = asPod(pod).metadata?.labels ?? {};
  const ns = pod.metadata.namespace ?? 'default';
  return Object.keys(ctx.cache.poddisruptionbudgets)
    .sort()
    .map((k) => ctx.cache.poddisruptionbudgets[k]!)
    .filter(
      (p) =>
        (p.metadata.namespace ?? 'default') === ns &&
        labelSelectorMatches(specOf(p).selector ?? undefined, labels),
    );
}

/**
 * A pod added, changed or deleted queues the first PDB that selects it; a pod several select gets a
 * MultiplePodDisruptionBudgets Warning. upstream: disruption.go addPod, updatePod, deletePod, getPdbForPod
 */
export function podChanged(ctx: CmContext, pod: KubeObject, why: Note | null): Step {
  if (Object.keys(ctx.cache.poddisruptionbudgets).length === 0) return { ctx, out: [] };
  const pdbs = pdbsForPod(ctx, pod);
  const first = pdbs[0];
  if (!first) return { ctx, out: [] };
  const steps: ((c: CmContext) => Step)[] = [];
  if (pdbs.length > 1) {
    const msg = `Pod "${pod.metadata.namespace ?? 'default'}"/"${pod.metadata.name ?? ''}" matches multiple PodDisruptionBudgets.  Chose "${first.metadata.name ?? ''}" arbitrarily.`;
    steps.push((c) =>
      recordEvent(c, {
        involved: pod,
        type: 'Warning',
        reason: 'MultiplePodDisruptionBudgets',
        message: msg,
      }),
    );
  }
  steps.push((c) => enqueue(c, 'disruption', keyOf(first), why));
  return chain(ctx, ...steps);
}

/**
 * The status the disruption controller would write for a PDB given without one, over these objects (what
 * `podwalk schedule` uses, having no controller-manager to wait for); null when it has a status already.
 */
export function statusWithoutController(pdb: KubeObject, objects: readonly KubeObject[]): PdbStatus | null {
  if (pdb.status !== undefined && pdb.status !== null) return null;
  const ctx = initialCmContext({ now: () => 0 });
  const table: Record<string, keyof CmContext['cache'] | undefined> = {
    Pod: 'pods',
    ReplicaSet: 'replicasets',
    Deployment: 'deployments',
    StatefulSet: 'statefulsets',
  };
  for (const o of objects) {
    const t = table[o.kind];
    if (t) ctx.cache[t][keyOf(o)] = o;
  }
  return syncResult(ctx, pdb, 0).status;
}
