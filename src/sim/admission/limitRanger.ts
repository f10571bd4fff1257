// LimitRanger's mutating half: default requests and limits from the namespace's LimitRanges, recorded in
// the kubernetes.io/limit-ranger annotation. upstream: plugin/pkg/admission/limitranger/admission.go
// defaultContainerResourceRequirements, mergePodResourceRequirements; LimitRange defaulting in
// pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem (max → default → defaultRequest, min → defaultRequest)
import type { KubeObject } from '../scenario';
import type { Container, Pod } from '../k8s/pod';

type ResourceMap = Record<string, string>;
interface Item {
  type?: string;
  default?: ResourceMap;
  defaultRequest?: ResourceMap;
  max?: ResourceMap;
  min?: ResourceMap;
}

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

function defaultsOf(range: KubeObject): { requests: ResourceMap; limits: ResourceMap } {
  const items = ((range.spec as { limits?: Item[] } | undefined)?.limits ?? []).filter(
    (i) => i.type === 'Container',
  );
  const requests: ResourceMap = {};
  const limits: ResourceMap = {};
  for (const item of items) {
    const def = { ...(item.max ?? {}), ...(item.default ?? {}) };
    const defReq = { ...(item.min ?? {}), ...def, ...(item.defaultRequest ?? {}) };
    Object.assign(requests, stringify(defReq));
    Object.assign(limits, stringify(def));
  }
  return { requests, limits };
}

function stringify(m: Record<string, unknown>): ResourceMap {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));
}

function fill(have: ResourceMap, defaults: ResourceMap): { merged: ResourceMap; set: string[] } {
  const merged = { ...have };
  const set: string[] = [];
  for (const [k, v] of Object.entries(defaults))
    if (merged[k] === undefined) {
      merged[k] = v;
      set.push(k);
    }
  return { merged, set: set.sort() };
}

function mergeContainer(c: Container, d: ReturnType<typeof defaultsOf>): { c: Container; notes: string[] } {
  const lim = fill(c.resources?.limits ?? {}, d.limits);
  const req = fill(c.resources?.requests ?? {}, d.requests);
  const notes: string[] = [];
  const name = c.name ?? '';
  if (req.set.length) notes.push(`${req.set.join(', ')} request for container ${name}`);
  if (lim.set.length) notes.push(`${lim.set.join(', ')} limit for container ${name}`);
  if (!notes.length) return { c, notes };
  return { c: { ...c, resources: { ...c.resources, limits: lim.merged, requests: req.merged } }, notes };
}

/** Applies each LimitRange in turn; the pod is unchanged when none has Container defaults. */
export function limitRangerAdmit(pod: Pod, ranges: readonly KubeObject[]): { pod: Pod; set: string | null } {
  let current = pod;
  let set: string | null = null;
  for (const range of ranges) {
    const d = defaultsOf(range);
    const merged = (current.spec?.containers ?? []).map((c) => mergeContainer(c, d));
    const notes = merged.flatMap((m) => m.notes);
    if (!notes.length) continue;
    set = `LimitRanger plugin set: ${notes.join('; ')}`;
    const annotations = { ...(current.metadata?.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: set };
    current = {
      ...current,
      metadata: { ...current.metadata, annotations },
      spec: { ...current.spec!, containers: merged.map((m) => m.c) },
    };
  }
  return { pod: current, set };
}
