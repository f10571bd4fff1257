// Actors are addressed by systemId, never by XState session ids (which differ between runs).
import type { Lane } from '../trace/types';

export const KUBECTL = 'kubectl';
export const API_SERVER = 'apiServer';
export const ETCD = 'etcd';
export const SCHEDULER = 'scheduler';
/** A person at a node's shell running runc by hand; drawn on the client lane. */
export const OPERATOR = 'operator';
export const CONTROLLER_MANAGER = 'controllerManager';
export const kubeletId = (node: string): string => `kubelet:${node}`;
export const podWorkerId = (node: string, uid: string): string => `kubelet:${node}/pod:${uid}`;
export const containerdId = (node: string): string => `containerd:${node}`;
export const kernelId = (node: string): string => `kernel:${node}`;
export const runcId = (containerId: string): string => `runc:${containerId}`;
/** CRI-O, one per node that runs it instead of containerd, and conmon, one per container. */
export const crioId = (node: string): string => `crio:${node}`;
export const conmonId = (node: string, containerId: string): string => `conmon:${node}/${containerId}`;
/** Kata Containers: one shim per pod (sandbox), and the pod's VM: hypervisor, guest kernel, agent. */
export const kataShimId = (sandboxId: string): string => `kata-shim:${sandboxId}`;
export const qemuId = (sandboxId: string): string => `qemu:${sandboxId}`;
export const guestKernelId = (sandboxId: string): string => `guest-kernel:${sandboxId}`;
export const kataAgentId = (sandboxId: string): string => `kata-agent:${sandboxId}`;

const LANE_OF_PREFIX: Record<string, Lane> = {
  kubectl: 'kubectl',
  operator: 'kubectl',
  apiServer: 'kube-apiserver',
  etcd: 'etcd',
  controllerManager: 'kube-controller-manager',
  scheduler: 'kube-scheduler',
  kubelet: 'kubelet',
  containerd: 'containerd',
  runc: 'runc',
  kernel: 'kernel',
  crio: 'cri-o',
  conmon: 'conmon',
  'kata-shim': 'containerd-shim-kata-v2',
  qemu: 'qemu',
  'guest-kernel': 'guest kernel',
  'kata-agent': 'kata-agent',
};

/**
 * Actors drawn on a lane that is not their own machine's: the operator (a person at a node's shell) on the
 * client lane. A lane's head shows its own machine's state, never a guest's.
 */
const GUESTS: ReadonlySet<string> = new Set([OPERATOR]);
export const isGuest = (systemId: string): boolean => GUESTS.has(systemId);

const laneCache = new Map<string, Lane | null>();

/** The lifeline a systemId belongs to, or null for actors that are not components (the root). */
export function laneOf(systemId: string): Lane | null {
  // Called for every delivery and snapshot; the answer for an id never changes, so remember it.
  let lane = laneCache.get(systemId);
  if (lane === undefined) {
    const colon = systemId.indexOf(':');
    lane = LANE_OF_PREFIX[colon < 0 ? systemId : systemId.slice(0, colon)] ?? null;
    laneCache.set(systemId, lane);
  }
  return lane;
}

/** The node a node-side actor runs on (`kubelet:worker-2/pod:…` → `worker-2`). */
export function nodeOf(systemId: string): string | null {
  const m = /^(?:kubelet|containerd|crio|conmon|kernel):([^/]+)/.exec(systemId);
  return m?.[1] ?? null;
}
