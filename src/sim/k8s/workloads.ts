// apps/v1 workloads (Deployment, ReplicaSet, StatefulSet): their REST resources, etcd keys and the
// pod-template hash. upstream: staging/src/k8s.io/api/apps/v1/types.go
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../scenario';

export type WorkloadResource = 'deployments' | 'replicasets' | 'statefulsets';
export const WORKLOAD_RESOURCES: readonly WorkloadResource[] = ['deployments', 'replicasets', 'statefulsets'];
export const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

const KIND_OF: Record<WorkloadResource, WorkloadKind> = {
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  statefulsets: 'StatefulSet',
};
export const kindOfResource = (r: WorkloadResource): WorkloadKind => KIND_OF[r];
export const resourceOfKind = (k: string): WorkloadResource | null =>
  (Object.keys(KIND_OF) as WorkloadResource[]).find((r) => KIND_OF[r] === k) ?? null;
export const isWorkloadKind = (k: string): k is WorkloadKind => resourceOfKind(k) !== null;

export function workloadPath(resource: WorkloadResource, ns: string, name?: string): string {
  return `/apis/apps/v1/namespaces/${ns}/${resource}${name ? `/${name}` : ''}`;
}
export function workloadKey(resource: WorkloadResource, ns: string, name: string): string {
  return `/registry/${resource}/${ns}/${name}`;
}

export interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: { metadata?: KubeObject['metadata']; spec?: Record<string, unknown> };
  serviceName?: string;
  podManagementPolicy?: string;
  [key: string]: unknown;
}

export function specOf(obj: KubeObject): WorkloadSpec {
  return (obj.spec ?? {}) as WorkloadSpec;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

/** The controller reference a controller puts on what it creates. upstream: metav1.NewControllerRef */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The uid of the object's controller, if any. upstream: metav1.GetControllerOf */
export function controllerUid(obj: KubeObject): string | null {
  const refs = (obj.metadata.ownerReferences ?? []) as OwnerReference[];
  return refs.find((r) => r.controller)?.uid ?? null;
}

// upstream: staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go SafeEncodeString alphabet
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-32a over a string's UTF-16 code units (ASCII JSON in practice: same as bytes). */
function fnv32a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The pod-template-hash. upstream: pkg/controller/controller_utils.go ComputeHash — FNV-32a over the
 * template written by hashutil.DeepHashObject (go-spew's dump of the Go struct), plus the collision
 * count, rendered as rand.SafeEncodeString(fmt.Sprint(hash)). Reproducing go-spew's dump of a Go struct
 * is out of reach here, so the FNV-32a runs over the template's JSON with keys sorted: the shape of the
 * name (up to 10 characters of upstream's alphabet), its determinism and its change with the template
 * are upstream's, the exact characters are not.
 */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  let h = fnv32a(stableJson(template));
  // upstream: the collision count as 8 little-endian bytes (a uint32 in a []byte of 8), only once set
  if (collisionCount) {
    const c = collisionCount >>> 0;
    h = fnv32a(String.fromCharCode(c & 255, (c >>> 8) & 255, (c >>> 16) & 255, c >>> 24, 0, 0, 0, 0), h);
  }
  return [...String(h)].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
