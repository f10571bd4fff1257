// Pod priority as the Priority admission plugin sets it: the simulated API server's admission, and inputs
// taken as already admitted (the `podwalk schedule` CLI): a pod's spec.priority, when set, is trusted; otherwise its priorityClassName is
// looked up (the built-in system classes always exist), or, without one, the global default class (the one
// with the lowest value when several claim it), or 0. preemptionPolicy comes from the class when the pod
// has none. upstream: plugin/pkg/admission/priority/admission.go (admitPod, getDefaultPriority,
// getDefaultPriorityClass); pkg/apis/scheduling/types.go (SystemPriorityClasses, HighestUserDefinablePriority)
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../scenario';

export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

interface ClassFields {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

const fieldsOf = (pc: KubeObject): ClassFields => pc as unknown as ClassFields;

/** Whether a class of that name exists: one of the text's PriorityClasses or a built-in one. */
export function priorityClassExists(name: string, classes: readonly KubeObject[]): boolean {
  return Object.hasOwn(SYSTEM_PRIORITY_CLASSES, name) || classes.some((c) => c.metadata.name === name);
}

/** The global default class; the lowest value wins when several claim it. */
export function globalDefaultClass(classes: readonly KubeObject[]): KubeObject | undefined {
  let best: KubeObject | undefined;
  for (const c of classes)
    if (
      fieldsOf(c).globalDefault === true &&
      (!best || (fieldsOf(best).value ?? 0) > (fieldsOf(c).value ?? 0))
    )
      best = c;
  return best;
}

/** The pod with spec.priority and spec.preemptionPolicy as admission leaves them. */
export function admittedPriority(pod: Pod, classes: readonly KubeObject[]): Pod {
  if (pod.spec?.priority !== undefined && pod.spec.priority !== null) return pod;
  const name = pod.spec?.priorityClassName;
  const pc = name ? classes.find((c) => c.metadata.name === name) : globalDefaultClass(classes);
  const value = pc ? (fieldsOf(pc).value ?? 0) : name ? (SYSTEM_PRIORITY_CLASSES[name] ?? 0) : 0;
  const preemptionPolicy =
    pod.spec?.preemptionPolicy ?? (pc ? fieldsOf(pc).preemptionPolicy : undefined) ?? 'PreemptLowerPriority';
  return {
    ...pod,
    spec: { ...pod.spec, containers: pod.spec?.containers ?? [], priority: value, preemptionPolicy },
  };
}
