// Narrow views of the Pod and Node objects the simulation reads, over the loose KubeObject shape.
import type { Container, Node, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../scenario';

export type { Container, Node, Pod, PodCondition };

export function asPod(obj: KubeObject): Pod {
  return obj as unknown as Pod;
}
export function asNode(obj: KubeObject): Node {
  return obj as unknown as Node;
}
export function asObject(obj: Pod | Node): KubeObject {
  return obj as unknown as KubeObject;
}

export function podKey(obj: { metadata?: { namespace?: string; name?: string } }): string {
  return `${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name ?? ''}`;
}

/** The etcd key upstream uses (nodes live under the historical name "minions"). */
export function storageKey(obj: KubeObject): string {
  const name = obj.metadata.name ?? '';
  switch (obj.kind) {
    case 'Pod':
      return `/registry/pods/${obj.metadata.namespace ?? 'default'}/${name}`;
    case 'Node':
      return `/registry/minions/${name}`;
    case 'Event':
      return `/registry/events/${obj.metadata.namespace ?? 'default'}/${name}`;
    case 'Namespace':
      return `/registry/namespaces/${name}`;
    // upstream: pkg/registry/core/service/storage/storage.go NewREST (prefix "/services/specs")
    case 'Service':
      return `/registry/services/specs/${obj.metadata.namespace ?? 'default'}/${name}`;
    case 'PodDisruptionBudget':
      return `/registry/poddisruptionbudgets/${obj.metadata.namespace ?? 'default'}/${name}`;
    default:
      return `/registry/${obj.kind.toLowerCase()}s/${obj.metadata.namespace ? obj.metadata.namespace + '/' : ''}${name}`;
  }
}

export function podKeyFromStorageKey(key: string): string | null {
  const m = /^\/registry\/pods\/([^/]+)\/([^/]+)$/.exec(key);
  return m ? `${m[1]}/${m[2]}` : null;
}

export function allContainers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
}

/** Pod QoS class. upstream: pkg/apis/core/helper/qos/qos.go GetPodQOS */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = allContainers(pod);
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r])))
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
