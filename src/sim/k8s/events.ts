// Kubernetes Event objects as the scheduler (events.k8s.io/v1) and the kubelet (core/v1) write them.
// upstream: staging/src/k8s.io/client-go/tools/events/event_recorder.go; client-go/tools/record/event.go
import type { KubeObject } from '../scenario';
import { rfc3339, rfc3339Micro, unixNanoHex } from '../time/timestamps';

export interface Regarding {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** The scheduler's events.k8s.io/v1 Event (reportingController default-scheduler, no `source`). */
export function schedulerEvent(
  pod: Regarding,
  type: 'Normal' | 'Warning',
  reason: string,
  action: string,
  message: string,
  nowMs: number,
): KubeObject {
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: `${pod.name}.${unixNanoHex(nowMs)}`, namespace: pod.namespace },
    eventTime: rfc3339Micro(nowMs),
    reportingController: 'default-scheduler',
    reportingInstance: 'default-scheduler-control-plane',
    action,
    reason,
    regarding: {
      kind: 'Pod',
      namespace: pod.namespace,
      name: pod.name,
      uid: pod.uid,
      apiVersion: 'v1',
      resourceVersion: pod.resourceVersion,
    },
    note: message,
    type,
  };
}

/** The kubelet's core/v1 Event. */
export function kubeletEvent(
  pod: Regarding,
  node: string,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  nowMs: number,
): KubeObject {
  const ts = rfc3339(nowMs);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod.name}.${unixNanoHex(nowMs)}`, namespace: pod.namespace },
    involvedObject: {
      kind: 'Pod',
      namespace: pod.namespace,
      name: pod.name,
      uid: pod.uid,
      apiVersion: 'v1',
      resourceVersion: pod.resourceVersion,
      ...(pod.fieldPath ? { fieldPath: pod.fieldPath } : {}),
    },
    reason,
    message,
    source: { component: 'kubelet', host: node },
    firstTimestamp: ts,
    lastTimestamp: ts,
    count: 1,
    type,
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: node,
  };
}
