// What kubectl would print at the playhead: `get pod -w` started before the apply, `describe pod` and
// `get events` run at that moment. Pure functions of the trace.
import type { Trace } from '../sim/trace/types';
import type { Pod } from '../sim/k8s/pod';
import type { KubeObject } from '../sim/scenario';
import {
  createWatchPrinter,
  describeDeployment,
  describePod,
  getReplicaSetTable,
  formatEventsTable,
  getPodTable,
  type AnyEvent,
} from '../sim/kubectl';
import { eventsAt, podObjectAt } from '../sim/trace/at';

function storageKeyOf(podKey: string): string {
  const [ns = 'default', name = ''] = podKey.split('/');
  return `/registry/pods/${ns}/${name}`;
}

/** `kubectl get pod <name> -w`, one row per watch event up to `delivered`. */
export function watchLines(trace: Trace, delivered: number, podKey: string): string[] {
  const key = storageKeyOf(podKey);
  const printer = createWatchPrinter();
  const lines: string[] = [];
  let seen = false;
  let last: Pod | null = null;
  for (const o of trace.objects) {
    if (o.seq > delivered) break;
    if (o.key !== key) continue;
    if (o.object === null) {
      if (last) lines.push(...printer.print('DELETED', last, o.t));
      last = null;
      seen = false;
      continue;
    }
    const pod = o.object as unknown as Pod;
    lines.push(...printer.print(seen ? 'MODIFIED' : 'ADDED', pod, o.t));
    seen = true;
    last = pod;
  }
  return lines;
}

export function describeText(trace: Trace, delivered: number, podKey: string, nowMs: number): string {
  const pod = podObjectAt(trace, delivered, podKey);
  const [ns = 'default', name = ''] = podKey.split('/');
  if (!pod) return `Error from server (NotFound): pods "${name}" not found`;
  const events = eventsAt(trace, delivered, name, ns) as unknown as AnyEvent[];
  return describePod(pod as unknown as Pod, events, nowMs);
}

export function eventsText(trace: Trace, delivered: number, podKey: string, nowMs: number): string {
  const [ns = 'default', name = ''] = podKey.split('/');
  const text = formatEventsTable(eventsAt(trace, delivered, name, ns) as unknown as AnyEvent[], nowMs);
  return text || `No resources found in ${ns} namespace.`;
}

/** `kubectl get pods` in the pod's namespace at the playhead: every pod there, a workload's replicas too. */
export function podsText(trace: Trace, delivered: number, podKey: string, nowMs: number): string {
  const ns = podKey.split('/')[0] ?? 'default';
  const prefix = `/registry/pods/${ns}/`;
  const latest = new Map<string, Pod | null>();
  for (const o of trace.scenario.cluster)
    if (o.kind === 'Pod' && (o.metadata.namespace ?? 'default') === ns)
      latest.set(`${prefix}${o.metadata.name ?? ''}`, o as unknown as Pod);
  for (const o of trace.objects) {
    if (o.seq > delivered) break;
    if (o.key.startsWith(prefix)) latest.set(o.key, o.object);
  }
  const pods = [...latest.values()].filter((p): p is Pod => p !== null);
  return getPodTable(pods, nowMs) || `No resources found in ${ns} namespace.`;
}

/** The newest stored objects under `prefix` at the playhead (deleted ones left out). */
function objectsUnder(trace: Trace, delivered: number, prefix: string): KubeObject[] {
  const latest = new Map<string, KubeObject | null>();
  for (const o of trace.objects) {
    if (o.seq > delivered) break;
    if (o.key.startsWith(prefix)) latest.set(o.key, o.object as KubeObject | null);
  }
  return [...latest.values()].filter((o): o is KubeObject => o !== null);
}

/** Whether the run has a Deployment, so the workload views are worth a tab. */
export function hasDeployment(trace: Trace): boolean {
  const { manifests, cluster, files = {} } = trace.scenario;
  return [...manifests, ...cluster, ...Object.values(files).flat()].some((o) => o.kind === 'Deployment');
}

/** `kubectl get rs` in the pod's namespace at the playhead. */
export function replicaSetsText(trace: Trace, delivered: number, podKey: string, nowMs: number): string {
  const ns = podKey.split('/')[0] ?? 'default';
  const rss = objectsUnder(trace, delivered, `/registry/replicasets/${ns}/`);
  return getReplicaSetTable(rss, nowMs) || `No resources found in ${ns} namespace.`;
}

/** `kubectl describe deployment <first Deployment>` at the playhead, and its name for the command line. */
export function describeDeploymentText(
  trace: Trace,
  delivered: number,
  podKey: string,
  nowMs: number,
): { name: string; text: string } {
  const ns = podKey.split('/')[0] ?? 'default';
  const first = trace.objects.find((o) => o.key.startsWith(`/registry/deployments/${ns}/`));
  const name = first?.key.split('/').at(-1) ?? '';
  const d = objectsUnder(trace, delivered, `/registry/deployments/${ns}/${name}`)[0];
  if (!d) return { name, text: `Error from server (NotFound): deployments.apps "${name}" not found` };
  const rss = objectsUnder(trace, delivered, `/registry/replicasets/${ns}/`);
  const events = objectsUnder(trace, delivered, `/registry/events/${ns}/`) as unknown as AnyEvent[];
  return { name, text: describeDeployment(d, rss, events, nowMs).replace(/\n$/, '') };
}
