// The one union of events that cross between components. Names are `noun.verb`; every one carries the
// Note the trace records. Events a machine sends only to itself are listed here too, because the
// diagram draws them (the scheduler's cycle, the API server's admission chain).
import type { KubeObject } from '../scenario';
import type { Note } from './note';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface HttpRequest {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query: string;
  contentType: string | null;
  body: unknown;
  /** Who is asking, as the client certificate or token says. */
  user: { name: string; groups: string[] };
  /** systemId the response goes back to. */
  replyTo: string;
}

export interface HttpResponse {
  requestId: string;
  code: number;
  body: unknown;
}

export interface KeyValue {
  key: string;
  value: KubeObject;
  createRevision: number;
  modRevision: number;
}

export type SimEvent =
  // HTTP between clients (kubectl, scheduler, kubelet) and the API server
  | { type: 'http.request'; note: Note; request: HttpRequest }
  | { type: 'http.response'; note: Note; response: HttpResponse }
  // The API server's handler chain, one self-message per stage
  | { type: 'apiserver.stage'; note: Note; requestId: string; stage: ApiServerStage }
  // Informers: LIST + WATCH registration, then events fanned out by the watch cache
  | {
      type: 'watch.register';
      note: Note;
      watchId: string;
      resource:
        | 'pods'
        | 'nodes'
        | 'deployments'
        | 'replicasets'
        | 'statefulsets'
        | 'services'
        | 'poddisruptionbudgets';
      fieldSelector: string | null;
      replyTo: string;
    }
  | { type: 'watch.listed'; note: Note; watchId: string; items: KubeObject[]; resourceVersion: string }
  | { type: 'watch.event'; note: Note; watchId: string; eventType: WatchEventType; object: KubeObject }
  // etcd
  | { type: 'etcd.range'; note: Note; opId: string; key: string; prefix: boolean; replyTo: string }
  | { type: 'etcd.txn'; note: Note; opId: string; op: EtcdOp; replyTo: string }
  | {
      type: 'etcd.result';
      note: Note;
      opId: string;
      succeeded: boolean;
      revision: number;
      kv: KeyValue | null;
      /** For prefix ranges: every key under the prefix. */
      kvs: KeyValue[];
      deleted: boolean;
    }
  | { type: 'etcd.watch'; note: Note; prefix: string; replyTo: string }
  | {
      type: 'etcd.watchEvent';
      note: Note;
      eventType: 'PUT' | 'DELETE';
      key: string;
      kv: KeyValue | null;
      created: boolean;
    }
  // The scheduler's cycle, as self-messages
  | { type: 'scheduler.step'; note: Note; step: SchedulerStep; podKey: string }
  // kube-controller-manager's workqueue handing a key to a controller's sync handler (a self-message)
  | {
      type: 'controller.sync';
      note: Note;
      controller: 'deployment' | 'replicaset' | 'statefulset' | 'disruption';
      key: string;
      /** Added after a delay (workqueue AddAfter): dropped when the key is already queued. */
      after?: true;
    }
  // kubelet internals and CRI (kubelet ↔ containerd)
  | { type: 'kubelet.syncLoop'; note: Note; op: 'ADD' | 'DELETE'; pod: KubeObject }
  | { type: 'cri.request'; note: Note; callId: string; call: CriCall; replyTo: string }
  | { type: 'cri.response'; note: Note; callId: string; ok: boolean; result: Record<string, unknown> }
  // OCI runtime (containerd's shim ↔ runc)
  | {
      type: 'oci.command';
      note: Note;
      command: OciCommand;
      signal?: number;
      /** The container, when the receiver serves more than one (a Kata shim serves its whole pod). */
      containerId?: string;
      /** For checkpoint: where CRIU writes the images (`runc checkpoint --image-path`). */
      imagePath?: string;
      /** For a Kata shim's Create: the container's bundle (name, namespaces, process); see KataBundle. */
      bundle?: unknown;
      /** Who ran the command when it is not the container's shim (a person at the node): runc answers errors there. */
      replyTo?: string;
    }
  // runc's answer to a person at the node: the error it prints (runc exits 1)
  | { type: 'oci.error'; note: Note; containerId: string; error: string }
  | {
      type: 'oci.state';
      note: Note;
      containerId: string;
      status: 'created' | 'running' | 'paused' | 'stopped' | 'deleted';
      exitCode?: number;
      /** The process's namespaces (as /proc/<pid>/ns/* inode numbers), reported once created. */
      namespaces?: Partial<Record<NamespaceType, number>>;
    }
  // Kernel: namespaces, cgroups, the CNI's plumbing
  | { type: 'kernel.call'; note: Note; callId: string; call: KernelCall; replyTo: string }
  | { type: 'kernel.result'; note: Note; callId: string; result: Record<string, unknown> }
  // A container's process ended by itself or by the OOM killer (kernel → runc, which waits on it)
  | { type: 'process.exit'; note: Note; containerId: string; exitCode: number; oom: boolean }
  // The shim's TaskExit event (runc/shim → containerd)
  | { type: 'task.exit'; note: Note; containerId: string; exitCode: number; oom: boolean }
  // containerd's container event for a task that exited; the pod's worker acts on it at its next PLEG relist
  | { type: 'pleg.event'; note: Note; kind: 'ContainerDied'; containerId: string }
  // One run of a container's prober worker (the kubelet's own timer): httpGet, tcpSocket or exec
  | {
      type: 'probe.tick';
      note: Note;
      probe: 'liveness' | 'readiness' | 'startup';
      container: string;
      containerId: string;
    }
  // A lifecycle hook the kubelet runs itself (httpGet, sleep) has finished, or its time is up
  | { type: 'lifecycle.hook'; note: Note; container: string; ok: boolean }
  // Kata Containers: ttRPC calls of the shim to the agent, the shim's hypervisor control, and what the
  // agent asks of the guest kernel; each answered by a vm.result to replyTo
  | {
      type: 'vm.call';
      note: Note;
      op: VmOp;
      containerId?: string;
      data?: Record<string, unknown>;
      replyTo: string;
    }
  | {
      type: 'vm.result';
      note: Note;
      op: VmOp;
      containerId?: string;
      ok: boolean;
      data?: Record<string, unknown>;
    }
  // CRI-O starting conmon for a container (conmon then runs `runc create` and watches the process)
  | { type: 'conmon.spawn'; note: Note; containerId: string; name: string };

/**
 * Kata Containers steps, as the architecture document and the agent's protocol name them: the shim
 * launches the hypervisor, which boots the guest kernel, which starts kata-agent; then the agent API
 * (CreateSandbox, CreateContainer, StartContainer, WaitProcess, SignalProcess, RemoveContainer,
 * DestroySandbox, UpdateInterface, UpdateRoutes); the guest kernel's clone/exec/kill for the agent.
 * upstream: kata-containers docs/design/architecture/README.md; src/libs/protocols/protos/agent.proto
 */
export type VmOp =
  | 'launch'
  | 'boot'
  | 'startAgent'
  | 'CreateSandbox'
  | 'UpdateInterface'
  | 'UpdateRoutes'
  | 'CreateContainer'
  | 'StartContainer'
  | 'WaitProcess'
  | 'SignalProcess'
  | 'RemoveContainer'
  | 'DestroySandbox'
  | 'quit'
  | 'unshare'
  | 'netlink'
  | 'clone'
  | 'exec'
  | 'signal';

/** runc's commands: the shim's (create, start, kill, delete) and a person's at the node (pause, resume, kill). */
export type OciCommand = 'create' | 'start' | 'kill' | 'delete' | 'pause' | 'resume' | 'checkpoint';

export type ApiServerStage = 'authn' | 'impersonate' | 'authz' | 'admission' | 'validation';
export type SchedulerStep =
  | 'flush'
  | 'enqueue'
  | 'preFilter'
  | 'filter'
  | 'score'
  | 'select'
  // A cluster event moved an unschedulable pod (QueueingHint Queue), and a backoff that ran out.
  | 'requeue'
  | 'backoff';

export type EtcdOp =
  | { kind: 'create'; key: string; value: KubeObject }
  | { kind: 'update'; key: string; value: KubeObject; expectModRevision: number }
  | { kind: 'delete'; key: string; expectModRevision: number };

export type CriCall =
  /** runtimeHandler: the RuntimeClass's handler (CRI RunPodSandboxRequest.runtime_handler), '' for the default. */
  | { method: 'RunPodSandbox'; pod: KubeObject; cgroupParent: string; runtimeHandler?: string }
  | { method: 'PodSandboxStatus'; sandboxId: string }
  | { method: 'ImageStatus'; image: string }
  | { method: 'PullImage'; image: string }
  | { method: 'CreateContainer'; sandboxId: string; pod: KubeObject; container: string; image: string }
  | { method: 'StartContainer'; containerId: string }
  | { method: 'ContainerStatus'; containerId: string }
  | { method: 'StopContainer'; containerId: string; timeout: number }
  /** A command run in a running container (a preStop exec hook); timeout 0 runs until it ends. */
  | { method: 'ExecSync'; containerId: string; cmd: string[]; timeout: number }
  | { method: 'StopPodSandbox'; sandboxId: string }
  | { method: 'RemoveContainer'; containerId: string }
  | { method: 'RemovePodSandbox'; sandboxId: string }
  /** The kubelet's checkpoint API: CRIU dumps the container, left running, into a tar at `location`. */
  | { method: 'CheckpointContainer'; containerId: string; location: string };

export type NamespaceType = 'mnt' | 'uts' | 'ipc' | 'net' | 'pid' | 'user' | 'cgroup';

export type KernelCall =
  | { op: 'cgroup.create'; path: string }
  | { op: 'cgroup.delete'; path: string }
  /** cgroup v2 freezer: write 1 (freeze) or 0 (thaw) to the container's cgroup.freeze. */
  | { op: 'cgroup.freeze'; containerId: string; path: string; frozen: boolean }
  | { op: 'netns.create'; sandboxId: string }
  | { op: 'netns.delete'; sandboxId: string }
  | { op: 'cni.add'; sandboxId: string; podKey: string; podUid: string }
  | { op: 'cni.del'; sandboxId: string }
  /** CRIU dumping a container's processes (runc checkpoint); leaveRunning keeps them running after. */
  | { op: 'criu.dump'; containerId: string; imagePath: string; leaveRunning: boolean }
  /** Kata: a tap device for the VM in the pod's netns, with tc mirroring between eth0 and the tap. */
  | { op: 'tap.create'; sandboxId: string }
  | {
      op: 'process.spawn';
      containerId: string;
      /** New namespaces to unshare, and namespaces to join (from the pause container). */
      unshare: NamespaceType[];
      join: Partial<Record<NamespaceType, number>>;
      cgroup: string;
      /** With a new user namespace: its uid and gid mappings (OCI linux.uidMappings / gidMappings). */
      idMappings?: {
        uidMappings: { containerID: number; hostID: number; size: number }[];
        gidMappings: { containerID: number; hostID: number; size: number }[];
      };
    }
  | { op: 'process.signal'; containerId: string; signal: number }
  | {
      op: 'process.exec';
      containerId: string;
      /** What the program does by itself (null: runs until signalled). */
      exit: { afterMs: number; code: number; oom: boolean } | null;
      /** PID 1 without a handler for the stop signal ignores it. */
      ignoresStopSignal: boolean;
      summary: string;
    };

/** Input from the person at the keyboard (or the scenario's timeline); not a message between components.
 * A command the user runs; `manifests` were read from `file` (what `-f` must name), pod.yaml by default. */
export type UserEvent = { type: 'user.command'; args: string[]; manifests: KubeObject[]; file?: string };

/** The host asks the operator (a person at a node's shell) to run runc against a container, or to call
 * the kubelet's checkpoint API (curl to port 10250 with the API server's kubelet-client certificate). */
export type OperatorEvent =
  | {
      type: 'user.runc';
      node: string;
      containerId: string;
      op: OciCommand;
      signal?: number;
    }
  | { type: 'user.checkpoint'; node: string; address: string; pod: string; container: string };
