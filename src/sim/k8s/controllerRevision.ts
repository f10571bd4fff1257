// A StatefulSet's ControllerRevision: the patch that re-applies its pod template, named by the FNV-1 hash of
// that patch's JSON. Go's json.Marshal of the decoded map writes keys sorted and HTML-safe, so the bytes (and
// the hash) follow from the stored template. upstream: pkg/controller/statefulset/stateful_set_utils.go
// (getPatch, newRevision), pkg/controller/history/controller_history.go (NewControllerRevision,
// HashControllerRevision: fnv.New32 over Data.Raw, then the collision count as decimal text;
// ControllerRevisionHashLabel), apimachinery/pkg/util/rand SafeEncodeString
import type { KubeObject } from '../scenario';
import { controllerRef, specOf } from './workloads';

export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** FNV-1 (multiply, then xor), 32 bits: Go's hash/fnv New32. */
export function fnv1(bytes: readonly number[], h = 0x811c9dc5): number {
  for (const b of bytes) h = (Math.imul(h, 0x01000193) ^ b) >>> 0;
  return h >>> 0;
}

// Go's encoding/json escapes these where JSON.stringify does not.
const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '\b': '\\u0008',
  '\f': '\\u000c',
};

/** json.Marshal of a map[string]interface{}: keys sorted at every level, no spaces, HTML-safe strings. */
export function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${goJson(k)}:${goJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  if (typeof v === 'string')
    return JSON.stringify(v).replace(/[<>&\u2028\u2029\b\f]/g, (c) => GO_ESCAPES[c]!);
  return JSON.stringify(v) ?? 'null';
}

/** The revision's data: `{"spec":{"template":{"$patch":"replace",…}}}`. upstream: getPatch */
export function revisionPatch(set: KubeObject): Record<string, unknown> {
  return { spec: { template: { ...(specOf(set).template ?? {}), $patch: 'replace' } } };
}

/** upstream: HashControllerRevision with probe = the collision count (0 for a set without collisions). */
export function revisionHash(set: KubeObject, collisionCount = 0): string {
  const h = fnv1([...utf8(goJson(revisionPatch(set))), ...utf8(String(collisionCount))]);
  return [...String(h)].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}

/** upstream: newRevision → history.NewControllerRevision (labels: the template's plus the hash; the set's annotations) */
export function newControllerRevision(set: KubeObject, revision: number, collisionCount = 0): KubeObject {
  const hash = revisionHash(set, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${set.metadata.name ?? ''}-${hash}`,
      namespace: set.metadata.namespace ?? 'default',
      labels: { ...(specOf(set).template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(set)],
    },
    data: revisionPatch(set),
    revision,
  };
}
