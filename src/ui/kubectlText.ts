// What kubectl would print at the playhead: `get pod -w` started before the apply, `describe pod` and
// `get events` run at that moment. Pure functions of the trace.
import type { Trace } from '../sim/trace/types';
import type { Pod } from '../sim/k8s/pod';
import {
  createWatchPrinter,
  describePod,
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
