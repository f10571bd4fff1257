// The RuntimeClass admission plugin (on by default): a pod naming a RuntimeClass gets the class's
// overhead.podFixed as spec.overhead (which the scheduler and the kubelet count on top of the
// containers' requests) and the class's scheduling.nodeSelector and tolerations; a class that does not
// exist, or an overhead that does not match, rejects the pod with 403.
// upstream: plugin/pkg/admission/runtimeclass/admission.go (Admit: prepareObjects, setOverhead,
// setScheduling; Validate: validateOverhead)
import type { KubeObject } from '../scenario';
import type { Pod } from '../k8s/pod';
import { forbiddenPod, type Rejection } from './rejection';

interface RuntimeClassObject {
  handler?: string;
  overhead?: { podFixed?: Record<string, string> };
  scheduling?: {
    nodeSelector?: Record<string, string>;
    tolerations?: NonNullable<NonNullable<Pod['spec']>['tolerations']>;
  };
}

export type RuntimeClassOutcome =
  { pod: Pod; summary: string | null; rejection: null } | { pod: Pod; summary: null; rejection: Rejection };

const sameQuantities = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Admit: the pod as the plugin leaves it, or the rejection. */
export function runtimeClassAdmit(pod: Pod, classes: readonly KubeObject[]): RuntimeClassOutcome {
  const name = pod.spec?.runtimeClassName;
  const podName = pod.metadata?.name ?? '';
  const podOverhead = (pod.spec?.overhead ?? {}) as Record<string, string>;
  if (!name) {
    // upstream: validateOverhead — an overhead with no RuntimeClass behind it is refused.
    if (Object.keys(podOverhead).length)
      return reject(
        pod,
        podName,
        'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
      );
    return { pod, summary: null, rejection: null };
  }
  const found = classes.find((c) => c.metadata.name === name);
  const rc = found as RuntimeClassObject | undefined;
  if (!rc) return reject(pod, podName, `pod rejected: RuntimeClass ${JSON.stringify(name)} not found`);
  const fixed = rc.overhead?.podFixed;
  if (fixed && Object.keys(podOverhead).length && !sameQuantities(fixed, podOverhead))
    return reject(pod, podName, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
  if (!fixed && Object.keys(podOverhead).length)
    return reject(
      pod,
      podName,
      'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
    );
  const sel = rc.scheduling?.nodeSelector ?? {};
  const podSel = pod.spec?.nodeSelector ?? {};
  for (const [k, v] of Object.entries(sel))
    if (podSel[k] !== undefined && podSel[k] !== v)
      return reject(
        pod,
        podName,
        `conflict: runtimeClass.scheduling.nodeSelector[${k}] = ${v}; pod.spec.nodeSelector[${k}] = ${podSel[k]}`,
      );
  const spec = {
    ...pod.spec!,
    ...(fixed ? { overhead: { ...fixed } } : {}),
    ...(Object.keys(sel).length ? { nodeSelector: { ...podSel, ...sel } } : {}),
    ...(rc.scheduling?.tolerations?.length
      ? { tolerations: [...(pod.spec?.tolerations ?? []), ...rc.scheduling.tolerations] }
      : {}),
  };
  const over = fixed
    ? Object.entries(fixed)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')
    : 'none';
  return {
    pod: { ...pod, spec },
    summary: `RuntimeClass: ${name} (handler ${rc.handler ?? ''}), overhead ${over}`,
    rejection: null,
  };
}

function reject(pod: Pod, name: string, err: string): RuntimeClassOutcome {
  return { pod, summary: null, rejection: forbiddenPod(name, err) };
}

/** The handler a RuntimeClass names (what the kubelet passes to the CRI as runtime_handler). */
export function handlerOf(classes: readonly KubeObject[], runtimeClassName: string | undefined): string {
  if (!runtimeClassName) return '';
  const rc = classes.find((c) => c.kind === 'RuntimeClass' && c.metadata.name === runtimeClassName);
  return String((rc as RuntimeClassObject | undefined)?.handler ?? '');
}
