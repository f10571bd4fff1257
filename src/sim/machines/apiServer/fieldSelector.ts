// Field selectors as informers use them (`spec.nodeName=worker-2`,
// `status.phase!=Succeeded,status.phase!=Failed`). upstream: staging/src/k8s.io/apimachinery/pkg/fields/selector.go
import type { KubeObject } from '../../scenario';

export interface Requirement {
  path: string[];
  op: '=' | '!=';
  value: string;
}

export function fieldValue(obj: KubeObject, path: readonly string[]): string {
  let cur: unknown = obj;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' ? cur : cur === undefined || cur === null ? '' : JSON.stringify(cur);
}

/**
 * A selector's requirements, parsed once per selector text: the watch cache tests every change against
 * every watch, and re-parsing the text each time was a large part of a big run. null: a malformed
 * requirement, which matches nothing.
 */
const parsed = new Map<string, Requirement[] | null>();

export function parseFieldSelector(selector: string): Requirement[] | null {
  let reqs = parsed.get(selector);
  if (reqs !== undefined) return reqs;
  reqs = [];
  for (const req of selector.split(',')) {
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(req.trim());
    if (!m) {
      reqs = null;
      break;
    }
    reqs.push({ path: m[1]!.split('.'), op: m[2] === '!=' ? '!=' : '=', value: m[3]! });
  }
  // One entry per selector text (a kubelet's names its node); a long-lived page forgets them now and then.
  if (parsed.size >= 20_000) parsed.clear();
  parsed.set(selector, reqs);
  return reqs;
}

/** True when every requirement of the comma-separated selector holds (null selects everything). */
export function matchesFieldSelector(obj: KubeObject, selector: string | null): boolean {
  if (!selector) return true;
  const reqs = parseFieldSelector(selector);
  if (reqs === null) return false;
  for (const r of reqs) {
    const actual = fieldValue(obj, r.path);
    if (r.op === '!=' ? actual === r.value : actual !== r.value) return false;
  }
  return true;
}
