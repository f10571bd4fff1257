// ResourceQuota, the last validating admission plugin: a pod must name the compute resources a quota
// tracks, and must fit in what is left. upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/
// resourcequota/controller.go checkRequest ("failed quota: %s: %v", "exceeded quota: %s, requested: %s,
// used: %s, limited: %s", prettyPrint); pkg/quota/v1/evaluator/core/pods.go Constraints, podComputeUsageHelper
import type { KubeObject } from '../scenario';
import type { Container, Pod } from '../k8s/pod';
import { asPod } from '../k8s/pod';
import { formatQuantity, isBinary, nanosOf } from './quantityFormat';
import { forbiddenPod, type Rejection } from './rejection';

type Usage = Map<string, { nanos: bigint; binary: boolean }>;

// upstream: pods.go validationSet — "it was a mistake, but if a quota tracks cpu or memory …"
const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];
const POD_RESOURCES = [...VALIDATION_SET, 'pods', 'count/pods'];

function add(u: Usage, key: string, text: string | number | undefined): void {
  if (text === undefined) return;
  const prev = u.get(key);
  const nanos = nanosOf(text);
  u.set(key, { nanos: (prev?.nanos ?? 0n) + nanos, binary: prev ? prev.binary : isBinary(text) });
}

/** upstream: pods.go podComputeUsageHelper, for one container or a whole pod's sums */
function computeUsage(requests: Record<string, unknown>, limits: Record<string, unknown>): Usage {
  const u: Usage = new Map();
  add(u, 'pods', 1);
  for (const r of ['cpu', 'memory']) {
    const req = requests[r] as string | number | undefined;
    add(u, r, req);
    add(u, `requests.${r}`, req);
    add(u, `limits.${r}`, limits[r] as string | number | undefined);
  }
  return u;
}

function podUsage(pod: Pod): Usage {
  const u = computeUsage({}, {});
  for (const c of pod.spec?.containers ?? []) {
    const cu = computeUsage(c.resources?.requests ?? {}, c.resources?.limits ?? {});
    for (const [k, v] of cu) if (k !== 'pods') add(u, k, formatQuantity(v.nanos, v.binary));
  }
  add(u, 'count/pods', 1);
  return u;
}

/** upstream: pods.go Constraints — "must specify limits.cpu for: nginx; requests.memory for: nginx" */
function constraints(tracked: string[], pod: Pod): string | null {
  const required = tracked.filter((r) => VALIDATION_SET.includes(r));
  const missing = new Map<string, string[]>();
  const all: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    const have = computeUsage(c.resources?.requests ?? {}, c.resources?.limits ?? {});
    for (const r of required) if (!have.has(r)) missing.set(r, [...(missing.get(r) ?? []), c.name ?? '']);
  }
  if (!missing.size) return null;
  const parts = [...missing.keys()]
    .sort()
    .map((r) => `${r} for: ${[...new Set(missing.get(r))].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

function resourceMap(v: unknown): Record<string, string | number> {
  return typeof v === 'object' && v !== null ? (v as Record<string, string | number>) : {};
}

/** The quota controller's status.used, when the scenario does not give one: non-terminal pods in the namespace. */
function usedOf(quota: KubeObject, pods: readonly Pod[]): Usage {
  const given = resourceMap((quota.status as { used?: unknown } | undefined)?.used);
  const u: Usage = new Map();
  if (Object.keys(given).length) {
    for (const [k, v] of Object.entries(given)) add(u, k, v);
    return u;
  }
  for (const p of pods) {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    for (const [k, v] of podUsage(p)) add(u, k, formatQuantity(v.nanos, v.binary));
  }
  return u;
}

/** upstream: controller.go prettyPrint — sorted `name=value`, joined by "," */
function prettyPrint(keys: string[], u: Usage): string {
  return keys
    .filter((k) => u.has(k))
    .map((k) => `${k}=${formatQuantity(u.get(k)!.nanos, u.get(k)!.binary)}`)
    .join(',');
}

function checkQuota(quota: KubeObject, pod: Pod, pods: readonly Pod[]): string | null {
  const name = quota.metadata.name ?? '';
  const hardText = resourceMap(
    (quota.status as { hard?: unknown } | undefined)?.hard ??
      (quota.spec as { hard?: unknown } | undefined)?.hard,
  );
  const hard: Usage = new Map();
  for (const [k, v] of Object.entries(hardText)) add(hard, k, v);
  const tracked = [...hard.keys()].filter((k) => POD_RESOURCES.includes(k));
  const failed = constraints(tracked, pod);
  if (failed) return `failed quota: ${name}: ${failed}`;
  const used = usedOf(quota, pods);
  const requested = podUsage(pod);
  const exceeded = tracked
    .filter((k) => requested.has(k))
    .filter((k) => (used.get(k)?.nanos ?? 0n) + requested.get(k)!.nanos > hard.get(k)!.nanos)
    .sort();
  if (!exceeded.length) return null;
  for (const k of exceeded) if (!used.has(k)) used.set(k, { nanos: 0n, binary: false });
  const r = prettyPrint(exceeded, requested);
  return `exceeded quota: ${name}, requested: ${r}, used: ${prettyPrint(exceeded, used)}, limited: ${prettyPrint(exceeded, hard)}`;
}

export function resourceQuota(
  pod: Pod,
  quotas: readonly KubeObject[],
  podsInNamespace: readonly KubeObject[],
): Rejection | null {
  const pods = podsInNamespace.map(asPod);
  for (const q of quotas) {
    const err = checkQuota(q, pod, pods);
    if (err) return forbiddenPod(pod.metadata?.name ?? '', err);
  }
  return null;
}
