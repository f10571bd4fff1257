import { describe, expect, it } from 'vitest';
import { fanout, watchCause, type ClientWatch } from './watchCache';
import { matchesFieldSelector } from './fieldSelector';
import { gracePeriod, patchStatus } from './podMutations';
import { applySchemeDefaults, defaultPullPolicy, mutatingAdmission } from './defaults';
import { invalidMessage, validatePodCreate } from './validation';
import { asObject, asPod } from '../../k8s/pod';
import { Random } from '../../time/random';
import { kv, nginxPod } from '../../testing/events';
import type { KubeObject } from '../../scenario';

const KEY = '/registry/pods/default/nginx';
const onNode = (node: string | undefined, phase = 'Pending'): KubeObject => {
  const p = nginxPod();
  return { ...p, spec: { ...(p.spec as object), ...(node ? { nodeName: node } : {}) }, status: { phase } };
};
const kubeletWatch: ClientWatch = {
  watchId: 'k',
  watcher: 'kubelet:worker-2',
  resource: 'pods',
  fieldSelector: 'spec.nodeName=worker-2',
};
const schedWatch: ClientWatch = {
  watchId: 's',
  watcher: 'scheduler',
  resource: 'pods',
  fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed',
};
const nodeWatch: ClientWatch = { watchId: 'n', watcher: 'scheduler', resource: 'nodes', fieldSelector: null };

describe('matchesFieldSelector', () => {
  it('selects everything with no selector', () => {
    expect(matchesFieldSelector(onNode(undefined), null)).toBe(true);
  });

  it('matches spec.nodeName=worker-2 only for pods bound to worker-2', () => {
    expect(matchesFieldSelector(onNode('worker-2'), 'spec.nodeName=worker-2')).toBe(true);
    expect(matchesFieldSelector(onNode('worker-1'), 'spec.nodeName=worker-2')).toBe(false);
    expect(matchesFieldSelector(onNode(undefined), 'spec.nodeName==')).toBe(true);
  });

  it('requires every != requirement of a comma-separated selector to hold', () => {
    const sel = 'status.phase!=Succeeded,status.phase!=Failed';
    expect(matchesFieldSelector(onNode('w', 'Running'), sel)).toBe(true);
    expect(matchesFieldSelector(onNode('w', 'Failed'), sel)).toBe(false);
  });

  it('rejects a requirement without an operator', () => {
    expect(matchesFieldSelector(onNode('w'), 'spec.nodeName')).toBe(false);
  });
});

describe('fanout', () => {
  it('sends ADDED to a node watch when a pod is bound to its node, and MODIFIED to a scheduler watch', () => {
    const out = fanout(
      [kubeletWatch, schedWatch, nodeWatch],
      KEY,
      kv(KEY, onNode(undefined), 2),
      kv(KEY, onNode('worker-2'), 3),
    );
    expect(out.map((f) => [f.watch.watchId, f.eventType])).toEqual([
      ['k', 'ADDED'],
      ['s', 'MODIFIED'],
    ]);
  });

  it('sends DELETED with the new object when a pod stops matching a selector', () => {
    const next = kv(KEY, onNode('worker-2', 'Succeeded'), 5);
    const out = fanout([schedWatch], KEY, kv(KEY, onNode('worker-2', 'Running'), 4), next);
    expect(out).toEqual([{ watch: schedWatch, eventType: 'DELETED', object: next.value }]);
  });

  it('sends DELETED with the last object when the key is deleted', () => {
    const prev = kv(KEY, onNode('worker-2'), 4);
    expect(fanout([kubeletWatch], KEY, prev, null)).toEqual([
      { watch: kubeletWatch, eventType: 'DELETED', object: prev.value },
    ]);
  });

  it('with 50 kubelet watches, tells only the kubelets of the old and new node, in registration order', () => {
    const kubelets: ClientWatch[] = Array.from({ length: 50 }, (_, i) => ({
      watchId: `k${i}`,
      watcher: `kubelet:worker-${i}`,
      resource: 'pods',
      fieldSelector: `spec.nodeName=worker-${i}`,
    }));
    const watches = [...kubelets.slice(0, 20), schedWatch, ...kubelets.slice(20)];
    // A pod moving between nodes (as no real pod does) exercises both the old and the new value.
    const out = fanout(watches, KEY, kv(KEY, onNode('worker-30'), 2), kv(KEY, onNode('worker-7'), 3));
    expect(out.map((f) => [f.watch.watchId, f.eventType])).toEqual([
      ['k7', 'ADDED'],
      ['s', 'MODIFIED'],
      ['k30', 'DELETED'],
    ]);
    // Each watch judged on its own gives the same answer as the index.
    const oneByOne = watches.flatMap((w) =>
      fanout([w], KEY, kv(KEY, onNode('worker-30'), 2), kv(KEY, onNode('worker-7'), 3)),
    );
    expect(out).toEqual(oneByOne);
  });

  it('sends nothing for keys that are neither pods nor nodes', () => {
    expect(
      fanout([kubeletWatch, nodeWatch], '/registry/events/default/x', null, kv('x', onNode('worker-2'), 2)),
    ).toEqual([]);
  });
});

describe('watchCause', () => {
  const cause = (activity: number) => ({ activity, phase: 'Persist' as const, pod: 'default/nginx' });

  it('makes the scheduler learning of a new unbound pod activity 5', () => {
    const f = { watch: schedWatch, eventType: 'ADDED' as const, object: onNode(undefined) };
    expect(watchCause(cause(3), f)).toEqual({ activity: 5, phase: 'Schedule', pod: 'default/nginx' });
  });

  it('makes the kubelet learning of a pod bound to its node activity 12', () => {
    const f = { watch: kubeletWatch, eventType: 'ADDED' as const, object: onNode('worker-2') };
    expect(watchCause(cause(11), f)).toEqual({ activity: 12, phase: 'Sandbox', pod: 'default/nginx' });
  });

  it('keeps the cause of the write for a MODIFIED event', () => {
    const f = { watch: kubeletWatch, eventType: 'MODIFIED' as const, object: onNode('worker-2') };
    expect(watchCause(cause(14), f)).toEqual(cause(14));
  });
});

describe('gracePeriod', () => {
  it('is 0 for a pod no node has', () => {
    expect(gracePeriod(onNode(undefined), 30)).toBe(0);
  });

  it('is 0 for a terminal pod', () => {
    expect(gracePeriod(onNode('w', 'Succeeded'), null)).toBe(0);
  });

  it('takes the spec period (default 30) when the request names none, and the request otherwise', () => {
    expect(gracePeriod(onNode('w'), null)).toBe(30);
    expect(gracePeriod(onNode('w'), 5)).toBe(5);
  });

  it('turns a negative period into 1', () => {
    expect(gracePeriod(onNode('w'), -3)).toBe(1);
  });
});

describe('patchStatus', () => {
  it('merges conditions by type and container statuses by name, the patch order first', () => {
    const stored = asObject({
      ...asPod(onNode('w')),
      status: {
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'True' },
          { type: 'Ready', status: 'False' },
        ],
        containerStatuses: [{ name: 'nginx', ready: false, restartCount: 0, image: 'nginx', imageID: '' }],
      },
    });
    const out = patchStatus(stored, {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, image: 'nginx', imageID: '' }],
    });
    const status = asPod(out).status!;
    expect(status.phase).toBe('Running');
    expect(status.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'Ready=True',
      'PodScheduled=True',
    ]);
    expect(status.containerStatuses?.map((c) => c.ready)).toEqual([true]);
  });
});

describe('defaultPullPolicy', () => {
  it('is Always for no tag or :latest and IfNotPresent for any other tag or a digest', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx@sha256:abc')).toBe('IfNotPresent');
  });

  it('does not mistake a registry port for a tag', () => {
    expect(defaultPullPolicy('registry.local:5000/nginx')).toBe('Always');
  });
});

describe('applySchemeDefaults', () => {
  const pod = applySchemeDefaults(
    asPod({
      ...nginxPod(),
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            resources: { limits: { cpu: '1' } },
            ports: [{ containerPort: 80 }],
          },
        ],
      },
    }),
  );

  it('sets the PodSpec defaults of a bare pod', () => {
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
    });
  });

  it('sets the container defaults, with requests defaulted from limits and ports to TCP', () => {
    expect(pod.spec?.containers[0]).toMatchObject({
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
      resources: { limits: { cpu: '1' }, requests: { cpu: '1' } },
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
  });
});

describe('mutatingAdmission', () => {
  const { pod, mutations } = mutatingAdmission(applySchemeDefaults(asPod(nginxPod())), new Random(1));

  it('adds the default service account and its projected kube-api-access volume, mounted read-only', () => {
    const volume = pod.spec?.volumes?.[0];
    expect(pod.spec?.serviceAccountName).toBe('default');
    expect(volume?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume?.projected?.sources?.[0]?.serviceAccountToken).toEqual({
      expirationSeconds: 3607,
      path: 'token',
    });
    expect(pod.spec?.containers[0]?.volumeMounts).toEqual([
      { name: volume?.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ]);
  });

  it('adds priority 0 and the not-ready and unreachable tolerations for 300s', () => {
    expect(pod.spec?.priority).toBe(0);
    expect(pod.spec?.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(pod.spec?.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
    expect(mutations).toHaveLength(3);
  });
});

describe('validatePodCreate', () => {
  it('rejects an upper-case name with upstream’s RFC 1123 subdomain message', () => {
    const errs = validatePodCreate(asPod({ ...nginxPod(), metadata: { name: 'Nginx' } }));
    expect(errs.map((e) => e.message)).toEqual([
      `metadata.name: Invalid value: "Nginx": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });

  it('rejects a container name that is not an RFC 1123 label, with the two spaces before "or"', () => {
    const errs = validatePodCreate(
      asPod({ ...nginxPod(), spec: { containers: [{ name: 'Web_1', image: 'nginx' }] } }),
    );
    expect(errs[0]?.message).toBe(
      `spec.containers[0].name: Invalid value: "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it('requires an image and reports duplicate container names', () => {
    const errs = validatePodCreate(
      asPod({
        ...nginxPod(),
        spec: {
          containers: [
            { name: 'a', image: '' },
            { name: 'a', image: 'x' },
          ],
        },
      }),
    );
    expect(errs.map((e) => [e.reason, e.message])).toEqual([
      ['FieldValueRequired', 'spec.containers[0].image: Required value'],
      ['FieldValueDuplicate', 'spec.containers[1].name: Duplicate value: "a"'],
    ]);
  });

  it('accepts the default nginx pod', () => {
    expect(validatePodCreate(asPod(nginxPod()))).toEqual([]);
  });

  it('renders one error bare and several in brackets in the Status message', () => {
    const one = { field: 'f', reason: 'FieldValueRequired', message: 'f: Required value' };
    expect(invalidMessage('Pod', 'x', [one])).toBe('Pod "x" is invalid: f: Required value');
    expect(invalidMessage('Pod', 'x', [one, one])).toBe(
      'Pod "x" is invalid: [f: Required value, f: Required value]',
    );
  });
});
