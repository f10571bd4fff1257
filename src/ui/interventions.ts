// User interventions re-run the simulation with one more action at the playhead's virtual time. What the
// menu offers is read from the trace at the playhead: the main pod's containers as runc runs them, the
// running pods of the cluster, and the next free worker name.
import type { Action, KubeObject, Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace/types';
import { podObjectAt, statesAt } from '../sim/trace/at';
import { currentContainer, podKeyOf } from '../sim/cluster/interventions';
import { runcId } from '../sim/cluster/systemIds';
import { nextWorkerNode } from '../scenario/addNode';

type ActionNoTrigger = Action extends infer A ? (A extends Action ? Omit<A, 'trigger'> : never) : never;

const nowOf = (trace: Trace, delivered: number): number =>
  trace.messages[delivered - 1]?.t ?? trace.clusterReadyAt;

const deleteArgs = (podKey: string): string[] => {
  const [namespace = 'default', name = ''] = podKey.split('/');
  return ['delete', 'pod', name, ...(namespace === 'default' ? [] : ['-n', namespace])];
};

/** The scenario with `kubectl delete pod` moved to now, instead of "once it is Running". */
export function withDeleteNow(scenario: Scenario, trace: Trace, delivered: number, podKey: string): Scenario {
  const now = nowOf(trace, delivered);
  const keep = scenario.actions.filter((a) => a.kind !== 'kubectl' || a.args[0] !== 'delete');
  const action: Action = {
    kind: 'kubectl',
    trigger: { atMs: Math.max(0, now - trace.clusterReadyAt) },
    args: deleteArgs(podKey),
  };
  return { ...scenario, actions: [...keep, action] };
}

/** Has a "when Running" action already fired by the playhead (its pod was Running)? */
function firedBy(trace: Trace, delivered: number, a: Action): boolean {
  if (!('whenPodRunning' in a.trigger)) return true;
  const pod = podObjectAt(trace, delivered, podKeyOf(a.trigger.whenPodRunning));
  return pod === null || (pod?.status as { phase?: string } | undefined)?.phase === 'Running';
}

/**
 * The scenario with `action` at the playhead. A "when Running" action that has not fired yet (the default
 * walk-through deletes its pod once Running) is dropped: from here on, the user's intervention leads.
 */
export function withInterventionNow(
  scenario: Scenario,
  trace: Trace,
  delivered: number,
  action: ActionNoTrigger,
): Scenario {
  const atMs = Math.max(0, nowOf(trace, delivered) - trace.clusterReadyAt);
  const keep = scenario.actions.filter((a) => firedBy(trace, delivered, a));
  return { ...scenario, actions: [...keep, { ...action, trigger: { atMs } }] };
}

export interface ContainerChoice {
  name: string;
  /** runc's state of the container's current process at the playhead, or null before it exists. */
  state: string | null;
}

/** The pod's app containers as runc runs them at the playhead. */
export function containerChoices(trace: Trace, delivered: number, podKey: string): ContainerChoice[] {
  const pod =
    podObjectAt(trace, delivered, podKey) ?? trace.scenario.manifests.find((o) => keyOf(o) === podKey);
  const names = ((pod?.spec as { containers?: { name?: string }[] } | undefined)?.containers ?? []).map(
    (c) => c.name ?? '',
  );
  const seen = trace.messages.slice(0, delivered);
  const states = statesAt(trace, delivered);
  return names.map((name) => {
    const c = currentContainer(seen, podKey, name);
    return { name, state: c ? (states.get(runcId(c.containerId)) ?? null) : null };
  });
}

/** `<namespace>/<name>` of an object, as pods are named throughout the page. */
export const keyOf = (o: KubeObject): string =>
  `${o.metadata.namespace || 'default'}/${o.metadata.name ?? ''}`;

/** The pods the API server holds at the playhead and that are not being deleted. */
export function livePodsAt(trace: Trace, delivered: number): KubeObject[] {
  const latest = new Map<string, KubeObject | null>();
  for (const o of trace.objects) {
    if (o.seq > delivered) break;
    if (o.key.startsWith('/registry/pods/')) latest.set(o.key, o.object as KubeObject | null);
  }
  return [...latest.values()].filter((o): o is KubeObject => o !== null && !o.metadata.deletionTimestamp);
}

/** Pods the API server holds as Running and not being deleted at the playhead, other than `except`. */
export function runningPods(trace: Trace, delivered: number, except: string | null): string[] {
  const out: string[] = [];
  for (const obj of livePodsAt(trace, delivered)) {
    if ((obj.status as { phase?: string } | undefined)?.phase !== 'Running') continue;
    const key = keyOf(obj);
    if (key !== except) out.push(key);
  }
  return out.sort();
}

/** The Node "Add node" adds: a worker like the others, with the labels a Pending pod's nodeSelector asks for. */
export function nodeToAdd(scenario: Scenario, pod: KubeObject | null | undefined): KubeObject {
  const added = scenario.actions.flatMap((a) => (a.kind === 'addNode' ? [a.node] : []));
  const spec = pod?.spec as { nodeName?: string; nodeSelector?: Record<string, string> } | undefined;
  const pending = (pod?.status as { phase?: string } | undefined)?.phase === 'Pending' && !spec?.nodeName;
  const selector = pending ? (spec?.nodeSelector ?? {}) : {};
  return nextWorkerNode([...scenario.cluster, ...added], selector);
}

export { deleteArgs };
