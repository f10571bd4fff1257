// One plain sentence for the message at the playhead, keyed by what kind of message it is (an authn/authz
// check, an etcd transaction, a watch event, a CRI call by method, a runc command, a CNI call, a status
// PATCH, an Event POST, …). Pure: it reads only the message, so it works for every scenario and trace.
import type { TraceMessage } from '../../sim/trace/types';
import { runtimeSubStep } from './runtimeSubsteps';
import { KINDS, kindNoun, parsePath } from './context';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** What each CRI method asks of the container runtime, in the kubelet's words. */
const CRI: Record<string, string> = {
  RunPodSandbox:
    'The kubelet asks containerd over the CRI (gRPC) to create the pod sandbox: a network namespace and the pause container that holds the namespaces every container of the pod will share.',
  PodSandboxStatus:
    'The kubelet asks containerd whether the sandbox is ready and which IP address the network plugin gave it.',
  StopPodSandbox:
    'The kubelet asks containerd to stop the sandbox: kill the pause container and tear down the pod’s network.',
  RemovePodSandbox:
    'The kubelet’s garbage collector asks containerd to delete the stopped sandbox and its metadata.',
  ImageStatus:
    'Before pulling, the kubelet asks containerd whether the image is already in its local store (imagePullPolicy decides what happens next).',
  PullImage:
    'The kubelet asks containerd to pull the image: containerd resolves the tag to a digest, downloads the layers from the registry and unpacks them.',
  CreateContainer:
    'The kubelet asks containerd to create the container inside the sandbox: containerd writes an OCI runtime spec (command, mounts, cgroup, which namespaces to join) and hands it to runc.',
  StartContainer:
    'The kubelet asks containerd to start the container it created, which makes runc run its process.',
  StopContainer:
    'The kubelet asks containerd to stop the container: first the stop signal, then SIGKILL if it is still running when the grace period ends.',
  RemoveContainer: 'The kubelet’s garbage collector asks containerd to delete the exited container.',
  ContainerStatus:
    'The kubelet’s PLEG (pod lifecycle event generator) relists containers and asks containerd for their state, to notice starts and exits.',
};

/** What each runc command does to the OCI bundle containerd prepared. */
const RUNC: Record<string, string> = {
  create:
    'containerd’s shim runs `runc create`: runc sets up the namespaces and cgroup from the OCI spec and leaves the process waiting, not yet running the user’s command.',
  start:
    'containerd runs `runc start`: the waiting process execs the container’s command, and the container is running.',
  kill: 'containerd asks runc to send a signal to the container’s first process (PID 1 in its PID namespace).',
  delete:
    'containerd runs `runc delete`, which removes the stopped container’s runtime state and its cgroup.',
};

/** kubectl's requests show the filters one by one (src/sim/machines/apiServer/chain.ts). */
function filterStep(l: string): string | null {
  if (/^authenticate: Unauthorized/.test(l)) return null;
  if (/^authenticate: /.test(l))
    return 'The authentication filter works out who sent the request: the client certificate’s CN is the user name, its O fields the groups, plus system:authenticated. Audit comes next (kubeadm sets no audit policy, so it records nothing).';
  if (/^impersonate: forbidden/.test(l))
    return 'kubectl asked to act as another user (--as), but the real user may not impersonate that user or group, so the request ends with 403 before the verb itself is checked.';
  if (/^impersonate: /.test(l))
    return 'The impersonation filter checks that the real user may impersonate the user and groups kubectl named (--as, --as-group); from here on the request acts as them.';
  if (/^authorize: forbidden/.test(l))
    return 'No authorizer allows this: Node has no opinion on a user that is not a node, RBAC finds no binding that grants the verb, so the request ends with 403 Forbidden.';
  if (/^authorize: /.test(l))
    return 'After API Priority and Fairness has given the request its queue, the authorizers are asked in order (Node, then RBAC); RBAC names the binding that allows this verb on this resource.';
  return null;
}

function apiserverInternal(m: TraceMessage): string {
  const l = m.label;
  const filter = filterStep(l);
  if (filter) return filter;
  if (/^authenticate/.test(l)) {
    if (/Unauthorized/.test(l))
      return 'The API server could not authenticate the client (no valid certificate or token), so it stops here with 401 before any authorizer is asked.';
    if (/forbidden|denied/i.test(l))
      return 'The API server knows who is asking, but no authorizer (Node, then RBAC) allows this verb on this resource, so the request ends with 403.';
    return 'Inside the API server: authentication works out who sent the request (client certificate or token), then the authorizers (Node, then RBAC) decide whether that user may do this verb on this resource.';
  }
  if (/^decode/.test(l)) {
    if (/Bad Request/.test(l))
      return 'The API server cannot decode the body into a Pod, so it answers 400 Bad Request.';
    return 'The API server decodes the body, fills in default values and runs the mutating admission plugins, which may change the object before it is stored.';
  }
  if (/^validate/.test(l)) {
    if (/Invalid/.test(l))
      return 'Validation finds a field that breaks the Pod schema’s rules, so the API server answers 422 Invalid.';
    if (/forbids/.test(l))
      return 'A validating admission plugin (PodSecurity, ResourceQuota, …) rejects the pod, so nothing is stored and the API server answers 403 Forbidden.';
    if (/allowed$/.test(l))
      return 'The API server validates the object and the validating admission plugins (PodSecurity, ResourceQuota, …) accept it; they can only say yes or no.';
    return 'A validating admission plugin (PodSecurity, ResourceQuota, LimitRange, …) judges the object; these plugins can only accept or reject it.';
  }
  return 'The API server does this step inside itself, without talking to another component.';
}

function schedulerInternal(m: TraceMessage): string {
  const l = m.label;
  if (/activeQ|flushed|flushUnschedulable/.test(l))
    return 'The scheduler’s queue hands it the pod: pods wait in the active queue, ordered by priority, and are scheduled one at a time.';
  if (/^PreFilter/.test(l))
    return 'PreFilter plugins look at the pod once, before any node, and work out what the Filter step will need to check.';
  if (/^Filter: \d/.test(l))
    return 'Each examined node ran the Filter plugins in order until one failed; this message sums up the verdicts, and the Scheduling tab lists every node with its reason.';
  if (/^Score \d/.test(l))
    return 'Score plugins gave each feasible node points; this message names the best totals, and the Scheduling tab lists every node’s weighted scores.';
  if (/^Filter/.test(l))
    return /feasible$/.test(l)
      ? 'Every Filter plugin passes this node, so it is feasible: the pod could run here.'
      : 'A Filter plugin rules this node out and says why; that reason is what `kubectl describe pod` shows if no node fits.';
  if (/^Score/.test(l))
    return 'Score plugins give the feasible node points; the weighted sum decides which feasible node is best.';
  if (/^select/.test(l))
    return 'The scheduler picks the feasible node with the highest score (a tie is broken at random), then reserves it in its cache and assumes the pod is there.';
  if (/no node fits.*PostFilter DefaultPreemption: nominate/.test(l))
    return 'No node passed every filter, but DefaultPreemption found lower-priority victims: the scheduler nominates their node, deletes them gracefully, and retries the pod there once they are gone.';
  if (/no node fits/.test(l))
    return 'No node passed every filter, so the pod goes back to the unschedulable queue and stays Pending until something in the cluster changes.';
  return 'The scheduler does this step inside itself, without talking to another component.';
}

function fromEtcd(m: TraceMessage): string {
  if (m.kind === 'watch')
    return 'etcd’s watch tells the API server that this key changed at a new revision; the API server’s watch cache will fan the change out to its own watchers.';
  if (/^txn ok/.test(m.label))
    return 'etcd committed the transaction through Raft; the new revision becomes the object’s resourceVersion.';
  if (/^txn failed/.test(m.label))
    return 'The transaction’s compare failed (someone changed or created the key first), so etcd wrote nothing: this is how Kubernetes detects conflicts.';
  if (/^range/.test(m.label)) return 'etcd answers the read with the keys it found and its current revision.';
  return 'etcd answers the API server.';
}

function toEtcd(m: TraceMessage): string {
  const l = m.label;
  if (m.kind === 'watch' || /^watch/.test(l))
    return 'The API server opens one watch on etcd for every key under /registry/: all components then watch the API server’s cache, never etcd directly.';
  if (/^range/.test(l))
    return /watch cache/.test(l)
      ? 'At start-up the API server reads every key under /registry/ to fill its watch cache.'
      : 'The API server reads the key from etcd (a range request) to see the object’s current state.';
  if (/^txn create/.test(l))
    return 'The API server writes the new object in an etcd transaction that succeeds only if the key does not exist yet.';
  if (/^txn update/.test(l))
    return 'The API server writes the changed object in an etcd transaction that succeeds only if nobody changed the key since it was read (optimistic concurrency).';
  if (/^txn delete/.test(l))
    return 'The API server removes the key from etcd in a transaction: the object is now gone for good.';
  return 'The API server sends a request to etcd, the cluster’s only database.';
}

function watchEvent(m: TraceMessage): string {
  const type = str(m.detail.eventType) ?? /watch (ADDED|MODIFIED|DELETED)/.exec(m.label)?.[1] ?? 'a';
  // The label names the object's kind: `watch ADDED deployment nginx`.
  const noun = /^watch \w+ (pod|node|deployment|replicaset|statefulset)\b/.exec(m.label)?.[1] ?? 'pod';
  const what: Record<string, string> = {
    ADDED: `a ${noun} it had not seen before`,
    MODIFIED: `a change to a ${noun} it already knew`,
    DELETED: `that a ${noun} is gone`,
  };
  return `The API server streams ${type === 'ADDED' ? 'an' : 'a'} ${type} watch event down the ${m.to}’s open watch: it learns of ${what[type] ?? 'a change'} without asking for it.`;
}

function toApiserver(m: TraceMessage): string {
  const l = m.label;
  if (/^LIST\+WATCH/.test(l))
    return `The ${m.from}’s informer lists the objects it cares about once, then keeps a watch open so that the API server streams every later change to it.`;
  const controller = str(m.detail.controller) ?? '';
  const kind = kindNoun(KINDS[parsePath(str(m.detail.path) ?? '').resource] ?? 'object');
  if (controller === 'disruption-controller' && /^PUT .*\/status/.test(l))
    return 'The disruption-controller writes the PodDisruptionBudget’s status: pods selected (expectedPods), Ready and not deleting (currentHealthy), required (desiredHealthy), and disruptionsAllowed, which DefaultPreemption reads.';
  if (controller && /^PUT .*\/status/.test(l))
    return `The ${controller} in kube-controller-manager writes the ${kind}’s status (how many replicas exist, are ready, are available) through the status subresource; the spec stays as the user wrote it.`;
  if (controller && /^POST \//.test(l))
    return `The ${controller} in kube-controller-manager creates a ${kind} through the API server, like any other client; only the API server writes to etcd.`;
  if (/^PATCH .*\/status/.test(l))
    return m.from === 'kubelet'
      ? 'The kubelet reports what it sees on the node by patching only the pod’s status subresource (phase, conditions, container states); it never changes the spec.'
      : `The ${m.from} patches only the pod’s status subresource (its conditions), not its spec.`;
  if (/^POST event/.test(l)) {
    const reason = /^POST event (\S+)/.exec(l)?.[1] ?? '';
    return `The ${m.from} records an Event (${reason}) through the API server, so \`kubectl describe pod\` and \`kubectl get events\` can show it later.`;
  }
  if (/\/binding$/.test(l))
    return 'The scheduler does not start anything: it POSTs a Binding, and the API server sets the pod’s spec.nodeName to the chosen node.';
  if (/^DELETE/.test(l)) return deleteRequest(m, controller);
  if (m.from === 'kubectl' && /^PATCH .*\/scale/.test(l))
    return `kubectl scale PATCHes the ${kind}’s scale subresource: only spec.replicas changes, and the controllers in kube-controller-manager do the rest.`;
  if (m.from === 'kubectl' && /^PATCH/.test(l))
    return `kubectl apply sends only what changed, as a patch, in an HTTPS PATCH of the ${kind}.`;
  if (/^POST \/api\/v1\/nodes/.test(l))
    return 'A new node’s kubelet registers itself: it POSTs its Node object (capacity, labels, addresses). Once stored, the scheduler’s node watch hears of it as ADDED, and pods that no node could take are tried again.';
  if (/^GET .*watch=true/.test(l))
    return 'kubectl waits for the deletion to finish by watching the pod until it disappears.';
  if (m.from === 'kubectl' && /^GET/.test(l))
    return `kubectl first reads the ${kind} (GET); kubectl apply decides by the answer: 404 means create it, 200 means patch it.`;
  if (m.from === 'kubectl' && /^POST/.test(l))
    return `kubectl sends the ${kind}, as JSON, in an HTTPS POST to the API server; nothing else in the cluster hears about it yet.`;
  return `The ${m.from} sends an HTTPS request to the API server, the only component that talks to etcd.`;
}

/** Who asked for the deletion decides the words; the kubelet's own DELETE (grace 0) ends it. */
function deleteRequest(m: TraceMessage, controller: string): string {
  const rest = 'the API server only sets deletionTimestamp, and the kubelet does the actual stopping.';
  if (m.from === 'kubelet')
    return 'Its containers are gone, so the kubelet deletes the pod with a grace period of 0: now the API server may remove it from etcd.';
  if (controller === 'replicaset-controller')
    return `The replicaset-controller in kube-controller-manager deletes a pod because its ReplicaSet has more pods than it wants; ${rest}`;
  if (controller) return `The ${controller} in kube-controller-manager deletes the pod; ${rest}`;
  if (m.from === 'kube-scheduler')
    return `The scheduler deletes a lower-priority pod to make room for the pod it is scheduling (preemption); ${rest}`;
  return `kubectl asks the API server to delete the pod; ${rest}`;
}

function fromApiserver(m: TraceMessage): string {
  const code = /^(\d{3})/.exec(m.label)?.[1];
  if (/watching$/.test(m.label))
    return `The API server answers the LIST from its watch cache and keeps the connection open as the ${m.to}’s watch.`;
  switch (code) {
    case '200':
      return 'The API server answers 200 OK: the request was done.';
    case '201':
      return 'The API server answers 201 Created: the new object is stored in etcd.';
    case '404':
      return 'The API server answers 404 Not Found: there is no such object yet.';
    case '400':
      return 'The API server answers 400 Bad Request: it could not read the request body.';
    case '401':
      return 'The API server answers 401 Unauthorized: it does not know who sent the request.';
    case '403':
      return 'The API server answers 403 Forbidden: it knows the user, but the user may not do this (RBAC, PodSecurity or a quota said no).';
    case '409':
      return 'The API server answers 409 Conflict: the object already exists or changed since it was read.';
    case '422':
      return 'The API server answers 422 Unprocessable Entity: the object failed validation and nothing was stored.';
    default:
      return `The API server answers the ${m.to}.`;
  }
}

function toKernel(m: TraceMessage): string {
  const op = str(m.detail.op) ?? '';
  const l = m.label;
  if (op === 'cgroup.freeze' || /cgroup\.freeze/.test(l))
    return /= 1/.test(l)
      ? '`runc pause` freezes the container’s cgroup (cgroup v2: cgroup.freeze = 1): the kernel stops scheduling every process in it. The processes stay alive and keep their memory.'
      : '`runc resume` thaws the container’s cgroup (cgroup.freeze = 0): its processes run again where they stopped.';
  if (op === 'cgroup.create' || /cgroup/.test(l))
    return 'The kubelet creates the pod’s cgroup (a directory under /sys/fs/cgroup) so that the kernel can account and limit the CPU and memory of all its containers together.';
  if (op === 'netns.create' || /CLONE_NEWNET/.test(l))
    return 'containerd creates a new network namespace for the pod and pins it to a file, so that it outlives any one process.';
  if (op === 'cni.add' || /^CNI ADD/.test(l))
    return 'containerd calls the CNI plugins with ADD: they create a veth pair, put one end in the pod’s network namespace as eth0, attach the other to the node’s bridge and assign an IP address.';
  if (op === 'cni.del' || /^CNI DEL/.test(l))
    return 'containerd calls the CNI plugins with DEL: they remove the veth pair and release the pod’s IP address.';
  if (op === 'netns.delete' || /remove netns/.test(l))
    return 'containerd unmounts and deletes the pod’s network namespace.';
  if (/^clone/.test(l))
    return 'runc asks the kernel for a new process in new namespaces (clone with CLONE_NEW* flags) and joins the ones it should share with setns: this is where a container’s isolation comes from.';
  if (/^execve/.test(l))
    return 'The container’s process replaces itself with the container’s command (execve): from here the user’s program runs.';
  if (/^kill/.test(l)) return 'runc asks the kernel to deliver the signal to the container’s first process.';
  return `The ${m.from} asks the Linux kernel to do this.`;
}

function fromKernel(m: TraceMessage): string {
  const l = m.label;
  if (/^cgroup\.freeze/.test(l))
    return /frozen 1/.test(l)
      ? 'The kernel reports the cgroup frozen. Nobody tells the kubelet or containerd: they see nothing change, unless a probe now goes unanswered.'
      : 'The kernel reports the cgroup thawed; the process runs on as if nothing happened.';
  if (/pending \(cgroup frozen\)/.test(l))
    return 'The process is frozen, so the signal waits until the cgroup is thawed; only SIGKILL ends a frozen process.';
  if (/OOM/.test(l))
    return 'The process used more memory than its cgroup’s memory.max allows, so the kernel’s OOM killer ends it with SIGKILL (exit code 137).';
  if (/exit|exited/.test(l))
    return 'The kernel reports that the container’s process ended, with its exit status.';
  return 'The kernel reports back what it did.';
}

function containerdAnswer(m: TraceMessage): string {
  if (/^CONTAINER_STOPPED_EVENT/.test(m.label))
    return 'containerd tells the kubelet that a container exited; the kubelet will restart it or not according to the pod’s restartPolicy.';
  const method = str(m.detail.method);
  if (m.detail.ok === false)
    return `containerd answers ${method ?? 'the CRI call'} with an error, which the kubelet turns into the container’s waiting reason.`;
  return `containerd answers the kubelet’s ${method ?? 'CRI'} call.`;
}

/** One plain sentence about this message, shown under the activity's narration. */
export function subStepText(m: TraceMessage): string {
  const { from, to, kind } = m;
  const runtime = runtimeSubStep(m);
  if (runtime) return runtime;
  if (kind === 'internal' && from === 'kube-apiserver') return apiserverInternal(m);
  if (kind === 'internal' && from === 'kube-scheduler') return schedulerInternal(m);
  if (kind === 'internal' && from === 'kube-controller-manager')
    return 'A change the controller-manager’s informers saw put this object’s key on a controller’s workqueue; the controller now compares what the object asks for with what exists and acts on the difference.';
  if (kind === 'internal' && from === 'kubelet')
    return /DELETE/.test(m.label)
      ? 'The kubelet’s sync loop sees that the pod is being deleted and starts stopping its containers, honouring the grace period.'
      : 'The kubelet’s sync loop sees a new pod bound to its node and checks, once more, that the node can run it (admission on the node).';
  if (from === 'kubectl' && to === 'runc')
    return 'You, at the node’s shell (not through kubectl): runc run by hand against the container containerd started, in containerd’s runc root. Neither the kubelet nor containerd is told; they only see what follows.';
  if (from === 'runc' && to === 'kubectl')
    return 'runc refuses: the container is not in a state this command applies to, so runc prints the error and exits with status 1.';
  if (from === 'etcd') return fromEtcd(m);
  if (to === 'etcd') return toEtcd(m);
  if (kind === 'watch' && from === 'kube-apiserver') return watchEvent(m);
  if (to === 'kube-apiserver') return toApiserver(m);
  if (from === 'kube-apiserver') return fromApiserver(m);
  if (from === 'kubelet' && to === 'containerd') {
    const method = str(m.detail.method) ?? m.label.split(' ')[0] ?? '';
    return CRI[method] ?? `The kubelet makes the CRI call ${method} to containerd over gRPC.`;
  }
  if (from === 'containerd' && to === 'kubelet') return containerdAnswer(m);
  if (from === 'containerd' && to === 'runc') {
    const command = str(m.detail.command) ?? /^runc (\w+)/.exec(m.label)?.[1] ?? '';
    return RUNC[command] ?? 'containerd runs runc, the OCI runtime that turns a bundle into a process.';
  }
  if (from === 'runc' && to === 'containerd' && /^TaskExit/.test(m.label))
    return 'containerd’s shim sees the container’s process exit and records its exit status as a TaskExit event.';
  if (from === 'runc' && to === 'containerd')
    return 'runc reports the container’s new state (created, running, stopped or deleted) back to containerd.';
  if (to === 'kernel') return toKernel(m);
  if (from === 'kernel') return fromKernel(m);
  return `The ${from} sends this to the ${to}.`;
}
