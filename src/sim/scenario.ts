// What one run simulates: the cluster as it is before the run, the manifests kubectl applies, a timeline
// of actions, options and a seed. Parsed from YAML by src/scenario; consumed by src/sim/cluster.

/** Any Kubernetes object; the sim narrows by `kind` where it cares (Node, Pod, …). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** When an action fires: at a virtual time, or when a pod first reaches phase Running. */
export type ActionTrigger = { atMs: number } | { whenPodRunning: string };

/** A user's kubectl command. */
export interface KubectlAction {
  kind: 'kubectl';
  trigger: ActionTrigger;
  /** kubectl's arguments, without the leading `kubectl`, e.g. `['apply', '-f', 'pod.yaml']`. */
  args: string[];
}
/** What a person at the node does to a container's process with runc (not through the kubelet). */
export type ContainerOp = 'kill' | 'pause' | 'resume';

/** `runc kill|pause|resume` on the node, against the container's current ID (read from the pod's status). */
export interface ContainerAction {
  kind: 'container';
  trigger: ActionTrigger;
  op: ContainerOp;
  /** `<namespace>/<name>` of the pod. */
  pod: string;
  container: string;
  /** For kill: the signal, KILL (exit 137) or TERM (exit 143, or what the program answers). */
  signal?: 'KILL' | 'TERM';
}

/** A new worker joins: its kubelet registers the Node (POST /api/v1/nodes) and list-watches its pods. */
export interface AddNodeAction {
  kind: 'addNode';
  trigger: ActionTrigger;
  node: KubeObject;
}

/** The kubelet's checkpoint API for a container (POST /checkpoint/{namespace}/{pod}/{container}). */
export interface CheckpointAction {
  kind: 'checkpoint';
  trigger: ActionTrigger;
  /** `<namespace>/<name>` of the pod. */
  pod: string;
  container: string;
}

export type Action = KubectlAction | ContainerAction | AddNodeAction | CheckpointAction;

export interface ScenarioOptions {
  /** The run stops at this virtual time even if something is still going on (crash loops, Pending pods). */
  horizonMs: number;
  /** spec.containerRuntime: the Nodes were set to report this runtime (cri-o:// or containerd://). */
  containerRuntime?: 'containerd' | 'cri-o';
}

export interface Scenario {
  name: string;
  /** Objects that exist before the run: Nodes, Pods already bound to nodes, namespaces, … */
  cluster: KubeObject[];
  /** The file kubectl applies (`pod.yaml`): the objects the run creates. */
  manifests: KubeObject[];
  /** The name of the file the manifests are in (what `kubectl apply -f` must name); MANIFEST_FILE if unset. */
  manifestFile?: string;
  /**
   * More files kubectl can read, by name (the Scenario document's `spec.files`): a second `apply -f` of a
   * changed Deployment, for a rollout. Absent when the scenario has only its manifest file.
   */
  files?: Record<string, KubeObject[]>;
  actions: Action[];
  options: ScenarioOptions;
  seed: number;
}

export type ScenarioSummary = Scenario;

export const DEFAULT_OPTIONS: ScenarioOptions = { horizonMs: 10 * 60 * 1000 };
export const DEFAULT_SEED = 1;
export const MANIFEST_FILE = 'pod.yaml';
