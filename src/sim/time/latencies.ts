// Every virtual delay in one table. Figures the reference cannot pin down (lifecycle.md §8 marks them
// UNCONFIRMED) are round numbers of the right order; change them here and nowhere else.

export const LATENCY = {
  /** A message crossing the network or a local socket (request or response). */
  network: 1,
  /** kube-apiserver handling one step of a request (authn+authz, admission, validation). */
  apiServerHandling: 2,
  /** etcd applying a transaction (raft commit + fsync). */
  etcdWrite: 3,
  /** etcd answering a read. */
  etcdRead: 1,
  /** From the etcd commit to a client's informer receiving the watch event. */
  watchDelivery: 5,
  /** One scheduling plugin on one node. */
  schedulingPlugin: 0.1,
  /** containerd's RunPodSandbox: sandbox record, pause container, /etc/hosts etc. */
  sandbox: 300,
  /** The CNI plugin's ADD (bridge, veth, host-local IPAM). */
  cniAdd: 50,
  /** Image pull bandwidth, bytes per virtual millisecond (50 MB/s). */
  imagePullBytesPerMs: 50_000,
  /** runc create + start of one container. */
  containerStart: 200,
  /** Components start their informers this long after boot, once the API server's cache is warm. */
  componentStart: 10,
  /** A local call that does little work (ImageStatus, ContainerStatus, a namespace syscall). */
  localCall: 1,
  /** Period of the kubelet's PLEG relist, which notices started and exited containers. */
  plegRelist: 1000,
  /** How long nginx takes to exit after its stop signal. */
  processExit: 100,
  /** A controller's workqueue handing a queued key to its worker (kube-controller-manager). */
  controllerSync: 1,
  /** The kubelet's container garbage collection period (ContainerGCPeriod). */
  containerGc: 60_000,
  /** Kata: the hypervisor process starting (QEMU with its devices) before the guest kernel runs. */
  hypervisorStart: 50,
  /** Kata: the guest kernel booting until systemd starts kata-agent (a few hundred ms on KVM). */
  vmBoot: 400,
  /** CRIU dumping a small container's memory and files (runc checkpoint --leave-running). */
  criuDump: 150,
} as const;

export type LatencyName = keyof typeof LATENCY;

/** Virtual time to pull an image of `bytes`, at the table's bandwidth. */
export function pullDurationMs(bytes: number): number {
  return Math.round(bytes / LATENCY.imagePullBytesPerMs);
}
