// Label selectors with upstream's matching rules, for every component that selects pods by label:
// the scheduler's spreading and affinity plugins, and apps/v1 workload validation.
// upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go Requirement.Matches
import type { LabelSelector } from 'kubernetes-types/meta/v1';

type Labels = Record<string, string>;

/** metav1.LabelSelectorAsSelector: nil matches nothing, {} matches everything. */
export function labelSelectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (selector === undefined || selector === null) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const inValues = has && (e.values ?? []).includes(labels[e.key] ?? '');
    const ok =
      e.operator === 'In'
        ? inValues
        : e.operator === 'NotIn'
          ? !inValues
          : e.operator === 'Exists'
            ? has
            : e.operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

/** No matchLabels and no matchExpressions: the selector that matches everything. */
export const isEmptySelector = (sel: LabelSelector | undefined): boolean =>
  !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
