// `kubectl describe pod`: the whole text goes through one tabwriter (minwidth 0, padding 2), so every run of
// tabbed lines between two untabbed ones (`IPs:`, `Containers:`, `Mounts:`, `Events:` …) aligns on its own.
// upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go describePod, tabbedString, DescribeEvents
import type { Pod } from 'kubernetes-types/core/v1';
import { qosClass } from '../k8s/pod';
import { annotationRows, labelRows, tolerationRows, volumeRows } from './describeBlocks';
import { containerRows } from './describeContainers';
import { describeEventRows, eventsForPod, type AnyEvent } from './events';
import { tabwrite, type Row } from './tabwriter';
import { ageSince, parseTimestamp, rfc1123z } from './time';

/** describe's tabwriter. upstream: describe.go tabbedString `Init(buf, 0, 8, 2, ' ', 0)` */
export const DESCRIBE_TABWRITER = { minwidth: 0, padding: 2 };

function identityRows(pod: Pod): Row[] {
  const { metadata: m = {}, spec: s, status: st } = pod;
  const rows: Row[] = [
    ['Name:', m.name ?? ''],
    ['Namespace:', m.namespace ?? ''],
  ];
  if (s?.priority !== undefined && s.priority !== null) rows.push(['Priority:', String(s.priority)]);
  if (s?.priorityClassName) rows.push(['Priority Class Name:', s.priorityClassName]);
  if (s?.runtimeClassName) rows.push(['Runtime Class Name:', s.runtimeClassName]);
  if (s?.serviceAccountName) rows.push(['Service Account:', s.serviceAccountName]);
  rows.push(['Node:', s?.nodeName ? `${s.nodeName}/${st?.hostIP ?? ''}` : '<none>']);
  const start = parseTimestamp(st?.startTime);
  if (start !== null) rows.push(['Start Time:', rfc1123z(start)]);
  return [...rows, ...labelRows('Labels', m.labels), ...annotationRows(m.annotations)];
}

function statusRows(pod: Pod, nowMs: number): Row[] {
  const st = pod.status ?? {};
  const terminal = st.phase === 'Failed' || st.phase === 'Succeeded';
  const rows: Row[] = [];
  if (pod.metadata?.deletionTimestamp && !terminal) {
    // deletionTimestamp is now + grace, i.e. in the future, so this reads `<invalid>` for the whole grace period.
    rows.push(['Status:', `Terminating (lasts ${ageSince(pod.metadata.deletionTimestamp, nowMs)})`]);
    rows.push(['Termination Grace Period:', `${pod.metadata.deletionGracePeriodSeconds ?? 0}s`]);
  } else {
    rows.push(['Status:', st.phase ?? '']);
  }
  if (st.reason) rows.push(['Reason:', st.reason]);
  if (st.message) rows.push(['Message:', st.message]);
  const seccomp = pod.spec?.securityContext?.seccompProfile;
  if (seccomp) {
    rows.push(['SeccompProfile:', seccomp.type]);
    if (seccomp.type === 'Localhost') rows.push(['LocalhostProfile:', seccomp.localhostProfile ?? '']);
  }
  return rows;
}

function networkRows(pod: Pod): Row[] {
  const st = pod.status ?? {};
  const ips = st.podIPs ?? [];
  const rows: Row[] = [['IP:', st.podIP ?? '']];
  if (ips.length === 0) rows.push(['IPs:', '<none>']);
  else rows.push(['IPs:'], ...ips.map((ip) => ['  IP:', ip.ip ?? '']));
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller === true);
  if (owner) rows.push(['Controlled By:', `${owner.kind}/${owner.name}`]);
  if (st.nominatedNodeName) rows.push(['NominatedNodeName:', st.nominatedNodeName]);
  return rows;
}

function conditionRows(pod: Pod): Row[] {
  const conditions = pod.status?.conditions ?? [];
  const rows: Row[] = [];
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length > 0) {
    rows.push(['Readiness Gates:'], ['  Type', 'Status']);
    for (const g of gates) {
      const status = conditions.find((c) => c.type === g.conditionType)?.status ?? '<none>';
      rows.push([`  ${g.conditionType} `, `${status} `]);
    }
  }
  // Written as "%v \t%v \n": both cells keep a trailing space.
  if (conditions.length > 0) {
    rows.push(
      ['Conditions:'],
      ['  Type', 'Status'],
      ...conditions.map((c) => [`  ${c.type} `, `${c.status} `]),
    );
  }
  return rows;
}

function schedulingRows(pod: Pod): Row[] {
  // kubectl's qos.GetPodQOS prefers the class the apiserver stored in status, else computes it from the spec.
  const qos = pod.status?.qosClass || qosClass(pod);
  return [
    ['QoS Class:', qos],
    ...labelRows('Node-Selectors', pod.spec?.nodeSelector),
    ...tolerationRows(pod.spec?.tolerations),
  ];
}

function containerSections(pod: Pod): Row[] {
  const spec = pod.spec;
  const st = pod.status;
  const init = spec?.initContainers ?? [];
  return [
    ...(init.length > 0 ? containerRows('Init Containers', init, st?.initContainerStatuses, pod) : []),
    ...containerRows('Containers', spec?.containers ?? [], st?.containerStatuses, pod),
  ];
}

/**
 * The stdout of `kubectl describe pod <name>` at virtual time `nowMs`. `events` may hold any Events; those whose
 * involved object is this pod (name, namespace and uid) are shown, oldest first.
 */
export function describePod(pod: Pod, events: readonly AnyEvent[], nowMs: number): string {
  const mine = eventsForPod(pod, events);
  const rows: Row[] = [
    ...identityRows(pod),
    ...statusRows(pod, nowMs),
    ...networkRows(pod),
    ...containerSections(pod),
    ...conditionRows(pod),
    ...volumeRows(pod.spec?.volumes),
    ...schedulingRows(pod),
    // With no events there is no Flush, so `Events:` aligns with the QoS/Tolerations block above it.
    ...(mine.length === 0 ? [['Events:', '<none>']] : [['Events:'], ...describeEventRows(mine, nowMs)]),
  ];
  return tabwrite(rows, DESCRIBE_TABWRITER).join('\n') + '\n';
}
