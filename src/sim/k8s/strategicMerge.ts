// Strategic merge patch, the part kubectl's client-side apply and the API server use for workloads and
// pods: maps merge key by key, `null` deletes, lists of objects with a `name` (containers, volumes, env,
// …: patchMergeKey "name" in k8s.io/api) merge element by element with the patch's order given by
// `$setElementOrder/<list>`, other lists are replaced whole.
// upstream: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (CreateTwoWayMergePatch,
// StrategicMergePatch, mergeSliceWithSpecialElements, setElementOrderDirectivePrefix)
const ORDER = '$setElementOrder/';

type Map = Record<string, unknown>;

const isMap = (v: unknown): v is Map => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list merged by name: every element an object with a string `name`. */
function byName(list: unknown): list is Map[] {
  return Array.isArray(list) && list.length > 0 && list.every((x) => isMap(x) && typeof x.name === 'string');
}

/**
 * The patch that turns `from` into `to`, or undefined when nothing differs. Lists keyed by name get a
 * `$setElementOrder` and only their changed elements (each with its name), as kubectl sends them.
 */
export function diffPatch(from: unknown, to: unknown): unknown {
  if (!isMap(from) || !isMap(to)) return JSON.stringify(from) === JSON.stringify(to) ? undefined : to;
  const out: Map = {};
  for (const k of Object.keys(from)) if (!(k in to)) out[k] = null;
  for (const [k, v] of Object.entries(to)) {
    const old = from[k];
    if (byName(old) && byName(v)) {
      const d = diffNamed(old, v);
      if (d) {
        out[`${ORDER}${k}`] = v.map((x) => ({ name: x.name }));
        out[k] = d;
      }
      continue;
    }
    const d = diffPatch(old, v);
    if (d !== undefined) out[k] = d;
  }
  return Object.keys(out).length ? out : undefined;
}

function diffNamed(from: Map[], to: Map[]): Map[] | null {
  const old = new globalThis.Map(from.map((x) => [x.name as string, x]));
  const changed: Map[] = [];
  for (const x of to) {
    const prev = old.get(x.name as string);
    if (!prev) {
      changed.push(x);
      continue;
    }
    const d = diffPatch(prev, x);
    if (d !== undefined) changed.push({ ...(d as Map), name: x.name });
  }
  const gone = from.filter((x) => !to.some((y) => y.name === x.name));
  for (const x of gone) changed.push({ $patch: 'delete', name: x.name });
  const reordered = JSON.stringify(from.map((x) => x.name)) !== JSON.stringify(to.map((x) => x.name));
  return changed.length || reordered ? changed : null;
}

/** Applies a strategic merge patch to `target`. */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return patch;
  const out: Map = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(ORDER)) continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v) && (byName(v) || byName(out[k])))
      out[k] = mergeNamed(out[k], v, patch[`${ORDER}${k}`]);
    else out[k] = strategicMerge(out[k], v);
  }
  return out;
}

function mergeNamed(target: unknown, patch: unknown[], order: unknown): Map[] {
  const list = (Array.isArray(target) ? target : []).filter(isMap);
  const merged = new globalThis.Map(list.map((x) => [x.name as string, x]));
  for (const p of patch.filter(isMap)) {
    const name = p.name as string;
    if (p.$patch === 'delete') merged.delete(name);
    else merged.set(name, strategicMerge(merged.get(name), p) as Map);
  }
  const names = Array.isArray(order)
    ? order.filter(isMap).map((o) => o.name as string)
    : [...list.map((x) => x.name as string), ...patch.filter(isMap).map((p) => p.name as string)];
  const seen = new Set<string>();
  const out: Map[] = [];
  for (const n of [...names, ...merged.keys()]) {
    const x = merged.get(n);
    if (x && !seen.has(n)) {
      seen.add(n);
      out.push(x);
    }
  }
  return out;
}
