// Small builders for scheduler tests: a Node or Pod from the few fields a test cares about.
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  extra?: Record<string, string>;
  images?: { names: string[]; sizeBytes: number }[];
}

export function node(name: string, o: NodeOpts = {}): Node {
  const allocatable = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.extra };
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable, capacity: allocatable, images: o.images },
  };
}

export interface PodOpts {
  ns?: string;
  nodeName?: string;
  requests?: Record<string, string>;
  labels?: Record<string, string>;
  priority?: number;
  spec?: Partial<NonNullable<Pod['spec']>>;
  image?: string;
}

export function pod(name: string, o: PodOpts = {}): Pod {
  return {
    metadata: { name, namespace: o.ns ?? 'default', labels: o.labels ?? {} },
    spec: {
      nodeName: o.nodeName,
      priority: o.priority,
      containers: [
        { name: 'c', image: o.image ?? 'busybox', resources: o.requests ? { requests: o.requests } : {} },
      ],
      ...o.spec,
    },
    status: { phase: o.nodeName === undefined ? 'Pending' : 'Running' },
  };
}

/** A deterministic [0,1) source for tie-break tests. */
export const fixedRandom =
  (value: number): (() => number) =>
  () =>
    value;
