// kube-scheduler's informers beyond pods and nodes: the objects PodTopologySpread's system defaults
// read (Services, ReplicaSets, StatefulSets; ReplicationControllers too upstream, which Podwalk's API
// server does not serve) and the PodDisruptionBudgets DefaultPreemption reads.
// upstream: pkg/scheduler/framework/plugins/podtopologyspread/plugin.go setListers;
// pkg/scheduler/framework/preemption/preemption.go NewEvaluator
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../scenario';
import type { SchedulerListers } from '../../scheduler';
import { asPod } from '../../k8s/pod';

export const LISTER_RESOURCES = ['services', 'replicasets', 'statefulsets', 'poddisruptionbudgets'] as const;
export type ListerResource = (typeof LISTER_RESOURCES)[number];

const RESOURCE_OF_KIND: Record<string, ListerResource | undefined> = {
  Service: 'services',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  PodDisruptionBudget: 'poddisruptionbudgets',
};

/** Informer caches by resource, then by namespace/name. */
export type ListerCache = Record<ListerResource, Record<string, KubeObject>>;

export const emptyListerCache = (): ListerCache => ({
  services: {},
  replicasets: {},
  statefulsets: {},
  poddisruptionbudgets: {},
});

export const isListerKind = (kind: string): boolean => RESOURCE_OF_KIND[kind] !== undefined;

/** The cache after one informer update of a lister kind. */
export function applyListerUpdate(cache: ListerCache, obj: KubeObject, deleted: boolean): ListerCache {
  const resource = RESOURCE_OF_KIND[obj.kind];
  if (resource === undefined) return cache;
  const key = `${obj.metadata.namespace ?? 'default'}/${obj.metadata.name ?? ''}`;
  const { [key]: _old, ...rest } = cache[resource];
  return { ...cache, [resource]: deleted ? rest : { ...rest, [key]: obj } };
}

/** What the scheduling cycle reads from these informers. */
export function listersOf(cache: ListerCache): Partial<SchedulerListers> {
  const list = <T>(r: ListerResource): T[] => Object.values(cache[r]) as unknown as T[];
  return {
    services: list('services'),
    replicaSets: list('replicasets'),
    statefulSets: list('statefulsets'),
    podDisruptionBudgets: list('poddisruptionbudgets'),
  };
}

const isNominated = (o: KubeObject): boolean => {
  const p = asPod(o);
  return !p.spec?.nodeName && Boolean(p.status?.nominatedNodeName);
};

/**
 * The keys of the nominated pods, per pod table. A run updates its table in place (SimEnv.inPlace), so
 * the index is kept beside it by the informer (observeNominated) instead of a scan of every pod per
 * cycle; it is built on first use. The keys come in nomination order, as upstream's nominator lists them.
 */
const nominatedIndex = new WeakMap<Record<string, KubeObject>, Set<string>>();

/** An informer update (or the scheduler's own assume) of `key` in an in-place pod table. */
export function observeNominated(
  pods: Record<string, KubeObject>,
  key: string,
  obj: KubeObject | null,
): void {
  const set = nominatedIndex.get(pods);
  if (!set) return;
  if (obj && isNominated(obj)) set.add(key);
  else set.delete(key);
}

/**
 * Pending pods carrying status.nominatedNodeName: the scheduler's PodNominator.
 * upstream: pkg/scheduler/backend/queue/nominator.go
 */
export function nominatedPodsOf(pods: Record<string, KubeObject>, inPlace = false): Pod[] {
  if (!inPlace) return Object.values(pods).filter(isNominated).map(asPod);
  let set = nominatedIndex.get(pods);
  if (!set) {
    set = new Set(Object.keys(pods).filter((k) => isNominated(pods[k]!)));
    nominatedIndex.set(pods, set);
  }
  return [...set].map((k) => asPod(pods[k]!));
}
