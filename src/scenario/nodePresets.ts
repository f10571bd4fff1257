// Node-side failure scenarios, one click each: what the kubelet, containerd and runc do when an image is
// missing, a process crashes, runs out of memory, or finishes. Each is also just a manifest to edit.
import type { Preset } from './presetTexts';
import { applyOnlyPod } from './applyOnlyPod';

const pod = (name: string, spec: string): string => applyOnlyPod(name, spec, '10m');

export const NODE_PRESETS: readonly Preset[] = [
  {
    id: 'image-pull-backoff',
    title: 'ErrImagePull, then ImagePullBackOff',
    description: 'A tag the registry does not have: pulls fail and back off 10 s, 20 s, 40 s, …',
    text: `# nginx:nope does not exist: the kubelet reports ErrImagePull, then backs off (ImagePullBackOff).\n${pod(
      'nginx',
      `  containers:
  - name: nginx
    image: nginx:nope
`,
    )}`,
  },
  {
    id: 'crash-loop',
    title: 'CrashLoopBackOff',
    description: 'A container that exits 1 at once is restarted with a back-off of 10 s doubling to 5 min.',
    text: `# The shell exits 1 at once; restartPolicy Always restarts it with back-off (CrashLoopBackOff).\n${pod(
      'crash',
      `  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "exit 1"]
`,
    )}`,
  },
  {
    id: 'oom-killed',
    title: 'OOMKilled (exit code 137)',
    description: 'stress allocates 256M under a 128Mi limit: the kernel OOM-kills it.',
    text: `# stress allocates past its memory limit: the cgroup's OOM killer ends it (OOMKilled, exit 137).\n${pod(
      'memory-hog',
      `  containers:
  - name: stress
    image: polinux/stress
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "256M", "--vm-hang", "1"]
    resources:
      requests:
        memory: 64Mi
      limits:
        memory: 128Mi
`,
    )}`,
  },
  {
    id: 'completed',
    title: 'Completed (restartPolicy: Never)',
    description: 'A job-like container sleeps 5 s and exits 0; the pod ends Succeeded.',
    text: `# With restartPolicy Never, a container that exits 0 leaves the pod Succeeded (STATUS Completed).\n${pod(
      'once',
      `  restartPolicy: Never
  containers:
  - name: task
    image: busybox
    command: ["sh", "-c", "sleep 5; exit 0"]
`,
    )}`,
  },
  {
    id: 'init-error',
    title: 'Init:Error and Init:CrashLoopBackOff',
    description: 'An init container that fails keeps the app container from ever starting.',
    text: `# The init container exits 1, so nginx never starts: Init:Error, then Init:CrashLoopBackOff.\n${pod(
      'web',
      `  initContainers:
  - name: wait-for-db
    image: busybox
    command: ["sh", "-c", "exit 1"]
  containers:
  - name: nginx
    image: nginx:1.27
`,
    )}`,
  },
];
