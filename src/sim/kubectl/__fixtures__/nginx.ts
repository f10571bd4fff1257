// The bare `nginx` pod of lifecycle.md §9 at each stage, as the apiserver stores it, plus its events.
// Timeline (virtual ms): created 0 (10:15:00), scheduled 1.2 s, started 2 s, pulling 3 s, running 6 s (10:15:06).
import type { Pod } from 'kubernetes-types/core/v1';
import { kubeletEvent, schedulerEvent, type Regarding } from '../../k8s/events';
import { rfc3339 } from '../../time/timestamps';
import type { AnyEvent } from '../events';

export const UID = '7c1e2f4a-9b3d-4e8f-a1c2-5d6e7f8a9b0c';
export const CONTAINER_ID = 'containerd://5f2c7a0d9e3b41c8a6f0b7d2e9c4a1f3b8d6e0c2a4f7b9d1e3c5a7f9b2d4e6c8';
export const IMAGE_ID =
  'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a';

/** Pod with `status` writable, so tests can tweak one field of a stage. */
export type MutablePod = { -readonly [K in keyof Pod]: Pod[K] };

const SA_MOUNT = { name: 'kube-api-access-7xk2p', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };

/** After admission, before the scheduler: what `kubectl apply` created. */
export function createdPod(): MutablePod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'nginx',
      namespace: 'default',
      uid: UID,
      creationTimestamp: rfc3339(0),
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"Pod"}\n' },
    },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          imagePullPolicy: 'IfNotPresent',
          volumeMounts: [SA_MOUNT],
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      serviceAccountName: 'default',
      priority: 0,
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: 'kube-api-access-7xk2p',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
    },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}

function cond(type: string, status: 'True' | 'False', at: number, reason?: string) {
  return { type, status, lastTransitionTime: rfc3339(at), ...(reason ? { reason } : {}) };
}

/** After the binding: nodeName set and PodScheduled=True, no kubelet status yet. */
export function boundPod(): MutablePod {
  const pod = createdPod();
  return { ...pod, spec: { ...pod.spec!, nodeName: 'node-1' }, status: { ...pod.status, conditions: [cond('PodScheduled', 'True', 1200)] } };
}

/** The kubelet's first status patch: waiting in ContainerCreating. */
export function creatingPod(): MutablePod {
  const pod = boundPod();
  const notReady = 'ContainersNotReady';
  return {
    ...pod,
    status: {
      phase: 'Pending',
      qosClass: 'BestEffort',
      hostIP: '172.18.0.3',
      hostIPs: [{ ip: '172.18.0.3' }],
      startTime: rfc3339(2000),
      conditions: [
        cond('PodReadyToStartContainers', 'False', 2000),
        cond('Initialized', 'True', 2000),
        cond('Ready', 'False', 2000, notReady),
        cond('ContainersReady', 'False', 2000, notReady),
        cond('PodScheduled', 'True', 1200),
      ],
      containerStatuses: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          imageID: '',
          ready: false,
          restartCount: 0,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    },
  };
}

/** Running and ready since 10:15:06. */
export function runningPod(): MutablePod {
  const pod = creatingPod();
  return {
    ...pod,
    status: {
      ...pod.status,
      phase: 'Running',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      conditions: [
        cond('PodReadyToStartContainers', 'True', 2500),
        cond('Initialized', 'True', 2000),
        cond('Ready', 'True', 6000),
        cond('ContainersReady', 'True', 6000),
        cond('PodScheduled', 'True', 1200),
      ],
      containerStatuses: [
        {
          name: 'nginx',
          image: 'docker.io/library/nginx:1.27',
          imageID: IMAGE_ID,
          containerID: CONTAINER_ID,
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: rfc3339(6000) } },
        },
      ],
    },
  };
}

/** After `kubectl delete pod nginx` at `atMs`: deletionTimestamp = at + 30 s, phase still Running. */
export function terminatingPod(atMs: number): MutablePod {
  const pod = runningPod();
  return {
    ...pod,
    metadata: { ...pod.metadata, deletionTimestamp: rfc3339(atMs + 30_000), deletionGracePeriodSeconds: 30 },
  };
}

/** The kubelet's terminal patch: nginx exited 0 on SIGQUIT, phase Succeeded. */
export function completedPod(atMs: number): MutablePod {
  const pod = terminatingPod(atMs);
  const terminated = { exitCode: 0, reason: 'Completed', startedAt: rfc3339(6000), finishedAt: rfc3339(atMs + 800), containerID: CONTAINER_ID };
  return {
    ...pod,
    status: {
      ...pod.status,
      phase: 'Succeeded',
      conditions: [
        cond('PodReadyToStartContainers', 'False', atMs + 900),
        cond('Initialized', 'True', 2000),
        cond('Ready', 'False', atMs + 900, 'PodCompleted'),
        cond('ContainersReady', 'False', atMs + 900, 'PodCompleted'),
        cond('PodScheduled', 'True', 1200),
      ],
      containerStatuses: [{ ...pod.status!.containerStatuses![0]!, ready: false, started: false, state: { terminated } }],
    },
  };
}

const REF: Regarding = { namespace: 'default', name: 'nginx', uid: UID };
const CTR: Regarding = { ...REF, fieldPath: 'spec.containers{nginx}' };

/** The happy-path events of §9.4, as the scheduler and kubelet store them. */
export function happyEvents(): AnyEvent[] {
  const pulled =
    'Successfully pulled image "nginx:1.27" in 3.012s (3.012s including waiting). Image size: 72099410 bytes.';
  return [
    schedulerEvent(REF, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/nginx to node-1', 1234.5),
    kubeletEvent(CTR, 'node-1', 'Normal', 'Pulling', 'Pulling image "nginx:1.27"', 3000),
    kubeletEvent(CTR, 'node-1', 'Normal', 'Pulled', pulled, 6000),
    kubeletEvent(CTR, 'node-1', 'Normal', 'Created', 'Container created', 6010),
    kubeletEvent(CTR, 'node-1', 'Normal', 'Started', 'Container started', 6020),
  ] as unknown as AnyEvent[];
}

/** A kubelet event repeated `count` times between `firstMs` and `lastMs` (the recorder bumps count). */
export function repeated(type: 'Normal' | 'Warning', reason: string, message: string, count: number, firstMs: number, lastMs: number): AnyEvent {
  const e = kubeletEvent(CTR, 'node-1', type, reason, message, firstMs);
  return { ...e, count, lastTimestamp: rfc3339(lastMs) } as unknown as AnyEvent;
}
