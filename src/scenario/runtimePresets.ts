// Container runtimes other than the default (containerd + runc), one click each: a Kata Containers pod
// (its own VM), a node running CRI-O with conmon, and the kubelet's checkpoint API.
import type { Preset } from './presetTexts';

const KATA_TEXT = `# runtimeClassName: kata — the pod runs in its own lightweight VM (Kata Containers).
# The RuntimeClass admission plugin copies the class's overhead into spec.overhead, which the
# scheduler adds to the pod's requests. containerd starts containerd-shim-kata-v2 instead of
# containerd-shim-runc-v2; the shim boots a VM (QEMU, a guest kernel) whose kata-agent creates
# the containers. runc stays the runtime of every pod without a RuntimeClass.
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: kata
handler: kata
overhead:
  podFixed:
    cpu: 250m
    memory: 160Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx-kata
  namespace: default
spec:
  runtimeClassName: kata
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests:
        cpu: 250m
        memory: 128Mi
`;

const CRIO_TEXT = `# The nodes run CRI-O instead of containerd (nodeInfo.containerRuntimeVersion: cri-o://1.37.0).
# The kubelet's CRI calls are the same; CRI-O pins the pod's namespaces with pinns and starts one
# conmon per container, which runs runc create and writes the exit file when the process ends.
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  namespace: default
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests:
        cpu: 250m
        memory: 128Mi
---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: nginx on CRI-O
spec:
  containerRuntime: cri-o
`;

const CHECKPOINT_TEXT = `# The kubelet's checkpoint API (ContainerCheckpoint, on by default since v1.30): at 10s someone
# POSTs /checkpoint/default/nginx/nginx to the kubelet's port 10250; containerd has runc checkpoint
# the container with CRIU, which leaves it running, and writes the archive to
# /var/lib/kubelet/checkpoints/checkpoint-nginx_default-nginx-<time>.tar.
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: checkpoint nginx
spec:
  horizon: 1m
  actions:
  - at: 0s
    kubectl: apply -f pod.yaml
  - at: 10s
    kubelet: checkpoint
    container: nginx/nginx
`;

const NO_RUNTIME_TEXT = `# A RuntimeClass whose handler the node's containerd has no runtime for (gVisor's runsc is not
# installed). Admission and scheduling pass; containerd refuses RunPodSandbox, the kubelet records
# FailedCreatePodSandBox and tries again every 10-15 s; the pod stays Pending, ContainerCreating.
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor
handler: runsc
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx-gvisor
  namespace: default
spec:
  runtimeClassName: gvisor
  containers:
  - name: nginx
    image: nginx:1.27
---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: runtime handler not configured
spec:
  horizon: 1m
`;

export const RUNTIME_PRESETS: readonly Preset[] = [
  {
    id: 'kata',
    title: 'runtimeClassName: kata (a VM per pod)',
    description:
      'Kata Containers: containerd-shim-kata-v2 boots a VM; kata-agent creates the containers inside it.',
    text: KATA_TEXT,
  },
  {
    id: 'cri-o',
    title: 'CRI-O instead of containerd',
    description: 'The same CRI calls served by CRI-O: pinns for the namespaces, one conmon per container.',
    text: CRIO_TEXT,
  },
  {
    id: 'runtime-handler-missing',
    title: 'RuntimeClass handler not configured',
    description:
      'runtimeClassName: gvisor, handler runsc: containerd has no such runtime, so FailedCreatePodSandBox and retries.',
    text: NO_RUNTIME_TEXT,
  },
  {
    id: 'checkpoint',
    title: 'Checkpoint a container (kubelet API)',
    description:
      'POST /checkpoint/… to the kubelet: CRIU dumps nginx, which keeps running, into a tar archive.',
    text: CHECKPOINT_TEXT,
  },
];
