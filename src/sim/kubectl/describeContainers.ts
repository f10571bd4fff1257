// The `Containers:` / `Init Containers:` sections of `kubectl describe pod`. Status lines (Container ID, Image ID,
// State, Ready, Restart Count) only appear once the kubelet has reported a status for that container.
// upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go describeContainers, describeContainerBasicInfo,
// describeContainerState, describeStatus, describeResources, DescribeProbe, describeContainerEnvVars,
// describeContainerEnvFrom, describeContainerVolumes
import type {
  Container,
  ContainerPort,
  ContainerState,
  ContainerStatus,
  Pod,
  Probe,
} from 'kubernetes-types/core/v1';
import type { Row } from './tabwriter';
import { parseTimestamp, rfc1123z } from './time';

const L2 = '    ';
const L3 = '      ';
// What Go's Time.Format prints for a zero time.
const ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';

function when(ts: string | undefined): string {
  const at = parseTimestamp(ts);
  return at === null ? ZERO_TIME : rfc1123z(at);
}

function portList(ports: readonly ContainerPort[], host: boolean): string {
  return ports
    .map(
      (p) =>
        `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? ''}${p.name ? ` (${p.name})` : ''}`,
    )
    .join(', ');
}

function portRows(c: Container): Row[] {
  const ports = portList(c.ports ?? [], false);
  const hostPorts = portList(c.ports ?? [], true);
  return [
    ports.includes(',') ? [`${L2}Ports:`, ports] : [`${L2}Port:`, ports || '<none>'],
    hostPorts.includes(',') ? [`${L2}Host Ports:`, hostPorts] : [`${L2}Host Port:`, hostPorts || '<none>'],
  ];
}

function basicRows(c: Container, status: ContainerStatus | undefined): Row[] {
  const rows: Row[] = [[`  ${c.name}:`]];
  if (status) rows.push([`${L2}Container ID:`, status.containerID ?? '']);
  rows.push([`${L2}Image:`, c.image ?? '']);
  if (status) rows.push([`${L2}Image ID:`, status.imageID]);
  rows.push(...portRows(c));
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    rows.push([`${L2}SeccompProfile:`, seccomp.type]);
    if (seccomp.type === 'Localhost') rows.push([`${L3}LocalhostProfile:`, seccomp.localhostProfile ?? '']);
  }
  const lines = (title: string, items: readonly string[] | undefined): Row[] =>
    items && items.length > 0
      ? [[`${L2}${title}:`], ...items.flatMap((s) => s.split('\n').map((l) => [`${L3}${l}`]))]
      : [];
  return [...rows, ...lines('Command', c.command), ...lines('Args', c.args)];
}

function stateRows(name: string, state: ContainerState | undefined): Row[] {
  if (state?.running)
    return [
      [`${L2}${name}:`, 'Running'],
      [`${L3}Started:`, when(state.running.startedAt)],
    ];
  const t = state?.terminated;
  if (!state?.waiting && t) {
    const rows: Row[] = [[`${L2}${name}:`, 'Terminated']];
    if (t.reason) rows.push([`${L3}Reason:`, t.reason]);
    if (t.message) rows.push([`${L3}Message:`, t.message]);
    rows.push([`${L3}Exit Code:`, String(t.exitCode)]);
    if (t.signal && t.signal > 0) rows.push([`${L3}Signal:`, String(t.signal)]);
    return [...rows, [`${L3}Started:`, when(t.startedAt)], [`${L3}Finished:`, when(t.finishedAt)]];
  }
  const reason = state?.waiting?.reason;
  return [[`${L2}${name}:`, 'Waiting'], ...(reason ? [[`${L3}Reason:`, reason]] : [])];
}

function statusRows(s: ContainerStatus): Row[] {
  return [
    ...stateRows('State', s.state),
    ...(s.lastState?.terminated ? stateRows('Last State', s.lastState) : []),
    [`${L2}Ready:`, s.ready ? 'True' : 'False'],
    [`${L2}Restart Count:`, String(s.restartCount)],
  ];
}

function resourceRows(c: Container): Row[] {
  const rows: Row[] = [];
  for (const [title, list] of [
    ['Limits', c.resources?.limits],
    ['Requests', c.resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) rows.push([`${L2}${title}:`]);
    for (const n of names) rows.push([`${L3}${n}:`, String(list?.[n] ?? '')]);
  }
  return rows;
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** upstream: describe.go DescribeProbe */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const path = p.httpGet.path ?? '';
    const url = `${(p.httpGet.scheme ?? '').toLowerCase()}://${joinHostPort(p.httpGet.host ?? '', String(p.httpGet.port))}`;
    return `http-get ${url}${path && !path.startsWith('/') ? '/' : ''}${path} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function probeRows(c: Container): Row[] {
  const rows: Row[] = [];
  if (c.livenessProbe) rows.push([`${L2}Liveness:`, describeProbe(c.livenessProbe)]);
  if (c.readinessProbe) rows.push([`${L2}Readiness:`, describeProbe(c.readinessProbe)]);
  if (c.startupProbe) rows.push([`${L2}Startup:`, describeProbe(c.startupProbe)]);
  return rows;
}

// The subset of fieldpath.ExtractFieldPathAsString that pods use for env vars.
function fieldValue(pod: Pod, path: string): string {
  const simple: Record<string, string | undefined> = {
    'metadata.name': pod.metadata?.name,
    'metadata.namespace': pod.metadata?.namespace,
    'metadata.uid': pod.metadata?.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.podIP': pod.status?.podIP,
  };
  return simple[path] ?? '';
}

function envRows(c: Container, pod: Pod): Row[] {
  const env = c.env ?? [];
  const rows: Row[] = [env.length === 0 ? [`${L2}Environment:`, '<none>'] : [`${L2}Environment:`]];
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '')
        .split('\n')
        .forEach((line, i) => rows.push(i === 0 ? [`${L3}${e.name}:`, line] : [L3, line]));
    } else if (from.fieldRef) {
      const ref = from.fieldRef;
      rows.push([
        `${L3}${e.name}:`,
        `${fieldValue(pod, ref.fieldPath)} (${ref.apiVersion ?? ''}:${ref.fieldPath})`,
      ]);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      rows.push([
        `${L3}${e.name}:`,
        `<set to the key '${r.key}' in secret '${r.name ?? ''}'>`,
        `Optional: ${r.optional === true}`,
      ]);
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      rows.push([
        `${L3}${e.name}:`,
        `<set to the key '${r.key}' of config map '${r.name ?? ''}'>`,
        `Optional: ${r.optional === true}`,
      ]);
    }
  }
  return rows;
}

function envFromRows(c: Container): Row[] {
  if (!c.envFrom || c.envFrom.length === 0) return [];
  const rows: Row[] = [[`${L2}Environment Variables from:`]];
  for (const e of c.envFrom) {
    const ref = e.configMapRef ?? e.secretRef;
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const source = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
    rows.push([`${L3}${ref?.name ?? ''}`, source, `Optional: ${ref?.optional === true}`]);
  }
  return rows;
}

function mountRows(c: Container): Row[] {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
    a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
  );
  if (mounts.length === 0) return [[`${L2}Mounts:`, '<none>']];
  const lines = mounts.map((m) => {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    return [`${L3}${m.mountPath} from ${m.name} (${flags.join(',')})`];
  });
  return [[`${L2}Mounts:`], ...lines];
}

/** `Containers:` (or `Init Containers:`) with one block per container. */
export function containerRows(
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  pod: Pod,
): Row[] {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  const rows: Row[] = [[`${label}:${containers.length === 0 ? ' <none>' : ''}`]];
  for (const c of containers) {
    const status = byName.get(c.name);
    rows.push(...basicRows(c, status), ...(status ? statusRows(status) : []));
    rows.push(...resourceRows(c), ...probeRows(c), ...envFromRows(c), ...envRows(c, pod), ...mountRows(c));
  }
  return rows;
}
