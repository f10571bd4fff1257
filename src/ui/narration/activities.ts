// Plain-words narration for each activity, numbered as in Shaji Nair's article "From Command to
// Servicing, the complex process behind a Kubernetes pod creation", with where the article and a real
// cluster differ. Activities 1–4 and 12–15 are then fitted to the run (runTexts.ts): the kind kubectl sent,
// the node's runtime, what the kubelet reports, and who deleted the pod.
import type { NarrationContext } from './context';
import {
  admissionText,
  answerText,
  deleteText,
  networkText,
  nodeSyncText,
  persistText,
  reconcileText,
  requestText,
  statusText,
} from './runTexts';

export interface ActivityText {
  title: string;
  text: string;
  /** Where the article simplifies or differs from what a real cluster does. */
  differs?: string;
  link: { href: string; label: string };
}

const DOCS = 'https://kubernetes.io/docs';

export const SETUP_TEXT: ActivityText = {
  title: 'Setup: informers list and watch',
  text: 'Before any command runs, the API server fills its watch cache from etcd, and the scheduler and every kubelet LIST the objects they care about and open a WATCH. From now on they learn of changes only through these watches: nobody pushes work to them.',
  differs:
    'Popular diagrams draw the API server pushing the pod to the scheduler and the kubelet. In a real cluster they pull: each registered a watch, and the API server streams events to it.',
  link: {
    href: `${DOCS}/reference/using-api/api-concepts/#efficient-detection-of-changes`,
    label: 'API concepts: watches',
  },
};

/** kube-controller-manager between the apply and the pods; not an activity of the article. */
export const RECONCILE_TEXT: ActivityText = {
  title: 'Reconcile: controllers make the pods',
  text: 'kube-controller-manager runs only when the scenario has a workload or a PodDisruptionBudget: at start-up it LISTs and WATCHes deployments, replicasets, statefulsets and pods (and poddisruptionbudgets, whose status its disruption controller computes and writes). The deployment controller sees the new Deployment and creates a ReplicaSet named after its pod-template-hash; the ReplicaSet controller creates the pods from the template (generateName, an ownerReference to the ReplicaSet) in slow-start batches of 1, 2, 4, …, records SuccessfulCreate, and writes status. A StatefulSet’s controller instead creates <name>-0, -1, … one at a time, each once the previous pod is Running and Ready. Each pod then goes through scheduling and the kubelet as in activities 5 to 14.',
  differs:
    'The article starts from a Deployment but draws no controller-manager: the Deployment’s pods come from two controllers, through the API server, before the scheduler ever sees them.',
  link: { href: `${DOCS}/concepts/workloads/controllers/deployment/`, label: 'Deployments' },
};

export const ACTIVITIES: Record<number, ActivityText> = {
  1: {
    title: 'kubectl sends the request',
    text: 'kubectl apply first GETs the pod to see whether it exists (404: it does not), then POSTs it with the last-applied annotation. The API server authenticates the client certificate and asks the authorizers (Node, then RBAC) whether this user may create pods.',
    link: {
      href: `${DOCS}/reference/access-authn-authz/controlling-access/`,
      label: 'Controlling access to the API',
    },
  },
  2: {
    title: 'Admission and validation',
    text: 'The API server decodes the body, fills in defaults (restartPolicy, dnsPolicy, the pull policy, the 30 s grace period), runs the mutating admission plugins (ServiceAccount adds the token volume, Priority sets 0, DefaultTolerationSeconds adds two tolerations), validates the object, then runs the validating admission plugins.',
    link: {
      href: `${DOCS}/reference/access-authn-authz/admission-controllers/`,
      label: 'Admission controllers',
    },
  },
  3: {
    title: 'Persisted in etcd',
    text: 'The pod is written to /registry/pods/<namespace>/<name> in one transaction that succeeds only if the key is absent. etcd’s revision becomes the object’s resourceVersion.',
    link: {
      href: `${DOCS}/tasks/administer-cluster/configure-upgrade-etcd/`,
      label: 'Operating etcd for Kubernetes',
    },
  },
  4: {
    title: '201 Created',
    text: 'The API server answers 201 with the stored pod; kubectl prints “pod/<name> created”. Nothing is running yet: the pod is Pending and has no node.',
    link: { href: `${DOCS}/concepts/workloads/pods/pod-lifecycle/`, label: 'Pod lifecycle' },
  },
  5: {
    title: 'The scheduler sees the new pod',
    text: 'The API server’s watch cache fans the change out as a watch event: ADDED, to the scheduler’s informer, because the pod has no spec.nodeName.',
    differs:
      'The article says the scheduler watches Deployments; it watches Pods (and Nodes), and only schedules pods.',
    link: { href: `${DOCS}/concepts/scheduling-eviction/kube-scheduler/`, label: 'kube-scheduler' },
  },
  6: {
    title: 'The scheduling queue',
    text: 'The pod enters the active queue (ordered by priority, then arrival) and the scheduler pops it to start one scheduling cycle.',
    differs: 'The article has no step 6; Podwalk fills it with the queue.',
    link: {
      href: `${DOCS}/concepts/scheduling-eviction/scheduling-framework/`,
      label: 'Scheduling framework',
    },
  },
  7: {
    title: 'PreFilter',
    text: 'PreFilter plugins look at the pod once: its resource requests, node selector and affinity, ports, topology spread and pod affinity. Plugins with nothing to check say Skip.',
    link: {
      href: `${DOCS}/concepts/scheduling-eviction/scheduling-framework/#pre-filter`,
      label: 'PreFilter',
    },
  },
  8: {
    title: 'Filter, node by node',
    text: 'Each node runs the filter plugins in order (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, …) and stops at the first that fails, with the reason kubectl describe will later show.',
    link: { href: `${DOCS}/reference/scheduling/config/#scheduling-plugins`, label: 'Scheduling plugins' },
  },
  9: {
    title: 'Score the feasible nodes',
    text: 'Each feasible node gets a weighted score per plugin: TaintToleration, NodeAffinity, NodeResourcesFit (least allocated), PodTopologySpread (which spreads the pods of one Service, ReplicaSet or StatefulSet over nodes and zones even when they ask for nothing: the system defaults), BalancedAllocation, ImageLocality, … With a single feasible node there is no scoring at all.',
    link: {
      href: `${DOCS}/concepts/scheduling-eviction/resource-bin-packing/`,
      label: 'Resource bin packing',
    },
  },
  10: {
    title: 'Select and reserve',
    text: 'The highest total wins; ties are broken at random. The scheduler assumes the pod on that node in its cache so the next cycle counts it, before the binding has landed.',
    link: { href: `${DOCS}/concepts/scheduling-eviction/scheduling-framework/#reserve`, label: 'Reserve' },
  },
  11: {
    title: 'Bind',
    text: 'The scheduler POSTs a Binding; the API server sets spec.nodeName and PodScheduled=True in etcd. The scheduler records the Scheduled event.',
    link: { href: `${DOCS}/concepts/scheduling-eviction/scheduling-framework/#bind`, label: 'Bind' },
  },
  12: {
    title: 'The kubelet syncs the pod',
    text: 'The node’s kubelet watches pods with spec.nodeName=<its node>; the bound pod arrives as ADDED. It admits it, creates the pod’s cgroup, asks containerd over CRI for the sandbox, pulls the image, then creates and starts each container. containerd drives runc, which sets up namespaces and cgroups and starts the process.',
    link: { href: `${DOCS}/concepts/architecture/cri/`, label: 'Container Runtime Interface' },
  },
  13: {
    title: 'The pod’s network',
    text: 'containerd creates and pins a network namespace, then runs the CNI plugin (CNI ADD): a veth pair joins the pod’s eth0 to the node’s cni0 bridge, and host-local IPAM hands out an address from the node’s pod CIDR. The pause container then holds the pod’s namespaces, and every app container joins its net, ipc and uts namespaces.',
    link: {
      href: `${DOCS}/concepts/extend-kubernetes/compute-storage-net/network-plugins/`,
      label: 'Network plugins',
    },
  },
  14: {
    title: 'Running',
    text: 'The kubelet’s PLEG relist sees the container running; the status manager PATCHes the pod’s status: phase Running, pod IP, Ready and ContainersReady True.',
    link: { href: `${DOCS}/concepts/workloads/pods/pod-lifecycle/#pod-conditions`, label: 'Pod conditions' },
  },
  15: {
    title: 'Delete: graceful termination',
    text: 'kubectl delete sets deletionTimestamp (grace 30 s); the object stays. The kubelet sees it through its watch, sends SIGTERM, stops the sandbox (CNI DEL), reports the terminal phase, and only then DELETEs the object with grace 0 — that is when etcd removes the key.',
    differs:
      'The article has the API server delete the object before the kubelet stops the containers; a real cluster keeps it until the kubelet has finished.',
    link: {
      href: `${DOCS}/concepts/workloads/pods/pod-lifecycle/#pod-termination`,
      label: 'Termination of pods',
    },
  },
};

const FIT_TO_RUN: Record<number, (ctx: NarrationContext, base: ActivityText) => ActivityText> = {
  1: requestText,
  2: admissionText,
  3: persistText,
  4: answerText,
  12: nodeSyncText,
  13: networkText,
  14: statusText,
  15: deleteText,
};

/** The activity's narration; with the run's context, activities 1–4 and 15 say what this run did. */
export function activityText(n: number | null, phase?: string, ctx?: NarrationContext): ActivityText {
  if (n === null && phase === 'Reconcile') return ctx ? reconcileText(ctx, RECONCILE_TEXT) : RECONCILE_TEXT;
  const base = n === null ? SETUP_TEXT : (ACTIVITIES[n] ?? SETUP_TEXT);
  const fit = n === null ? undefined : FIT_TO_RUN[n];
  return fit && ctx ? fit(ctx, base) : base;
}
