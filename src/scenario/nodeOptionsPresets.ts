// Node-side options, one click each: host namespaces, a shared process namespace, and probes. These pods
// keep probing (or keep running), so each runs a three-minute timeline with no delete.
import type { Preset } from './presetTexts';
import { applyOnlyPod } from './applyOnlyPod';

const pod = (name: string, spec: string): string => applyOnlyPod(name, spec, '3m');

export const NODE_OPTIONS_PRESETS: readonly Preset[] = [
  {
    id: 'host-network',
    title: 'hostNetwork: true',
    description:
      'No network namespace and no CNI ADD: the pod uses the node’s net and uts namespaces and IP.',
    text: `# hostNetwork: containerd creates no netns and calls no CNI; pod IP = node IP (see Namespaces).\n${pod(
      'host-net',
      `  hostNetwork: true
  containers:
  - name: nginx
    image: nginx:1.27
`,
    )}`,
  },
  {
    id: 'share-process-namespace',
    title: 'shareProcessNamespace: true',
    description: 'Two containers join the pause container’s pid namespace; /pause is PID 1 for both.',
    text: `# shareProcessNamespace: both containers join the pause container's pid namespace (see Namespaces).\n${pod(
      'shared-pid',
      `  shareProcessNamespace: true
  containers:
  - name: nginx
    image: nginx:1.27
  - name: shell
    image: busybox
    command: ["sleep", "3600"]
`,
    )}`,
  },
  {
    id: 'readiness-probe-fails',
    title: 'Readiness probe fails (Running, not Ready)',
    description: 'nginx answers 404 for /healthz: Unhealthy events every 10 s, the pod never becomes Ready.',
    text: `# nginx serves / but not /healthz: Readiness probe failed (404); Running, 0/1 Ready, no restart.\n${pod(
      'not-ready',
      `  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /healthz
        port: 80
      periodSeconds: 10
`,
    )}`,
  },
  {
    id: 'liveness-probe-fails',
    title: 'Liveness probe fails (restarts)',
    description: 'Nothing listens on 8080: after 3 failures the kubelet kills nginx and starts it again.',
    text: `# Nothing listens on 8080: connection refused three times, then Killing and a restart.\n${pod(
      'unhealthy',
      `  containers:
  - name: nginx
    image: nginx:1.27
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
      periodSeconds: 10
      failureThreshold: 3
`,
    )}`,
  },
];
