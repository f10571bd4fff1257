// The activities whose facts depend on the run: what kubectl sent (activities 1–4) and who deleted the
// pod (15). Everything here is read from the trace (narration/context.ts), never assumed from the
// default single-pod scenario.
import type { ActivityText } from './activities';
import { kindNoun, type NarrationContext } from './context';

const DOCS = 'https://kubernetes.io/docs';

/** What kubectl prints after `<kind>/<name>` (kubectl's resource/name form, with the API group). */
const PRINTED: Record<string, string> = {
  Pod: 'pod',
  Deployment: 'deployment.apps',
  StatefulSet: 'statefulset.apps',
  ReplicaSet: 'replicaset.apps',
};

const WORKLOAD_LINK: Record<string, ActivityText['link']> = {
  Deployment: { href: `${DOCS}/concepts/workloads/controllers/deployment/`, label: 'Deployments' },
  StatefulSet: { href: `${DOCS}/concepts/workloads/controllers/statefulset/`, label: 'StatefulSets' },
  ReplicaSet: { href: `${DOCS}/concepts/workloads/controllers/replicaset/`, label: 'ReplicaSet' },
};

const lower = kindNoun;

export function requestText(ctx: NarrationContext, base: ActivityText): ActivityText {
  const what = `the ${lower(ctx.kind)}`;
  const verb = ctx.patches ? 'patch' : 'create';
  const check = `The API server authenticates the client (its certificate or token) and asks the authorizers (Node, then RBAC) whether this user may ${verb} ${ctx.resource}.`;
  if (ctx.command === 'create')
    return {
      ...base,
      text: `kubectl create POSTs ${what} at once, without reading it first: if it already exists, the API server answers 409 Conflict. ${check}`,
    };
  if (!ctx.sends)
    return {
      ...base,
      text: `kubectl apply first GETs ${what} to see whether it exists, but the API server refuses even that read, so kubectl never sends ${what}. ${check}`,
    };
  if (ctx.patches)
    return {
      ...base,
      text: `kubectl apply first GETs ${what}: it exists (200), so kubectl compares the file, the live object and the last-applied annotation, and PATCHes only what changed. ${check}`,
      link: {
        href: `${DOCS}/tasks/manage-kubernetes-objects/declarative-config/`,
        label: 'Declarative management with kubectl apply',
      },
    };
  return {
    ...base,
    text: `kubectl apply first GETs ${what} to see whether it exists (404: it does not), then POSTs it with the last-applied annotation. ${check}`,
  };
}

export function admissionText(ctx: NarrationContext, base: ActivityText): ActivityText {
  if (ctx.kind === 'Pod') return base;
  return {
    ...base,
    text: `The API server decodes the body and fills in the ${ctx.kind}’s defaults (among them the pod template’s restartPolicy, dnsPolicy and 30 s grace period), runs the mutating admission plugins, validates the object, then runs the validating admission plugins. The pod plugins (ServiceAccount, Priority, DefaultTolerationSeconds) do nothing yet: they act on each Pod when a controller creates it.`,
  };
}

export function persistText(ctx: NarrationContext, base: ActivityText): ActivityText {
  const key = `/registry/${ctx.resource}/<namespace>/<name>`;
  if (ctx.patches)
    return {
      ...base,
      text: `The changed ${ctx.kind} is written to ${key} in one transaction that succeeds only if nobody changed the key since the API server read it. etcd’s revision becomes the object’s resourceVersion.`,
    };
  if (ctx.kind === 'Pod') return base;
  return {
    ...base,
    text: `The ${ctx.kind} is written to ${key} in one transaction that succeeds only if the key is absent. etcd’s revision becomes the object’s resourceVersion.`,
  };
}

export function answerText(ctx: NarrationContext, base: ActivityText): ActivityText {
  const printed = `${PRINTED[ctx.kind] ?? lower(ctx.kind)}/${ctx.name ?? '<name>'}`;
  if (ctx.code !== null && ctx.code >= 400)
    return {
      ...base,
      title: `${ctx.code}: refused`,
      text: `The API server refuses the request with ${ctx.code} and stores nothing; kubectl prints the error (the terminal below shows it) and exits with status 1. No controller, scheduler or kubelet ever hears of the ${lower(ctx.kind)}.`,
      link: {
        href: `${DOCS}/reference/using-api/api-concepts/#http-status-codes`,
        label: 'API status codes',
      },
    };
  if (ctx.patches)
    return {
      ...base,
      title: '200 OK',
      text: `The API server answers 200 with the patched ${ctx.kind}; kubectl prints “${printed} configured”.${ctx.kind === 'Deployment' ? ' If the pod template changed, the deployment controller now starts a rolling update: a new ReplicaSet grows while the old one shrinks.' : ''}`,
      link: WORKLOAD_LINK[ctx.kind] ?? base.link,
    };
  if (ctx.kind === 'Pod') return { ...base, text: base.text.replace('pod/<name>', printed) };
  const maker =
    ctx.kind === 'StatefulSet'
      ? 'the statefulset controller in kube-controller-manager creates them, one at a time'
      : 'kube-controller-manager’s controllers create them next';
  return {
    ...base,
    text: `The API server answers 201 with the stored ${ctx.kind}; kubectl prints “${printed} created”. No pod exists yet: ${maker}.`,
    link: WORKLOAD_LINK[ctx.kind] ?? base.link,
  };
}

/** The rest of the termination, the same whoever asked for it. */
const TERMINATION =
  'The kubelet sees it through its watch, sends SIGTERM, stops the sandbox (CNI DEL), reports the terminal phase, and only then DELETEs the object with grace 0 — that is when etcd removes the key.';

export function deleteText(ctx: NarrationContext, base: ActivityText): ActivityText {
  const by = ctx.deletedBy;
  if (by === null || by === 'kubectl') return base;
  if (by === 'replicaset-controller')
    return {
      ...base,
      text: `Nobody typed kubectl delete: the ReplicaSet controller in kube-controller-manager deleted this pod because its ReplicaSet has more pods than it wants (a scale down, or the old ReplicaSet shrinking in a rolling update). The API server only sets deletionTimestamp (grace: the pod’s terminationGracePeriodSeconds, 30 s by default); the object stays. ${TERMINATION}`,
      link: WORKLOAD_LINK.ReplicaSet ?? base.link,
    };
  if (by === 'kube-scheduler')
    return {
      ...base,
      text: `The scheduler deleted this pod to make room for a higher-priority pod (preemption). The API server only sets deletionTimestamp; the object stays. ${TERMINATION}`,
      link: {
        href: `${DOCS}/concepts/scheduling-eviction/pod-priority-preemption/`,
        label: 'Pod priority and preemption',
      },
    };
  return {
    ...base,
    text: `The ${by} deleted this pod through the API server, which only sets deletionTimestamp; the object stays. ${TERMINATION}`,
  };
}

export function nodeSyncText(ctx: NarrationContext, base: ActivityText): ActivityText {
  const start =
    'The node’s kubelet watches pods with spec.nodeName=<its node>; the bound pod arrives as ADDED. It admits it, creates the pod’s cgroup,';
  if (ctx.runtime === 'CRI-O')
    return {
      ...base,
      text: `${start} asks CRI-O over CRI for the sandbox, pulls the image, then creates and starts each container. CRI-O starts a conmon monitor for each container, and conmon runs runc, which sets up namespaces and cgroups and starts the process.`,
    };
  if (ctx.runtime === 'Kata')
    return {
      ...base,
      text: `${start} asks containerd over CRI for the sandbox, pulls the image, then creates and starts each container. The pod’s RuntimeClass sends containerd to the Kata shim (containerd-shim-kata-v2) instead of runc: it boots a small VM with QEMU, and the kata-agent inside the VM starts the containers on the guest kernel.`,
      link: { href: `${DOCS}/concepts/containers/runtime-class/`, label: 'Runtime Class' },
    };
  return base;
}

export function networkText(ctx: NarrationContext, base: ActivityText): ActivityText {
  if (ctx.runtime === 'CRI-O')
    return { ...base, text: base.text.replace('containerd creates and pins', 'CRI-O creates and pins') };
  return base;
}

/** A status PATCH that is not "Running and Ready" says what went wrong, in the kubelet's own reasons. */
export function statusText(ctx: NarrationContext, base: ActivityText): ActivityText {
  const status = ctx.status;
  if (!status || /^Running(, Ready=True)?$/.test(status)) return base;
  const reasons = status.split(', ');
  const phase = reasons[0] ?? '';
  const has = (r: string) => reasons.includes(r);
  const backOff = 'waiting longer after each failure (a back-off from 10 s that doubles up to 5 minutes)';
  let text: string;
  if (has('ErrImagePull') || has('ImagePullBackOff'))
    text = `The image pull failed, so the container never started. The kubelet’s status manager PATCHes the pod’s status: phase ${phase}, the container waiting with reason ErrImagePull, then ImagePullBackOff while the kubelet retries the pull, ${backOff}.`;
  else if (has('PodInitializing'))
    text = `An init container failed, so the app containers wait (PodInitializing) and the pod stays ${phase}. The kubelet restarts the init container, ${backOff}; the status manager PATCHes each change.`;
  else if (has('OOMKilled') || has('Error') || has('CrashLoopBackOff'))
    text = `The container exited${has('OOMKilled') ? ' (the kernel’s OOM killer ended it: OOMKilled, exit code 137)' : ' with an error'}. restartPolicy makes the kubelet start it again, ${backOff}: CrashLoopBackOff. The status manager PATCHes the pod’s status; the phase stays ${phase}.`;
  else if (phase === 'Succeeded' || has('Completed'))
    text = `The container’s process exited with status 0 (reason Completed) and restartPolicy does not start it again, so the status manager PATCHes the pod’s status: phase ${phase}${phase === 'Succeeded' ? '' : ', then Succeeded'}, Ready False.`;
  else text = `The kubelet’s status manager PATCHes what it sees on the node: ${status}.`;
  return { ...base, title: `Status: ${status}`, text };
}

/** The controllers' work after a later kubectl command: a scale, or an apply that changed the template. */
export function reconcileText(ctx: NarrationContext, base: ActivityText): ActivityText {
  if (ctx.scales)
    return {
      ...base,
      title: 'Reconcile: controllers follow the new replica count',
      text: `kubectl scale changed only the ${ctx.kind}’s spec.replicas. The deployment controller sees it through its watch and sets its ReplicaSet’s replicas to match; the ReplicaSet controller then deletes the pods it no longer wants (or creates the missing ones) and records SuccessfulDelete (or SuccessfulCreate). Each deleted pod then ends as in activity 15.`,
    };
  if (ctx.patches && ctx.kind === 'Deployment')
    return {
      ...base,
      title: 'Reconcile: a rolling update',
      text: 'kubectl apply changed the Deployment’s pod template, so the deployment controller creates a new ReplicaSet (a new pod-template-hash) and moves the replicas over step by step: the new ReplicaSet grows by at most maxSurge (25 %, rounded up) above the desired count while the old one shrinks, keeping at most maxUnavailable (25 %, rounded down) pods unavailable. The ReplicaSet controllers create and delete the pods.',
    };
  return base;
}
