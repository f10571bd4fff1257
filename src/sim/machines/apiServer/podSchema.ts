// The Pod v1 fields strict decoding knows, for the levels a manifest usually gets wrong. Deeper
// structures (volumes, probes, affinity, …) are accepted as they are. upstream: staging/src/k8s.io/api/
// core/v1/types.go (Pod, ObjectMeta, PodSpec, Container, ContainerPort, ResourceRequirements, SecurityContext)
export type Schema = { readonly [field: string]: Schema | 'any' | { list: Schema } };

const ANY = 'any' as const;
const anyOf = (names: string[]): Schema => Object.fromEntries(names.map((n) => [n, ANY]));

const OBJECT_META = anyOf([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation',
  'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations',
  'ownerReferences', 'finalizers', 'managedFields',
]); // prettier-ignore

const SECURITY_CONTEXT = anyOf([
  'capabilities', 'privileged', 'seLinuxOptions', 'windowsOptions', 'runAsUser', 'runAsGroup',
  'runAsNonRoot', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'procMount', 'seccompProfile',
  'appArmorProfile',
]); // prettier-ignore

const CONTAINER: Schema = {
  ...anyOf([
    'name', 'image', 'command', 'args', 'workingDir', 'envFrom', 'env', 'resizePolicy', 'restartPolicy',
    'restartPolicyRules', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe',
    'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy',
    'stdin', 'stdinOnce', 'tty', 'stopSignal',
  ]), // prettier-ignore
  ports: { list: anyOf(['name', 'hostPort', 'containerPort', 'protocol', 'hostIP']) },
  resources: anyOf(['limits', 'requests', 'claims']),
  securityContext: SECURITY_CONTEXT,
};

const POD_SPEC: Schema = {
  ...anyOf([
    'volumes', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
    'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount',
    'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID', 'hostIPC',
    'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity',
    'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig',
    'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead',
    'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates',
    'resourceClaims', 'resources', 'hostnameOverride', 'workloadRef',
  ]), // prettier-ignore
  containers: { list: CONTAINER },
  initContainers: { list: CONTAINER },
};

export const POD_SCHEMA: Schema = {
  apiVersion: ANY,
  kind: ANY,
  metadata: OBJECT_META,
  spec: POD_SPEC,
  status: ANY,
};

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isList(rule: Schema | { list: Schema }): rule is { list: Schema } {
  return typeof (rule as { list?: unknown }).list === 'object';
}

/** Unknown field paths in document order, as sigs.k8s.io/json's strict decoder names them. */
export function unknownFields(value: unknown, schema: Schema, path = ''): string[] {
  if (!isMap(value)) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const p = path ? `${path}.${key}` : key;
    const rule = schema[key];
    if (rule === undefined) out.push(p);
    else if (rule === ANY) continue;
    else if (!isList(rule)) out.push(...unknownFields(child, rule, p));
    else if (Array.isArray(child))
      child.forEach((item, i) => out.push(...unknownFields(item, rule.list, `${p}[${i}]`)));
  }
  return out;
}
