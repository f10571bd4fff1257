// What the API server added or changed on its way from the request body to the stored object, as JSON
// paths in kubectl's field notation (`spec.containers[0].imagePullPolicy`). Removals are not listed.
export interface Defaulted {
  path: string;
  value: unknown;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Map keys such as annotation names read as field.Path.Key does: `metadata.annotations[kubernetes.io/x]`.
const join = (path: string, key: string): string =>
  /^[A-Za-z0-9_-]+$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${key}]`;

export function defaultedPaths(before: unknown, after: unknown, path = ''): Defaulted[] {
  if (isMap(before) && isMap(after)) {
    return Object.entries(after).flatMap(([k, v]) =>
      Object.hasOwn(before, k)
        ? defaultedPaths(before[k], v, join(path, k))
        : [{ path: join(path, k), value: v }],
    );
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return after.flatMap((v: unknown, i) =>
      i < before.length
        ? defaultedPaths(before[i], v, `${path}[${i}]`)
        : [{ path: `${path}[${i}]`, value: v }],
    );
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, value: after }];
}
