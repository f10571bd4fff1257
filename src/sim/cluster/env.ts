// What every machine may ask of its host: the virtual time. Passed in through input, never read from
// a global, so a run in a Worker, in Node and in a test behaves the same.
export interface SimEnv {
  now(): number;
  /**
   * Whether a container's process sits in a frozen cgroup (`runc pause`), as that node's kernel knows it.
   * Probes and stop signals reach the process through the kernel, so their outcome depends on it; the
   * kubelet and containerd are not told. Absent in hosts that never pause anything.
   */
  isFrozen?(node: string, containerId: string): boolean;
  /**
   * The handler of a RuntimeClass, as the kubelet's RuntimeClass manager finds it in its informer cache
   * ('' when the pod names none or the class has no handler). upstream: pkg/kubelet/runtimeclass/
   * runtimeclass_manager.go LookupRuntimeHandler
   */
  runtimeHandler?(runtimeClassName: string | undefined): string;
  /** The systemId of the node's CRI runtime (containerd's unless the node runs CRI-O). */
  criEndpoint?(node: string): string;
  /**
   * The host reads only each actor's newest snapshot (a run does; a model test exploring a machine's
   * graph branches from old ones), so big caches in a context may be updated in place instead of copied
   * per event, which made big runs quadratic.
   */
  inPlace?: boolean;
  /**
   * Where the run stops. A controller's delayed re-check that would fire after it can change nothing the
   * run shows, so it is not scheduled (it would only hold the run open to its horizon).
   */
  horizonMs?: number;
}
