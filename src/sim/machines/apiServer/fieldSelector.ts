// Field selectors as informers use them (`spec.nodeName=worker-2`,
// `status.phase!=Succeeded,status.phase!=Failed`). upstream: staging/src/k8s.io/apimachinery/pkg/fields/selector.go
import type { KubeObject } from '../../scenario';

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' ? cur : cur === undefined || cur === null ? '' : JSON.stringify(cur);
}

/** True when every requirement of the comma-separated selector holds (null selects everything). */
export function matchesFieldSelector(obj: KubeObject, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((req) => {
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(req.trim());
    if (!m) return false;
    const actual = fieldValue(obj, m[1]!);
    return m[2] === '!=' ? actual !== m[3] : actual === m[3];
  });
}
