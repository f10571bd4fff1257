// What the API server adds to a Pod on create: scheme defaults, then mutating admission, then the
// server-set fields. Each block names the upstream code it follows (lifecycle.md §1.3–1.4).
import type { Container, Pod } from '../../k8s/pod';
import { qosClass } from '../../k8s/pod';
import type { Random } from '../../time/random';
import { newNameSuffix, newUid } from '../../time/ids';
import { rfc3339 } from '../../time/timestamps';
import type { KubeObject } from '../../scenario';
import { globalDefaultClass, SYSTEM_PRIORITY_CLASSES } from '../../k8s/priority';

/** Image tag rule. upstream: pkg/apis/core/v1/defaults.go SetDefaults_Container */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const tag = colon > lastSlash ? image.slice(colon + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Container): Container {
  const limits = c.resources?.limits;
  const requests = { ...(c.resources?.requests ?? {}) };
  // upstream: pkg/apis/core/v1/defaults.go SetDefaults_Pod — requests default to limits, per resource
  for (const [k, v] of Object.entries(limits ?? {})) if (requests[k] === undefined) requests[k] = v;
  const resources = c.resources
    ? { ...c.resources, ...(Object.keys(requests).length ? { requests } : {}) }
    : {};
  return {
    ...c,
    ...(c.ports ? { ports: c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })) } : {}),
    resources,
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
    imagePullPolicy: c.imagePullPolicy ?? defaultPullPolicy(c.image ?? ''),
  };
}

/** Scheme defaulting. upstream: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec, SetDefaults_Pod */
export function applySchemeDefaults(pod: Pod): Pod {
  const spec = pod.spec ?? { containers: [] };
  return {
    ...pod,
    spec: {
      ...spec,
      containers: (spec.containers ?? []).map(defaultContainer),
      ...(spec.initContainers ? { initContainers: spec.initContainers.map(defaultContainer) } : {}),
      restartPolicy: spec.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
      dnsPolicy: spec.dnsPolicy ?? 'ClusterFirst',
      securityContext: spec.securityContext ?? {},
      schedulerName: spec.schedulerName ?? 'default-scheduler',
      enableServiceLinks: spec.enableServiceLinks ?? true,
    },
  };
}

const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The ServiceAccount plugin's projected token volume. upstream: plugin/pkg/admission/serviceaccount/admission.go */
function serviceAccount(pod: Pod, rnd: Random): { pod: Pod; volume: string } {
  const volume = `kube-api-access-${newNameSuffix(rnd)}`;
  const mount = { name: volume, readOnly: true, mountPath: SA_MOUNT };
  const spec = pod.spec!;
  const withMount = (c: Container): Container => ({ ...c, volumeMounts: [...(c.volumeMounts ?? []), mount] });
  return {
    volume,
    pod: {
      ...pod,
      spec: {
        ...spec,
        serviceAccountName: spec.serviceAccountName ?? 'default',
        serviceAccount: spec.serviceAccountName ?? 'default',
        containers: spec.containers.map(withMount),
        ...(spec.initContainers ? { initContainers: spec.initContainers.map(withMount) } : {}),
        volumes: [
          ...(spec.volumes ?? []),
          {
            name: volume,
            projected: {
              defaultMode: 420,
              sources: [
                { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                {
                  downwardAPI: {
                    items: [
                      { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  };
}

/** upstream: plugin/pkg/admission/defaulttolerationseconds/admission.go */
function defaultTolerationSeconds(pod: Pod): Pod {
  const tolerations = [...(pod.spec?.tolerations ?? [])];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = tolerations.some(
      (t) =>
        (t.key === key || (t.key === undefined && t.operator === 'Exists')) &&
        (!t.effect || t.effect === 'NoExecute'),
    );
    if (!tolerated)
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  return { ...pod, spec: { ...pod.spec!, tolerations } };
}

/**
 * spec.priority (and preemptionPolicy) from the pod's priorityClassName, when that class exists; a pod
 * without one gets the global default class's, or 0. (A missing class is refused before: admit.ts.)
 * upstream: plugin/pkg/admission/priority/admission.go admitPod
 */
function priority(pod: Pod, classes: KubeObject[]): { pod: Pod; summary: string } {
  const name = pod.spec?.priorityClassName;
  const pc = name ? classes.find((c) => c.metadata.name === name) : globalDefaultClass(classes);
  const value = pc
    ? Number((pc as { value?: number }).value ?? 0)
    : name && name in SYSTEM_PRIORITY_CLASSES
      ? SYSTEM_PRIORITY_CLASSES[name]!
      : (pod.spec?.priority ?? 0);
  const policy =
    (pc as { preemptionPolicy?: string } | undefined)?.preemptionPolicy ??
    pod.spec?.preemptionPolicy ??
    'PreemptLowerPriority';
  const from =
    pc || (name && name in SYSTEM_PRIORITY_CLASSES) ? ` (PriorityClass ${pc?.metadata.name ?? name})` : '';
  return {
    pod: { ...pod, spec: { ...pod.spec!, priority: value, preemptionPolicy: policy } },
    summary: `Priority: priority ${value}${from}, preemptionPolicy ${policy}`,
  };
}

export interface AdmittedPod {
  pod: Pod;
  mutations: string[];
  /** The pod after each plugin that changed it, in order, so each added field can be credited. */
  steps: { plugin: string; pod: Pod }[];
}

/** Mutating admission in upstream order (lifecycle.md §1.3), for the plugins that touch a bare Pod. */
export function mutatingAdmission(pod: Pod, rnd: Random, priorityClasses: KubeObject[] = []): AdmittedPod {
  const sa = serviceAccount(pod, rnd);
  const prio = priority(sa.pod, priorityClasses);
  const tolerated = defaultTolerationSeconds(prio.pod);
  return {
    pod: tolerated,
    steps: [
      { plugin: 'ServiceAccount', pod: sa.pod },
      { plugin: 'Priority', pod: prio.pod },
      { plugin: 'DefaultTolerationSeconds', pod: tolerated },
    ],
    mutations: [
      `ServiceAccount: serviceAccountName default, volume ${sa.volume}`,
      prio.summary,
      'DefaultTolerationSeconds: not-ready and unreachable for 300s',
    ],
  };
}

/** Fields the server sets (strategy PrepareForCreate and the registry). upstream: pkg/registry/core/pod/strategy.go */
export function prepareForCreate(pod: Pod, rnd: Random, nowMs: number, manager: string): Pod {
  const created = rfc3339(nowMs);
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      namespace: pod.metadata?.namespace ?? 'default',
      uid: newUid(rnd),
      generation: 1,
      creationTimestamp: created,
      managedFields: [
        { manager, operation: 'Update', apiVersion: 'v1', time: created, fieldsType: 'FieldsV1' },
      ],
    },
    status: { phase: 'Pending', qosClass: qosClass(pod) },
  };
}
