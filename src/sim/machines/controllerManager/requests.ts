// What kube-controller-manager's controllers ask of the API server, and the Events they record.
// Each controller acts as its own ServiceAccount, as kubeadm runs kube-controller-manager with
// --use-service-account-credentials=true. upstream: cmd/kube-controller-manager/app/controllermanager.go;
// staging/src/k8s.io/client-go/tools/record/event.go (core/v1 Events, `<name>.<unix nanos hex>`)
import type { HttpRequest } from '../../cluster/events';
import { note, type Cause } from '../../cluster/note';
import type { Outgoing } from '../../cluster/outbox';
import { API_SERVER, CONTROLLER_MANAGER } from '../../cluster/systemIds';
import { LATENCY } from '../../time/latencies';
import { rfc3339, unixNanoHex } from '../../time/timestamps';
import type { KubeObject } from '../../scenario';

export type ControllerName = 'deployment' | 'replicaset' | 'statefulset' | 'disruption';

/**
 * The event source a controller's recorder names: `<name>-controller`, except the disruption controller's,
 * which upstream creates with Component "controllermanager". upstream: pkg/controller/disruption/disruption.go
 * NewDisruptionControllerInternal (v1.EventSource{Component: "controllermanager"})
 */
const eventComponent = (c: ControllerName): string =>
  c === 'disruption' ? 'controllermanager' : `${c}-controller`;

/** The ServiceAccount a controller's client authenticates as. */
export function controllerUser(c: ControllerName): HttpRequest['user'] {
  return {
    name: `system:serviceaccount:kube-system:${c}-controller`,
    groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system'],
  };
}

/** Controller messages belong to no activity of the article: they are the reconcile between apply and pod. */
export const RECONCILE: Cause = { activity: null, phase: 'Reconcile', pod: null };

export function httpRequest(
  id: string,
  controller: ControllerName,
  method: HttpRequest['method'],
  path: string,
  body: unknown,
  cause: Cause = RECONCILE,
  label = `${method} ${path}`,
): Outgoing {
  const contentType = body === null ? null : 'application/json';
  return {
    to: API_SERVER,
    delay: LATENCY.network,
    event: {
      type: 'http.request',
      note: note(cause, 'request', label, { method, path, controller: `${controller}-controller`, body }),
      request: {
        id,
        method,
        path,
        query: '',
        contentType,
        body,
        user: controllerUser(controller),
        replyTo: CONTROLLER_MANAGER,
      },
    },
  };
}

/**
 * A core/v1 Event about `involved`. `n` keeps two events of one object at the same virtual instant apart,
 * as real nanosecond clocks do. upstream: client-go/tools/record/event.go makeEvent
 */
export function controllerEvent(
  involved: KubeObject,
  controller: ControllerName,
  reason: string,
  message: string,
  nowMs: number,
  n: number,
  type: 'Normal' | 'Warning' = 'Normal',
): KubeObject {
  const ts = rfc3339(nowMs);
  const ns = involved.metadata.namespace ?? 'default';
  const component = eventComponent(controller);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${involved.metadata.name ?? ''}.${unixNanoHex(nowMs + n / 1_000_000)}`,
      namespace: ns,
    },
    involvedObject: {
      kind: involved.kind,
      namespace: ns,
      name: involved.metadata.name ?? '',
      uid: involved.metadata.uid ?? '',
      apiVersion: involved.apiVersion,
      resourceVersion: involved.metadata.resourceVersion,
    },
    reason,
    message,
    source: { component },
    firstTimestamp: ts,
    lastTimestamp: ts,
    count: 1,
    type,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: '',
  };
}

export function eventRequest(id: string, controller: ControllerName, ev: KubeObject, cause: Cause): Outgoing {
  const ns = ev.metadata.namespace ?? 'default';
  return httpRequest(
    id,
    controller,
    'POST',
    `/api/v1/namespaces/${ns}/events`,
    ev,
    cause,
    `POST event ${String(ev.reason)}`,
  );
}
