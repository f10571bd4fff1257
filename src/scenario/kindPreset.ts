// The "kind" preset: the kind-like cluster of /work/shared/scenarios/01-kind-nginx-scored.yaml (a
// tainted control plane and two loaded workers, as `kubectl get nodes,pods -A -o yaml` would show
// them) with its pending nginx Pod and a Scenario document for the timeline.
export const KIND_PRESET_TEXT = `# A kind-like cluster (1 control plane + 2 workers). nginx does not tolerate the control-plane taint, so the
# two workers are scored; kind-worker2 carries less load and wins on LeastAllocated.
apiVersion: v1
kind: Node
metadata:
  name: kind-control-plane
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: kind-control-plane
    kubernetes.io/os: linux
    node-role.kubernetes.io/control-plane: ""
spec:
  podCIDR: 10.244.0.0/24
  taints:
  - key: node-role.kubernetes.io/control-plane
    effect: NoSchedule
status:
  capacity: {cpu: "8", memory: 16318412Ki, ephemeral-storage: 102626232Ki, pods: "110"}
  allocatable: {cpu: "8", memory: 16318412Ki, ephemeral-storage: 102626232Ki, pods: "110"}
  conditions:
  - {type: Ready, status: "True"}
---
apiVersion: v1
kind: Node
metadata:
  name: kind-worker
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: kind-worker
    kubernetes.io/os: linux
spec:
  podCIDR: 10.244.1.0/24
status:
  capacity: {cpu: "8", memory: 16318412Ki, ephemeral-storage: 102626232Ki, pods: "110"}
  allocatable: {cpu: "8", memory: 16318412Ki, ephemeral-storage: 102626232Ki, pods: "110"}
  conditions:
  - {type: Ready, status: "True"}
---
apiVersion: v1
kind: Node
metadata:
  name: kind-worker2
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: kind-worker2
    kubernetes.io/os: linux
spec:
  podCIDR: 10.244.2.0/24
status:
  capacity: {cpu: "8", memory: 16318412Ki, ephemeral-storage: 102626232Ki, pods: "110"}
  allocatable: {cpu: "8", memory: 16318412Ki, ephemeral-storage: 102626232Ki, pods: "110"}
  conditions:
  - {type: Ready, status: "True"}
# ---- kube-system pods on the control plane (the rest are omitted: this node is filtered anyway) ----
---
apiVersion: v1
kind: Pod
metadata: {name: etcd-kind-control-plane, namespace: kube-system, labels: {component: etcd}}
spec:
  nodeName: kind-control-plane
  priorityClassName: system-node-critical
  priority: 2000001000
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    resources: {requests: {cpu: 100m, memory: 100Mi}}
status: {phase: Running}
---
apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver-kind-control-plane, namespace: kube-system, labels: {component: kube-apiserver}}
spec:
  nodeName: kind-control-plane
  priorityClassName: system-node-critical
  priority: 2000001000
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.0
    resources: {requests: {cpu: 250m}}
status: {phase: Running}
---
apiVersion: v1
kind: Pod
metadata: {name: coredns-6f6b679f8f-4xk9p, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  nodeName: kind-control-plane
  priorityClassName: system-cluster-critical
  priority: 2000000000
  tolerations:
  - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}
  containers:
  - name: coredns
    image: registry.k8s.io/coredns/coredns:v1.11.1
    resources: {requests: {cpu: 100m, memory: 70Mi}, limits: {memory: 170Mi}}
status: {phase: Running}
# ---- DaemonSet pods on every worker: kindnet requests 100m/50Mi, kube-proxy requests nothing ----
---
apiVersion: v1
kind: Pod
metadata: {name: kindnet-7tq2d, namespace: kube-system, labels: {app: kindnet}}
spec:
  nodeName: kind-worker
  containers:
  - name: kindnet-cni
    image: docker.io/kindest/kindnetd:v20240813-c6f155d6
    resources: {requests: {cpu: 100m, memory: 50Mi}, limits: {cpu: 100m, memory: 50Mi}}
status: {phase: Running}
---
apiVersion: v1
kind: Pod
metadata: {name: kube-proxy-m8w5c, namespace: kube-system, labels: {k8s-app: kube-proxy}}
spec:
  nodeName: kind-worker
  containers:
  - name: kube-proxy
    image: registry.k8s.io/kube-proxy:v1.31.0
status: {phase: Running}
---
apiVersion: v1
kind: Pod
metadata: {name: kindnet-r4zxv, namespace: kube-system, labels: {app: kindnet}}
spec:
  nodeName: kind-worker2
  containers:
  - name: kindnet-cni
    image: docker.io/kindest/kindnetd:v20240813-c6f155d6
    resources: {requests: {cpu: 100m, memory: 50Mi}, limits: {cpu: 100m, memory: 50Mi}}
status: {phase: Running}
---
apiVersion: v1
kind: Pod
metadata: {name: kube-proxy-hd6nj, namespace: kube-system, labels: {k8s-app: kube-proxy}}
spec:
  nodeName: kind-worker2
  containers:
  - name: kube-proxy
    image: registry.k8s.io/kube-proxy:v1.31.0
status: {phase: Running}
# ---- application load: postgres on kind-worker, redis on kind-worker2 ----
---
apiVersion: v1
kind: Pod
metadata: {name: postgres-0, namespace: shop, labels: {app: postgres}}
spec:
  nodeName: kind-worker
  containers:
  - name: postgres
    image: docker.io/library/postgres:16
    resources: {requests: {cpu: "1", memory: 2Gi}}
status: {phase: Running}
---
apiVersion: v1
kind: Pod
metadata: {name: redis-0, namespace: shop, labels: {app: redis}}
spec:
  nodeName: kind-worker2
  containers:
  - name: redis
    image: docker.io/library/redis:7.4
    resources: {requests: {cpu: 250m, memory: 512Mi}}
status: {phase: Running}
# ---- the pending pod ----
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx-5869d7778c-x2q8m
  namespace: web
  labels: {app: nginx, pod-template-hash: 5869d7778c}
spec:
  schedulerName: default-scheduler
  containers:
  - name: nginx
    image: docker.io/library/nginx:1.27
    ports:
    - {containerPort: 80, protocol: TCP}
    resources: {requests: {cpu: 100m, memory: 128Mi}}
status: {phase: Pending}
---
# The timeline: apply pod.yaml at once, and delete the pod when it is Running.
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: kind-nginx
spec:
  seed: 1
  horizon: 10m
  actions:
  - {at: 0s, kubectl: "apply -f pod.yaml"}
  - {when: PodRunning, pod: web/nginx-5869d7778c-x2q8m, kubectl: "delete pod nginx-5869d7778c-x2q8m -n web"}
`;
