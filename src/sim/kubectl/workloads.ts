// `kubectl get replicasets`, `kubectl get deployments` and `kubectl describe deployment` over the stored
// objects. upstream: pkg/printers/internalversion/printers.go (replicaSetColumnDefinitions, printReplicaSet,
// deploymentColumnDefinitions, printDeployment); staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (DeploymentDescriber, describeDeployment, DescribePodTemplate, describeContainersLabel and
// describeContainerBasicInfo's nameIndent, printReplicaSetsByLabels, DescribeEvents)
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../scenario';
import { controllerUid, podTemplateHash, specOf } from '../k8s/workloads';
import { annotationRows, labelRows, tolerationRows, volumeRows } from './describeBlocks';
import { containerRows } from './describeContainers';
import { DESCRIBE_TABWRITER } from './describePod';
import { describeEventRows, listOrder, type AnyEvent } from './events';
import { GET_TABWRITER } from './getPods';
import { tabwrite, type Row } from './tabwriter';
import { ageSince, parseTimestamp, rfc1123z } from './time';

const num = (o: KubeObject, field: string): number =>
  Number((o.status as Record<string, unknown> | undefined)?.[field] ?? 0);
const byName = (a: KubeObject, b: KubeObject): number =>
  (a.metadata.name ?? '') < (b.metadata.name ?? '')
    ? -1
    : (a.metadata.name ?? '') > (b.metadata.name ?? '')
      ? 1
      : 0;
const created = (o: KubeObject): string => {
  const t = o.metadata.creationTimestamp;
  return typeof t === 'string' ? t : '';
};

/** `kubectl get rs`: NAME DESIRED CURRENT READY AGE, in list (name) order; '' when there are none. */
export function getReplicaSetTable(rss: readonly KubeObject[], nowMs: number): string {
  if (rss.length === 0) return '';
  const rows: Row[] = [['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']];
  for (const rs of [...rss].sort(byName))
    rows.push([
      rs.metadata.name ?? '',
      String(specOf(rs).replicas ?? 0),
      String(num(rs, 'replicas')),
      String(num(rs, 'readyReplicas')),
      ageSince(created(rs), nowMs),
    ]);
  return tabwrite(rows, GET_TABWRITER).join('\n') + '\n';
}

/** `kubectl get deployments`: NAME READY UP-TO-DATE AVAILABLE AGE. */
export function getDeploymentTable(ds: readonly KubeObject[], nowMs: number): string {
  if (ds.length === 0) return '';
  const rows: Row[] = [['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']];
  for (const d of [...ds].sort(byName))
    rows.push([
      d.metadata.name ?? '',
      `${num(d, 'readyReplicas')}/${specOf(d).replicas ?? 0}`,
      String(num(d, 'updatedReplicas')),
      String(num(d, 'availableReplicas')),
      ageSince(created(d), nowMs),
    ]);
  return tabwrite(rows, GET_TABWRITER).join('\n') + '\n';
}

/** A label selector as labels.Selector.String() prints it: `app=web`, sorted, comma-separated. */
function selectorText(d: KubeObject): string {
  const sel = specOf(d).selector;
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
}

/** `name (status.replicas/spec.replicas replicas created)`, joined, or `<none>`. */
function replicaSetsByLabels(rss: readonly KubeObject[]): string {
  if (rss.length === 0) return '<none>';
  return rss
    .map(
      (rs) =>
        `${rs.metadata.name ?? ''} (${num(rs, 'replicas')}/${specOf(rs).replicas ?? 0} replicas created)`,
    )
    .join(', ');
}

interface IntOrString {
  maxUnavailable?: number | string;
  maxSurge?: number | string;
}

/** DescribePodTemplate: the template's labels, containers (names one space deeper), volumes, scheduling. */
function podTemplateRows(template: {
  metadata?: KubeObject['metadata'];
  spec?: Record<string, unknown>;
}): Row[] {
  const spec = (template.spec ?? {}) as unknown as NonNullable<Pod['spec']>;
  const pod = { metadata: template.metadata ?? {}, spec } as Pod;
  const rows: Row[] = [['Pod Template:'], ...labelRows('  Labels', template.metadata?.labels)];
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    rows.push(...annotationRows(template.metadata?.annotations).map((r, i) => (i === 0 ? [`  ${r[0]}`, ...r.slice(1)] : r))); // prettier-ignore
  if (spec.serviceAccountName) rows.push(['  Service Account:', spec.serviceAccountName]);
  const containers = (list: readonly Container[], label: string): Row[] =>
    containerRows(label, list, undefined, pod).map((r, i) => {
      if (i === 0) return [`  ${r[0] ?? ''}`, ...r.slice(1)];
      const name = list.find((c) => r.length === 1 && r[0] === `  ${c.name}:`);
      return name ? [`   ${name.name}:`] : r;
    });
  if ((spec.initContainers ?? []).length > 0)
    rows.push(...containers(spec.initContainers ?? [], 'Init Containers'));
  rows.push(...containers(spec.containers ?? [], 'Containers'));
  rows.push(...volumeRows(spec.volumes).map((r) => (r[0] ? [`  ${r[0]}`, ...r.slice(1)] : r)));
  if (spec.priorityClassName) rows.push(['  Priority Class Name:', spec.priorityClassName]);
  rows.push(...labelRows('  Node-Selectors', spec.nodeSelector));
  rows.push(...tolerationRows(spec.tolerations).map((r) => (r[0] ? [`  ${r[0]}`, ...r.slice(1)] : r)));
  return rows;
}

/**
 * The stdout of `kubectl describe deployment <name>`: `rss` are the ReplicaSets it controls (the one with
 * the current template's hash is the new one), `events` any Events (those about this Deployment are shown).
 */
export function describeDeployment(
  d: KubeObject,
  rss: readonly KubeObject[],
  events: readonly AnyEvent[],
  nowMs: number,
): string {
  const spec = specOf(d);
  const strategy = (spec.strategy ?? {}) as { type?: string; rollingUpdate?: IntOrString };
  const status = (d.status ?? {}) as { conditions?: { type: string; status: string; reason: string }[] };
  const mine = rss.filter((rs) => controllerUid(rs) === d.metadata.uid).sort(byName);
  // The new ReplicaSet is the one whose template is the Deployment's. upstream: deploymentutil.FindNewReplicaSet
  const hash = podTemplateHash(spec.template);
  const newRS = mine.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  // Oldest first, as a public 2026 describe lists them (the last one scaled down comes last).
  const oldRSs = mine
    .filter((rs) => rs !== newRS)
    .sort((a, b) => created(a).localeCompare(created(b)) || byName(a, b));
  const t = parseTimestamp(created(d));
  const rows: Row[] = [
    ['Name:', d.metadata.name ?? ''],
    ['Namespace:', d.metadata.namespace ?? ''],
    ['CreationTimestamp:', t === null ? '' : rfc1123z(t)],
    ...labelRows('Labels', d.metadata.labels),
    ...annotationRows(d.metadata.annotations),
    ['Selector:', selectorText(d)],
    [
      'Replicas:',
      `${spec.replicas ?? 0} desired | ${num(d, 'updatedReplicas')} updated | ${num(d, 'replicas')} total | ${num(d, 'availableReplicas')} available | ${num(d, 'unavailableReplicas')} unavailable`,
    ],
    ['StrategyType:', strategy.type ?? ''],
    ['MinReadySeconds:', String(Number(spec.minReadySeconds ?? 0))],
  ];
  const ru = strategy.rollingUpdate;
  if (ru)
    rows.push(['RollingUpdateStrategy:', `${String(ru.maxUnavailable)} max unavailable, ${String(ru.maxSurge)} max surge`]); // prettier-ignore
  rows.push(...podTemplateRows(spec.template ?? {}));
  const conditions = status.conditions ?? [];
  // Written as "%v \t%v\t%v\n": the type keeps a trailing space.
  if (conditions.length > 0)
    rows.push(
      ['Conditions:'],
      ['  Type', 'Status', 'Reason'],
      ['  ----', '------', '------'],
      ...conditions.map((c) => [`  ${c.type} `, c.status, c.reason]),
    );
  rows.push(['OldReplicaSets:', replicaSetsByLabels(oldRSs)], ['NewReplicaSet:', replicaSetsByLabels(newRS ? [newRS] : [])]); // prettier-ignore
  const about = listOrder(events).filter(
    (e) => e.involved.uid === d.metadata.uid && e.involved.name === d.metadata.name,
  );
  rows.push(
    ...(about.length === 0 ? [['Events:', '<none>']] : [['Events:'], ...describeEventRows(about, nowMs)]),
  );
  return tabwrite(rows, DESCRIBE_TABWRITER).join('\n') + '\n';
}
