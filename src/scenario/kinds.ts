// Sorting documents by kind: Nodes and bound Pods are the cluster, unbound Pods are what kubectl
// applies, Lists (as `kubectl get … -o yaml` prints them) are unwrapped, and a Podwalk Scenario
// document carries the timeline. Anything else is refused with a sentence saying why.
import type { KubeObject } from '../sim/scenario';
import { WORKLOAD_KINDS } from '../sim/k8s/workloads';
import { isPlainMap, type Plain, type PlainDoc, type PlainMap } from './plain';
import { checkShape, describe, failAt, type Shape, type Site } from './shape';
import type { Placed } from './admitted';

export const SCENARIO_API_VERSION = 'podwalk.dev/v1alpha1';
export const MAX_PODS = 500;
/**
 * The most replicas one workload may ask for. Each replica is ~150 messages on a small cluster (more with
 * many nodes: the scheduler's Filter and Score steps are one message per node). Measured (`npm run bench`,
 * part 6, on a busy 2-core machine): 100 replicas on 10 nodes ≈ 14,500 messages in 2–3 s, 200 on 20 nodes
 * ≈ 33,000 in 6–10 s, 1,000 on 100 nodes over 200,000 messages and minutes. The page stops a run after
 * 15 s, so above this a workload is refused with a sentence rather than left to time out.
 */
export const MAX_REPLICAS = 200;

const METADATA: Shape = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  uid: 'string',
  labels: 'stringMap',
  annotations: 'stringMap',
};
/** Probe fields the kubelet reads; ports may be numbers or names, so the actions are plain mappings. */
const PROBE: Shape = {
  httpGet: 'map',
  tcpSocket: 'map',
  exec: { fields: { command: 'stringList' } },
  initialDelaySeconds: 'int',
  periodSeconds: 'int',
  timeoutSeconds: 'int',
  successThreshold: 'int',
  failureThreshold: 'int',
  terminationGracePeriodSeconds: 'int',
};
const CONTAINER: Shape = {
  name: 'string',
  image: 'string',
  command: 'stringList',
  args: 'stringList',
  restartPolicy: 'string',
  ports: {
    listOf: { fields: { containerPort: 'int', hostPort: 'int', protocol: 'string', hostIP: 'string' } },
  },
  resources: { fields: { requests: 'quantityMap', limits: 'quantityMap' } },
  livenessProbe: { fields: PROBE },
  readinessProbe: { fields: PROBE },
};
const TOLERATION: Shape = {
  key: 'string',
  operator: 'string',
  value: 'string',
  effect: 'string',
  tolerationSeconds: 'int',
};
const POD: Shape = {
  metadata: { fields: METADATA },
  spec: {
    fields: {
      containers: { listOf: { fields: CONTAINER } },
      initContainers: { listOf: { fields: CONTAINER } },
      nodeSelector: 'stringMap',
      tolerations: { listOf: { fields: TOLERATION } },
      affinity: 'map',
      nodeName: 'string',
      priority: 'int',
      priorityClassName: 'string',
      schedulerName: 'string',
      overhead: 'quantityMap',
      hostNetwork: 'bool',
      hostPID: 'bool',
      hostIPC: 'bool',
      hostUsers: 'bool',
      shareProcessNamespace: 'bool',
    },
  },
  status: { fields: { phase: 'string' } },
};
const NODE: Shape = {
  metadata: { fields: METADATA },
  spec: {
    fields: {
      unschedulable: 'bool',
      podCIDR: 'string',
      taints: { listOf: { fields: { key: 'string', value: 'string', effect: 'string' } } },
    },
  },
  status: {
    fields: {
      capacity: 'quantityMap',
      allocatable: 'quantityMap',
      images: { listOf: { fields: { names: 'stringList', sizeBytes: 'int' } } },
      conditions: { listOf: { fields: { type: 'string', status: 'string' } } },
    },
  },
};

/** Workloads kube-controller-manager turns into Pods; kubectl applies them like a Pod. */
const WORKLOADS: ReadonlySet<string> = new Set(WORKLOAD_KINDS);
/** Kinds whose Pods come from a controller Podwalk does not simulate yet. */
const CONTROLLED = ['DaemonSet', 'Job', 'CronJob', 'ReplicationController'];
/** Cluster objects that shape what the API server admits; they join the cluster as written. */
export const CLUSTER_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ResourceQuota',
  'LimitRange',
  'PriorityClass',
  'RuntimeClass',
  // Read by kube-scheduler only: Services select the pods PodTopologySpread's system defaults spread,
  // PodDisruptionBudgets (with their status, as `kubectl get pdb -o yaml` prints it) guard preemption.
  'Service',
  'PodDisruptionBudget',
]);
const LIST_ITEM_KIND: Record<string, string | undefined> = {
  List: undefined,
  PodList: 'Pod',
  NodeList: 'Node',
};
const SUPPORTED =
  'Podwalk reads Pods, Deployments, ReplicaSets, StatefulSets, Nodes, Namespaces, RBAC objects (Role, ClusterRole, RoleBinding, ClusterRoleBinding), ' +
  'ResourceQuotas, LimitRanges, PriorityClasses, RuntimeClasses, Services, PodDisruptionBudgets, lists of them (List, PodList, NodeList) and one Podwalk Scenario ' +
  `(apiVersion: ${SCENARIO_API_VERSION}, kind: Scenario).`;

export interface Sorted {
  cluster: KubeObject[];
  manifests: KubeObject[];
  /** The Scenario document's object and where it is, if the text has one. */
  scenario: { site: Site; obj: PlainMap } | null;
  pods: number;
  /** Every object with where it is written, for checks across objects (admitted.ts). */
  placed: Placed[];
  maxPods: number;
}

/**
 * `maxPods`: the page simulates up to MAX_PODS; `podwalk schedule` (no cluster run, only scheduling
 * cycles) takes more.
 */
export function sortDocuments(docs: readonly PlainDoc[], maxPods = MAX_PODS): Sorted {
  const sorted: Sorted = { cluster: [], manifests: [], scenario: null, pods: 0, placed: [], maxPods };
  for (const doc of docs) {
    if (doc.value === null) continue; // an empty document, such as a trailing `---`
    const site: Site = { doc, base: [], label: `Document ${doc.index}` };
    if (!isPlainMap(doc.value)) {
      failAt(
        site,
        [],
        `is ${describe(doc.value)}, not a mapping; a Kubernetes object starts with "apiVersion:" and "kind:".`,
      );
    }
    readTopLevel(sorted, site, doc.value);
  }
  return sorted;
}

function readTopLevel(sorted: Sorted, site: Site, obj: PlainMap): void {
  const kind = readKind(site, obj, undefined);
  if (Object.hasOwn(LIST_ITEM_KIND, kind)) return readList(sorted, site, obj, LIST_ITEM_KIND[kind]);
  if (kind !== 'Scenario') return readObject(sorted, site, obj, kind);
  if (obj.apiVersion !== SCENARIO_API_VERSION) {
    failAt(site, ['apiVersion'], `a Podwalk Scenario has "apiVersion: ${SCENARIO_API_VERSION}".`);
  }
  if (sorted.scenario) {
    failAt(
      site,
      ['kind'],
      `is a second Scenario; the first is document ${sorted.scenario.site.doc.index}. Keep one.`,
    );
  }
  sorted.scenario = { site, obj };
}

function readKind(site: Site, obj: PlainMap, fallback: string | undefined): string {
  if (obj.kind === undefined && fallback) obj.kind = fallback;
  const kind = obj.kind;
  if (kind === undefined || kind === null) failAt(site, [], 'kind is missing; write one, e.g. "kind: Pod".');
  if (typeof kind !== 'string') failAt(site, ['kind'], `kind must be a string, not ${describe(kind)}.`);
  if (obj.apiVersion === undefined && fallback) obj.apiVersion = 'v1';
  const apiVersion = obj.apiVersion;
  if (apiVersion === undefined || apiVersion === null) {
    const example = kind === 'Scenario' ? SCENARIO_API_VERSION : 'v1';
    failAt(site, [], `apiVersion is missing; a ${kind} has "apiVersion: ${example}".`);
  }
  if (typeof apiVersion !== 'string')
    failAt(site, ['apiVersion'], `apiVersion must be a string, not ${describe(apiVersion)}.`);
  return kind;
}

function readList(sorted: Sorted, site: Site, list: PlainMap, itemKind: string | undefined): void {
  const items: Plain | undefined = list.items;
  if (items === undefined || items === null) return;
  if (!Array.isArray(items)) failAt(site, ['items'], `items must be a list, not ${describe(items)}.`);
  items.forEach((item, i) => {
    const itemSite: Site = {
      doc: site.doc,
      base: [...site.base, 'items', i],
      label: `${site.label}, items[${i}]`,
    };
    if (!isPlainMap(item)) failAt(itemSite, [], `is ${describe(item)}, not a mapping.`);
    const kind = readKind(itemSite, item, itemKind);
    if (Object.hasOwn(LIST_ITEM_KIND, kind) || kind === 'Scenario')
      failAt(itemSite, ['kind'], `a ${kind} cannot sit inside a list.`);
    readObject(sorted, itemSite, item, kind);
  });
}

function readObject(sorted: Sorted, site: Site, obj: PlainMap, kind: string): void {
  if (kind !== 'Pod' && kind !== 'Node' && !CLUSTER_KINDS.has(kind) && !WORKLOADS.has(kind))
    refuseKind(site, kind);
  if (WORKLOADS.has(kind)) checkReplicas(site, obj, kind);
  if (kind === 'Pod' && ++sorted.pods > sorted.maxPods) {
    failAt(
      site,
      [],
      sorted.maxPods === MAX_PODS
        ? `this text has more than ${MAX_PODS} Pods; Podwalk simulates up to ${MAX_PODS} at once.`
        : `this text has more than ${sorted.maxPods} Pods; podwalk schedule takes up to ${sorted.maxPods}.`,
    );
  }
  const metadata = obj.metadata;
  if (metadata === undefined || metadata === null)
    failAt(site, [], 'metadata.name is missing; every object needs a name.');
  if (!isPlainMap(metadata))
    failAt(site, ['metadata'], `metadata must be a mapping, not ${describe(metadata)}.`);
  const name = metadata.name;
  if (name === undefined || name === null)
    failAt(site, ['metadata'], 'metadata.name is missing; every object needs a name.');
  if (typeof name !== 'string')
    failAt(site, ['metadata', 'name'], `metadata.name must be a string, not ${describe(name)}.`);
  const named: Site = { ...site, label: `${site.label} (${kind} ${name})` };
  if (kind === 'Pod' || kind === 'Node') checkShape(named, obj, kind === 'Pod' ? POD : NODE);
  const object = obj as unknown as KubeObject;
  sorted.placed.push({ site: named, object });
  if ((kind === 'Pod' && !isBound(obj)) || WORKLOADS.has(kind)) sorted.manifests.push(object);
  else sorted.cluster.push(object);
}

function isBound(pod: PlainMap): boolean {
  const spec = pod.spec;
  return isPlainMap(spec) && typeof spec.nodeName === 'string' && spec.nodeName !== '';
}

function checkReplicas(site: Site, obj: PlainMap, kind: string): void {
  const spec = obj.spec;
  const replicas = isPlainMap(spec) ? spec.replicas : undefined;
  if (replicas === undefined || replicas === null) return;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas))
    failAt(site, ['spec', 'replicas'], `spec.replicas must be a whole number, not ${describe(replicas)}.`);
  if (replicas > MAX_REPLICAS)
    failAt(
      site,
      ['spec', 'replicas'],
      `spec.replicas is ${replicas}; Podwalk simulates a ${kind} of up to ${MAX_REPLICAS} replicas, ` +
        `so that the walk stays quick in the browser. Lower spec.replicas to ${MAX_REPLICAS} or fewer.`,
    );
}

function refuseKind(site: Site, kind: string): never {
  if (CONTROLLED.includes(kind)) {
    failAt(
      site,
      ['kind'],
      `is a ${kind}. ${kind}s make their Pods through a controller Podwalk does not simulate yet ` +
        '(it runs the Deployment, ReplicaSet and StatefulSet controllers). Write a Pod instead: "kind: Pod", ' +
        `with the ${kind}'s pod template as its metadata and spec.`,
    );
  }
  failAt(site, ['kind'], `is a ${kind}, which Podwalk does not simulate. ${SUPPORTED}`);
}
