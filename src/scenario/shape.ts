// Type checks for the fields the simulation reads, and only those. Kubernetes' own validation (names,
// required fields, quantities, enums) belongs to the simulated API server, which answers 422/400 with
// its own words; here we only refuse values of the wrong *type*, which would crash the simulation.
// Unknown fields pass through untouched.
import { fail } from './errors';
import { isPlainMap, pathKey, type PathSeg, type Plain, type PlainDoc, type PlainMap } from './plain';

export type Rule =
  | 'string'
  | 'int'
  | 'bool'
  | 'map'
  | 'stringList'
  /** map[string]string, as labels, annotations and nodeSelector are. */
  | 'stringMap'
  /** map of resource name → quantity; `cpu: 1` and `cpu: "1"` both decode. */
  | 'quantityMap'
  | { listOf: Rule }
  | { fields: Shape };
export type Shape = { readonly [key: string]: Rule };

/** Where an object sits: its document, its path inside it (`items[3]` in a List), and how to name it. */
export interface Site {
  doc: PlainDoc;
  base: PathSeg[];
  label: string;
}

const EXPECTED: Record<Exclude<Rule, object>, string> = {
  string: 'a string',
  int: 'a whole number',
  bool: 'true or false',
  map: 'a mapping (key: value)',
  stringList: 'a list of strings',
  stringMap: 'a mapping of strings (key: "value")',
  quantityMap: 'a mapping of quantities (cpu: 250m, memory: 128Mi)',
};

export function describe(v: Plain | undefined): string {
  if (v === undefined || v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (typeof v === 'number') return `the number ${v}`;
  return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
}

/** Fails at the value's line and column, or at its nearest located ancestor (values expanded from an alias). */
export function failAt(site: Site, path: readonly PathSeg[], message: string): never {
  const full = [...site.base, ...path];
  let offset: number | undefined;
  for (let n = full.length; n >= 0 && offset === undefined; n--)
    offset = site.doc.offsets.get(pathKey(full.slice(0, n)));
  const pos = offset === undefined ? null : site.doc.lineCounter.linePos(offset);
  // Whole-object messages read as one sentence: "Document 2 is a Service, …".
  const text = message.startsWith('is ') ? `${site.label} ${message}` : `${site.label}: ${message}`;
  return fail(text, {
    line: pos?.line ?? null,
    column: pos?.col ?? null,
    document: site.doc.index,
    field: pathKey(full) || null,
  });
}

/** Checks `obj` against `shape`, in place; `null` fields are dropped, as Kubernetes' decoder ignores them. */
export function checkShape(site: Site, obj: PlainMap, shape: Shape, path: PathSeg[] = []): void {
  for (const [key, rule] of Object.entries(shape)) {
    if (!Object.hasOwn(obj, key)) continue;
    const value = obj[key];
    if (value === null || value === undefined) {
      delete obj[key];
      continue;
    }
    check(site, value, rule, [...path, key]);
  }
}

function check(site: Site, value: Plain, rule: Rule, path: PathSeg[]): void {
  if (typeof rule === 'object') {
    if ('listOf' in rule) checkList(site, value, rule.listOf, path);
    else if (!isPlainMap(value)) wrongType(site, path, value, 'a mapping (key: value)');
    else checkShape(site, value, rule.fields, path);
    return;
  }
  const ok = ((): boolean => {
    switch (rule) {
      case 'string':
        return typeof value === 'string';
      case 'int':
        return typeof value === 'number' && Number.isInteger(value);
      case 'bool':
        return typeof value === 'boolean';
      case 'map':
        return isPlainMap(value);
      case 'stringList':
        return Array.isArray(value) && value.every((x, i) => scalarItem(site, x, [...path, i]));
      case 'stringMap':
        return isPlainMap(value) && checkEntries(site, value, path, 'string');
      case 'quantityMap':
        return isPlainMap(value) && checkEntries(site, value, path, 'quantity');
    }
  })();
  if (!ok) wrongType(site, path, value, EXPECTED[rule]);
}

function checkList(site: Site, value: Plain, item: Rule, path: PathSeg[]): void {
  if (!Array.isArray(value)) wrongType(site, path, value, 'a list (lines starting with "- ")');
  value.forEach((x, i) => {
    if (x === null)
      wrongType(site, [...path, i], x, typeof item === 'object' ? 'a mapping (key: value)' : EXPECTED[item]);
    check(site, x, item, [...path, i]);
  });
}

function scalarItem(site: Site, x: Plain, path: PathSeg[]): boolean {
  if (typeof x !== 'string') wrongType(site, path, x, 'a string', true);
  return true;
}

/** Map values: strings (labels) or quantities; a `null` label value decodes as "" in Kubernetes. */
function checkEntries(site: Site, map: PlainMap, path: PathSeg[], kind: 'string' | 'quantity'): boolean {
  for (const [k, v] of Object.entries(map)) {
    if (v === null) map[k] = '';
    else if (typeof v === 'string' || (kind === 'quantity' && typeof v === 'number')) continue;
    else
      wrongType(
        site,
        [...path, k],
        v,
        kind === 'string' ? 'a string' : 'a quantity such as 250m or 1Gi',
        kind === 'string',
      );
  }
  return true;
}

function wrongType(
  site: Site,
  path: PathSeg[],
  value: Plain,
  expected: string,
  suggestQuotes = false,
): never {
  const scalar = typeof value === 'number' || typeof value === 'boolean';
  // Labels such as `version: 1.0` are numbers to YAML; Kubernetes wants the string "1.0".
  const hint = suggestQuotes && scalar ? '; put it in quotes' : '';
  return failAt(site, path, `${pathKey(path)} must be ${expected}, not ${describe(value)}${hint}.`);
}
