// PodSecurity: the namespace's pod-security.kubernetes.io labels choose a level; a pod that breaks it is
// refused (enforce) or answered with a warning (warn). Only the checks below are modelled.
// upstream: staging/src/k8s.io/pod-security-admission/admission/admission.go EvaluatePod ("violates
// PodSecurity %q: %s", warnings "would violate PodSecurity %q: %s"); policy/registry.go (baseline checks,
// then restricted ones); policy/check_*.go for each reason and detail.
import type { Container, Pod } from '../k8s/pod';
import { joinQuote } from './rejection';

interface CheckResult {
  reason: string;
  detail: string;
}
type Check = (pod: Pod) => CheckResult | null;

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);
const containersOf = (pod: Pod): Container[] => [
  ...(pod.spec?.initContainers ?? []),
  ...(pod.spec?.containers ?? []),
];
const names = (cs: Container[]): string => joinQuote(cs.map((c) => c.name ?? ''));
const them = (cs: Container[]): string => `${plural(cs.length, 'container', 'containers')} ${names(cs)}`;

/** upstream: check_hostNamespaces.go hostNamespaces_1_0 */
const hostNamespaces: Check = (pod) => {
  const s = pod.spec ?? { containers: [] };
  const set = [s.hostIPC && 'hostIPC', s.hostNetwork && 'hostNetwork', s.hostPID && 'hostPID'].filter(
    (x): x is string => !!x,
  );
  return set.length ? { reason: 'host namespaces', detail: set.join(', ') } : null;
};

/** upstream: check_hostPorts.go hostPorts_1_0 */
const hostPorts: Check = (pod) => {
  const bad = containersOf(pod).filter((c) => (c.ports ?? []).some((p) => p.hostPort));
  if (!bad.length) return null;
  const ports = [...new Set(bad.flatMap((c) => (c.ports ?? []).map((p) => p.hostPort).filter(Boolean)))]
    .map(String)
    .sort();
  const verb = plural(bad.length, 'uses', 'use');
  const detail = `${them(bad)} ${verb} ${plural(ports.length, 'hostPort', 'hostPorts')} ${ports.join(', ')}`;
  return { reason: 'hostPort', detail };
};

/** upstream: check_privileged.go privileged_1_0 */
const privileged: Check = (pod) => {
  const bad = containersOf(pod).filter((c) => c.securityContext?.privileged === true);
  if (!bad.length) return null;
  return { reason: 'privileged', detail: `${them(bad)} must not set securityContext.privileged=true` };
};

/** upstream: check_allowPrivilegeEscalation.go allowPrivilegeEscalation_1_8 */
const allowPrivilegeEscalation: Check = (pod) => {
  const bad = containersOf(pod).filter((c) => c.securityContext?.allowPrivilegeEscalation !== false);
  if (!bad.length) return null;
  const detail = `${them(bad)} must set securityContext.allowPrivilegeEscalation=false`;
  return { reason: 'allowPrivilegeEscalation != false', detail };
};

/** upstream: check_capabilities_restricted.go capabilitiesRestricted_1_22 (drop ALL; add only NET_BIND_SERVICE) */
const capabilities: Check = (pod) => {
  const cs = containersOf(pod);
  const noDrop = cs.filter((c) => !(c.securityContext?.capabilities?.drop ?? []).includes('ALL'));
  const adds = (c: Container) =>
    (c.securityContext?.capabilities?.add ?? []).filter((x) => x !== 'NET_BIND_SERVICE');
  const adding = cs.filter((c) => adds(c).length > 0);
  const details: string[] = [];
  if (noDrop.length) details.push(`${them(noDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length) {
    const caps = [...new Set(adding.flatMap(adds))].sort();
    details.push(`${them(adding)} must not include ${joinQuote(caps)} in securityContext.capabilities.add`);
  }
  return details.length ? { reason: 'unrestricted capabilities', detail: details.join('; ') } : null;
};

/** upstream: check_runAsNonRoot.go runAsNonRoot_1_0 (the user-namespace relaxation is not modelled) */
const runAsNonRoot: Check = (pod) => {
  const podSetting = pod.spec?.securityContext?.runAsNonRoot;
  const setters = podSetting === false ? ['pod'] : [];
  const cs = containersOf(pod);
  const explicit = cs.filter((c) => c.securityContext?.runAsNonRoot === false);
  if (explicit.length) setters.push(them(explicit));
  const reason = 'runAsNonRoot != true';
  if (setters.length)
    return { reason, detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false` };
  const implicit = cs.filter((c) => c.securityContext?.runAsNonRoot === undefined && podSetting !== true);
  if (!implicit.length) return null;
  return { reason, detail: `pod or ${them(implicit)} must set securityContext.runAsNonRoot=true` };
};

const VALID_SECCOMP = ['RuntimeDefault', 'Localhost'];
/** upstream: check_seccompProfile_restricted.go seccompProfileRestricted_1_19 */
const seccompProfile: Check = (pod) => {
  const podType = pod.spec?.securityContext?.seccompProfile?.type;
  const setters: string[] = [];
  const badValues = new Set<string>();
  if (podType !== undefined && !VALID_SECCOMP.includes(podType)) {
    setters.push('pod');
    badValues.add(podType);
  }
  const podSet = podType !== undefined && VALID_SECCOMP.includes(podType);
  const cs = containersOf(pod);
  const explicit = cs.filter((c) => {
    const t = c.securityContext?.seccompProfile?.type;
    if (t === undefined || VALID_SECCOMP.includes(t)) return false;
    badValues.add(t);
    return true;
  });
  if (explicit.length) setters.push(them(explicit));
  if (setters.length) {
    const detail = `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote([...badValues].sort())}`;
    return { reason: 'seccompProfile', detail };
  }
  const implicit = cs.filter((c) => c.securityContext?.seccompProfile === undefined && !podSet);
  if (!implicit.length) return null;
  const detail = `pod or ${them(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`;
  return { reason: 'seccompProfile', detail };
};

const BASELINE: Check[] = [hostNamespaces, hostPorts, privileged];
const RESTRICTED: Check[] = [allowPrivilegeEscalation, capabilities, runAsNonRoot, seccompProfile];

/** The level a mode's labels choose, as `level:version`; null for privileged (nothing is checked). */
function levelOf(labels: Record<string, string>, mode: 'enforce' | 'warn'): string | null {
  const level = labels[`pod-security.kubernetes.io/${mode}`];
  if (level !== 'baseline' && level !== 'restricted') return null;
  return `${level}:${labels[`pod-security.kubernetes.io/${mode}-version`] ?? 'latest'}`;
}

/** upstream: policy/check_result.go AggregateCheckResult.ForbiddenDetail */
function evaluate(pod: Pod, level: string): string | null {
  const checks = level.startsWith('restricted') ? [...BASELINE, ...RESTRICTED] : BASELINE;
  const failed = checks.map((c) => c(pod)).filter((r): r is CheckResult => r !== null);
  return failed.length ? failed.map((r) => `${r.reason} (${r.detail})`).join(', ') : null;
}

export interface PodSecurityResult {
  /** The error text of a refusal (enforce), or null. */
  violation: string | null;
  /** The warning kubectl prints (warn), or null. */
  warning: string | null;
  levels: { enforce: string | null; warn: string | null };
}

export function podSecurity(pod: Pod, labels: Record<string, string>): PodSecurityResult {
  const enforce = levelOf(labels, 'enforce');
  const warn = levelOf(labels, 'warn');
  const e = enforce ? evaluate(pod, enforce) : null;
  const w = warn ? evaluate(pod, warn) : null;
  return {
    violation: e ? `violates PodSecurity ${JSON.stringify(enforce)}: ${e}` : null,
    warning: w ? `would violate PodSecurity ${JSON.stringify(warn)}: ${w}` : null,
    levels: { enforce, warn },
  };
}
