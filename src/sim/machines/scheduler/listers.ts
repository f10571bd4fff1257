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

/** Pending pods carrying status.nominatedNodeName: the scheduler's PodNominator. */
export function nominatedPodsOf(pods: Record<string, KubeObject>): Pod[] {
  return Object.values(pods)
    .map(asPod)
    .filter((p) => !p.spec?.nodeName && Boolean(p.status?.nominatedNodeName));
}
