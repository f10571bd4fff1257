// The CRI NamespaceOption the kubelet sends with RunPodSandbox and CreateContainer, from the pod spec,
// and what containerd makes of it: which namespaces the pause container creates, and which each app
// container creates or joins.
// upstream: kubernetes pkg/kubelet/kuberuntime/util/util.go NamespacesForPod, PidNamespaceForPod,
// IpcNamespaceForPod, NetworkNamespaceForPod; pkg/kubelet/userns/userns_manager.go (userNsLength 65536);
// containerd internal/cri/server/podsandbox/sandbox_run_linux.go sandboxContainerSpec;
// internal/cri/opts/spec_opts.go WithPodNamespaces
import type { NamespaceType } from '../cluster/events';
import type { Pod } from '../k8s/pod';
import { Random, seedFor } from '../time/random';

/** cri-api runtime.v1 NamespaceMode. */
export type NamespaceMode = 'POD' | 'CONTAINER' | 'NODE';

/** One uid or gid mapping of a user namespace, as the OCI spec's linux.uidMappings writes it. */
export interface IdMapping {
  containerID: number;
  hostID: number;
  size: number;
}

export interface IdMappings {
  uidMappings: IdMapping[];
  gidMappings: IdMapping[];
}

export interface NamespaceOption {
  network: NamespaceMode;
  pid: NamespaceMode;
  ipc: NamespaceMode;
  /** UsernsOptions: null with the node's user namespace (hostUsers unset or true); POD with mappings. */
  userns: IdMappings | null;
}

/** upstream: pkg/kubelet/userns/userns_manager.go userNsLength — each pod gets 65536 IDs. */
export const USERNS_LENGTH = 65536;

/**
 * The pod's host ID range. The kubelet's allocator picks a free block of 65536 IDs above the first
 * 65536 (kubelet_getters.go getKubeletMappings default: defaultFirstID = 1 << 16) with a random scan;
 * here the pick is seeded by the pod's uid, so a run is repeatable.
 */
function podMappings(uid: string): IdMappings {
  const block = 1 + new Random(seedFor(0, `userns:${uid}`)).int(USERNS_LENGTH - 2);
  const map = [{ containerID: 0, hostID: block * USERNS_LENGTH, size: USERNS_LENGTH }];
  return { uidMappings: map, gidMappings: map.map((m) => ({ ...m })) };
}

/** upstream: pkg/kubelet/kuberuntime/util/util.go NamespacesForPod */
export function namespacesForPod(pod: Pod): NamespaceOption {
  const spec = pod.spec;
  const pid: NamespaceMode = spec?.hostPID
    ? 'NODE'
    : spec?.shareProcessNamespace
      ? 'POD'
      : // "Note that PID does not default to the zero value for v1.Pod" (PidNamespaceForPod)
        'CONTAINER';
  return {
    network: spec?.hostNetwork ? 'NODE' : 'POD',
    pid,
    ipc: spec?.hostIPC ? 'NODE' : 'POD',
    userns: spec?.hostUsers === false ? podMappings(String(pod.metadata?.uid ?? '')) : null,
  };
}

/**
 * The pause container's namespaces: new pid, ipc, uts and mount, the pinned netns; NODE mode removes
 * the net (and with it uts), pid or ipc entry, so the process keeps the node's. A POD user namespace is
 * created with the pod's mappings. upstream: sandbox_run_linux.go sandboxContainerSpec (WithoutNamespace)
 */
export function pauseNamespaces(o: NamespaceOption): NamespaceType[] {
  const unshare: NamespaceType[] = [];
  if (o.pid !== 'NODE') unshare.push('pid');
  if (o.ipc !== 'NODE') unshare.push('ipc');
  if (o.network !== 'NODE') unshare.push('uts');
  unshare.push('mnt');
  if (o.userns) unshare.push('user');
  return unshare;
}

/**
 * An app container: net, ipc and uts are the pause container's (/proc/<pausePID>/ns/*, the node's in
 * NODE mode); pid is its own in CONTAINER mode, else the pause container's (the node's for hostPID);
 * user is the pause container's in POD mode; mount and cgroup are always new (cgroup v2, unprivileged).
 * upstream: spec_opts.go WithPodNamespaces; container_create_linux.go (cgroup namespace)
 */
export function containerNamespaces(
  o: NamespaceOption,
  pause: Partial<Record<NamespaceType, number>>,
): { unshare: NamespaceType[]; join: Partial<Record<NamespaceType, number>> } {
  const from: NamespaceType[] = ['net', 'ipc', 'uts'];
  const unshare: NamespaceType[] = ['mnt'];
  if (o.pid === 'CONTAINER') unshare.push('pid');
  else from.push('pid');
  unshare.push('cgroup');
  if (o.userns) from.push('user');
  const join: Partial<Record<NamespaceType, number>> = {};
  for (const ns of from) if (pause[ns] !== undefined) join[ns] = pause[ns];
  return { unshare, join };
}
