// Node-side options, one click each: host namespaces, a shared process namespace, probes and a native
// sidecar. Most of these pods keep probing (or keep running), so they run a three-minute timeline with no
// delete; the sidecar pod is applied and deleted, to show both start and stop order.
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
  {
    id: 'startup-probe-fails',
    title: 'Startup probe fails (restarts)',
    description:
      'Nothing listens on 8080: the startup probe fails 3 times, the kubelet kills nginx; liveness never runs.',
    text: `# The startup probe holds the liveness probe off; it fails 3 times, so the kubelet restarts nginx.\n${pod(
      'slow-start',
      `  containers:
  - name: nginx
    image: nginx:1.27
    startupProbe:
      httpGet:
        path: /healthz
        port: 8080
      periodSeconds: 5
      failureThreshold: 3
    livenessProbe:
      httpGet:
        path: /
        port: 80
`,
    )}`,
  },
  {
    id: 'native-sidecar',
    title: 'Native sidecar (log shipper)',
    description:
      'An init container with restartPolicy: Always starts first and keeps running beside nginx (READY 2/2); on delete it stops last.',
    text: `# log-shipper is a native sidecar: an init container with restartPolicy: Always. The kubelet starts it,
# does not wait for it to exit, then starts nginx; both run (2/2). On delete, nginx stops first, then the
# sidecar: tail as PID 1 ignores SIGTERM, so it is SIGKILLed when the grace period runs out (exit 137).
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
  - name: log-shipper
    image: busybox
    restartPolicy: Always
    command: ["tail", "-F", "/var/log/nginx/access.log"]
  containers:
  - name: nginx
    image: nginx:1.27
`,
  },
];
