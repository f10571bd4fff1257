// The cluster a Pods-only file runs on: one tainted control plane and two workers that already carry
// some load, so that the scheduler has a real choice (worker-2 is the emptier one).
import type { KubeObject } from '../sim/scenario';

const KUBELET_VERSION = 'v1.37.0';
export const CONTAINERD_VERSION = 'containerd://2.3.4';
/** CRI-O's releases follow Kubernetes' minor versions. */
export const CRIO_VERSION = 'cri-o://1.37.0';
export const CONTROL_PLANE_ROLE = 'node-role.kubernetes.io/control-plane';

interface NodeSpec {
  name: string;
  ip: string;
  podCIDR: string;
  controlPlane?: boolean;
}

function node({ name, ip, podCIDR, controlPlane = false }: NodeSpec): KubeObject {
  const resources = { cpu: '4', memory: '8Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(controlPlane ? { [CONTROL_PLANE_ROLE]: '' } : {}),
      },
    },
    spec: {
      podCIDR,
      podCIDRs: [podCIDR],
      ...(controlPlane ? { taints: [{ key: CONTROL_PLANE_ROLE, effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity: { ...resources },
      allocatable: { ...resources },
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: { kubeletVersion: KUBELET_VERSION, containerRuntimeVersion: CONTAINERD_VERSION },
      // TODO: list registry.k8s.io/pause:3.10.2 (containerd 2.3's sandbox image) once the reference
      // records its sizeBytes; a made-up size would skew ImageLocality.
    },
  };
}

interface PodSpec {
  name: string;
  namespace: string;
  app: string;
  nodeName: string;
  image: string;
  cpu: string;
  memory: string;
}

function boundPod({ name, namespace, app, nodeName, image, cpu, memory }: PodSpec): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app } },
    spec: {
      nodeName,
      containers: [{ name: app, image, resources: { requests: { cpu, memory } } }],
    },
    // Running for an hour before the run starts, as `kubectl get pods` would show them (READY 1/1).
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: app,
          image,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: '2026-05-12T09:15:02Z' } },
        },
      ],
    },
  };
}

/** A fresh copy each call: callers may keep or change what they get. */
export function defaultCluster(): KubeObject[] {
  return [
    node({ name: 'control-plane', ip: '172.18.0.2', podCIDR: '10.244.0.0/24', controlPlane: true }),
    node({ name: 'worker-1', ip: '172.18.0.3', podCIDR: '10.244.1.0/24' }),
    node({ name: 'worker-2', ip: '172.18.0.4', podCIDR: '10.244.2.0/24' }),
    // worker-1 carries 1500m CPU / 3Gi of requests …
    boundPod({
      name: 'postgres-0',
      namespace: 'shop',
      app: 'postgres',
      nodeName: 'worker-1',
      image: 'docker.io/library/postgres:16',
      cpu: '1',
      memory: '2Gi',
    }),
    boundPod({
      name: 'redis-0',
      namespace: 'shop',
      app: 'redis',
      nodeName: 'worker-1',
      image: 'docker.io/library/redis:7.4',
      cpu: '500m',
      memory: '1Gi',
    }),
    // … and worker-2 500m / 1Gi, so LeastAllocated prefers worker-2.
    boundPod({
      name: 'metrics-agent-7k2xq',
      namespace: 'monitoring',
      app: 'metrics-agent',
      nodeName: 'worker-2',
      image: 'quay.io/prometheus/node-exporter:v1.8.2',
      cpu: '500m',
      memory: '1Gi',
    }),
  ];
}
