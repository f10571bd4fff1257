// Builders for the node side (kubelet informer, containerd's replies from runc) and for whole scenarios,
// so tests of the kubelet, containerd and the root cluster machine speak complete, typed SimEvents.
import type { KubeObject, Scenario } from '../scenario';
import { nginxPod, testNote, type Of } from './events';

/** A Node as the scenario lists it: InternalIP 172.18.<i>, podCIDR 10.244.<i>.0/24. */
export function nodeObject(name: string, i = 0): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: { podCIDR: `10.244.${i % 256}.0/24` },
    status: {
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      addresses: [{ type: 'InternalIP', address: `172.18.${Math.floor(i / 256)}.${i % 256}` }],
    },
  };
}

/** A scenario of `nodes` and nothing else: no manifests, no actions. */
export function nodesScenario(nodes: KubeObject[], seed = 1): Scenario {
  return {
    name: 'test',
    cluster: nodes,
    manifests: [],
    actions: [],
    options: { horizonMs: 60_000 },
    seed,
  };
}

/** An nginx Pod bound to `nodeName`, as the API server stores it (with a uid). */
export function boundPod(uid: string, nodeName: string, extra: Record<string, unknown> = {}): KubeObject {
  const pod = nginxPod({ metadata: { name: `nginx-${uid}`, namespace: 'default', uid, ...extra } });
  return { ...pod, spec: { ...(pod.spec as object), nodeName } };
}

export function watchListed(watchId: string, items: KubeObject[]): Of<'watch.listed'> {
  return { type: 'watch.listed', note: testNote(), watchId, items, resourceVersion: '1' };
}

export function watchEvent(
  watchId: string,
  eventType: Of<'watch.event'>['eventType'],
  object: KubeObject,
): Of<'watch.event'> {
  return { type: 'watch.event', note: testNote(17), watchId, eventType, object };
}

export function syncLoop(op: 'ADD' | 'DELETE', pod: KubeObject): Of<'kubelet.syncLoop'> {
  return { type: 'kubelet.syncLoop', note: testNote(17), op, pod };
}

/** What runc reports to containerd about one container. */
export function ociState(
  containerId: string,
  status: Of<'oci.state'>['status'],
  extra: Partial<Of<'oci.state'>> = {},
): Of<'oci.state'> {
  return { type: 'oci.state', note: testNote(12), containerId, status, ...extra };
}
