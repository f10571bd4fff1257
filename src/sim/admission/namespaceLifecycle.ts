// NamespaceLifecycle, the first mutating admission plugin: no new objects in a namespace that does not
// exist or is being terminated. upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/
// lifecycle/admission.go Lifecycle.Admit
import type { KubeObject } from '../scenario';
import { forbiddenPod, type Rejection } from './rejection';

/** Namespaces a kubeadm cluster always has. upstream: cmd/kubeadm and the system namespaces controller */
const BUILT_IN = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export interface NamespaceInfo {
  exists: boolean;
  terminating: boolean;
  labels: Record<string, string>;
}

/** A namespace exists if the scenario has it, if kubeadm made it, or if a stored object lives in it. */
export function namespaceInfo(objects: readonly KubeObject[], name: string): NamespaceInfo {
  const ns = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === name);
  if (ns) {
    const phase = (ns.status as { phase?: string } | undefined)?.phase;
    const terminating = phase === 'Terminating' || !!ns.metadata.deletionTimestamp;
    return { exists: true, terminating, labels: ns.metadata.labels ?? {} };
  }
  const used = objects.some((o) => o.kind === 'Pod' && o.metadata.namespace === name);
  return { exists: BUILT_IN.includes(name) || used, terminating: false, labels: {} };
}

export function namespaceLifecycle(info: NamespaceInfo, namespace: string, pod: string): Rejection | null {
  if (!info.exists)
    return {
      code: 404,
      reason: 'NotFound',
      message: `namespaces ${JSON.stringify(namespace)} not found`,
      details: { name: namespace, kind: 'namespaces' },
    };
  if (!info.terminating) return null;
  const cause = {
    reason: 'NamespaceTerminating',
    message: `namespace ${namespace} is being terminated`,
    field: 'metadata.namespace',
  };
  const err = `unable to create new content in namespace ${namespace} because it is being terminated`;
  return forbiddenPod(pod, err, { causes: [cause] });
}
