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
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;
const join = (path: string, key: string): string =>
  PLAIN_KEY.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${key}]`;

export function defaultedPaths(before: unknown, after: unknown, path = ''): Defaulted[] {
  const out: Defaulted[] = [];
  collect(before, after, path, out);
  return out;
}

/**
 * Appends the differences in document order. The same value on both sides has none (the stages of
 * admission share what they did not touch), so it is not walked; anything else is compared as before.
 */
function collect(before: unknown, after: unknown, path: string, out: Defaulted[]): void {
  if (before === after) return;
  if (isMap(before) && isMap(after)) {
    for (const k of Object.keys(after)) {
      const v = after[k];
      if (Object.hasOwn(before, k)) collect(before[k], v, join(path, k), out);
      else out.push({ path: join(path, k), value: v });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < after.length; i++) {
      if (!(i in after)) continue; // a hole, as flatMap skips it
      const v: unknown = after[i];
      if (i < before.length) collect(before[i], v, `${path}[${i}]`, out);
      else out.push({ path: `${path}[${i}]`, value: v });
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, value: after });
}
