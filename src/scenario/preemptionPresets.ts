// Preemption (issue 3, items 2 and 4): a high-priority pod finds its only node full, DefaultPreemption picks
// the low-priority victim, the scheduler nominates the node and deletes the victim gracefully, the kubelet
// terminates it, and the pod is scheduled onto the nominated node once the victim is gone.
import type { Preset } from './presetTexts';

/** A Ready 4-CPU, 8Gi worker: the presets' nodes differ only by name. */
const readyNode = (name: string): string => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels: {kubernetes.io/hostname: ${name}, kubernetes.io/os: linux}
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "True"}`;

const PREEMPTION_TEXT = `# One node, full: batch-7f9c (2500m) and report-4k2d (1000m) run there with the low-priority class.
# The pending api pod (high-priority, 2 CPU) fits nowhere, so DefaultPreemption dry-runs node-1: without
# both low-priority pods it fits; report-4k2d is reprieved (the pod still fits with it), batch-7f9c is the
# victim. The scheduler sets nominatedNodeName, deletes batch-7f9c (30 s grace), and schedules api onto
# node-1 once the victim has terminated.
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high-priority}
value: 1000000
globalDefault: false
description: Serving pods; may preempt batch work.
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low-priority}
value: 1000
globalDefault: false
description: Batch work that may be preempted.
---
${readyNode('node-1')}
---
apiVersion: v1
kind: Pod
metadata: {name: batch-7f9c, namespace: default, labels: {app: batch}}
spec:
  nodeName: node-1
  priorityClassName: low-priority
  priority: 1000
  containers:
  - name: worker
    image: docker.io/library/busybox:1.37
    resources: {requests: {cpu: 2500m, memory: 1Gi}}
status: {phase: Running, startTime: "2025-01-01T00:00:00Z"}
---
apiVersion: v1
kind: Pod
metadata: {name: report-4k2d, namespace: default, labels: {app: report}}
spec:
  nodeName: node-1
  priorityClassName: low-priority
  priority: 1000
  containers:
  - name: worker
    image: docker.io/library/busybox:1.37
    resources: {requests: {cpu: "1", memory: 512Mi}}
status: {phase: Running, startTime: "2025-01-01T00:05:00Z"}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: default, labels: {app: api}}
spec:
  priorityClassName: high-priority
  containers:
  - name: nginx
    image: nginx:1.27
    resources: {requests: {cpu: "2", memory: 1Gi}}
---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: preemption
spec:
  horizon: 2m
  actions:
  - at: 0s
    kubectl: apply -f pod.yaml
`;

export const PREEMPTION_PRESET: Preset = {
  id: 'preemption',
  title: 'Preemption (priority classes)',
  description:
    'A high-priority pod on a full node: the scheduler nominates the node, deletes a low-priority victim, then binds.',
  text: PREEMPTION_TEXT,
};

const PDB_TEXT = `# Two full nodes. On node-1 runs db-0 (low-priority, 1000), guarded by a PodDisruptionBudget that allows
# no disruption; on node-2 runs cache-0 (medium-priority, 2000). The pending api pod (high-priority, 2 CPU)
# fits nowhere. DefaultPreemption dry-runs both nodes: evicting db-0 would violate db-pdb, evicting cache-0
# violates nothing, and a candidate without PDB violations wins before victim priority is even compared,
# so cache-0 is preempted on node-2 although db-0 has the lower priority.
# db-pdb has no status here: as in a real cluster, kube-controller-manager's disruption controller computes
# it at start-up (1 matching pod, 1 Ready, minAvailable 1: disruptionsAllowed 0, InsufficientPods) and
# writes it through the status subresource before the api pod is applied; DefaultPreemption reads that.
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high-priority}
value: 1000000
description: Serving pods; may preempt others.
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: medium-priority}
value: 2000
description: Caches.
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low-priority}
value: 1000
description: Databases that a PodDisruptionBudget protects.
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: db-pdb, namespace: default}
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: db}
---
${readyNode('node-1')}
---
${readyNode('node-2')}
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: default, labels: {app: db}}
spec:
  nodeName: node-1
  priorityClassName: low-priority
  priority: 1000
  containers:
  - name: postgres
    image: docker.io/library/postgres:16
    resources: {requests: {cpu: "3", memory: 2Gi}}
status:
  phase: Running
  startTime: "2025-01-01T00:00:00Z"
  conditions:
  - {type: Ready, status: "True"}
---
apiVersion: v1
kind: Pod
metadata: {name: cache-0, namespace: default, labels: {app: cache}}
spec:
  nodeName: node-2
  priorityClassName: medium-priority
  priority: 2000
  containers:
  - name: redis
    image: docker.io/library/redis:7.4
    resources: {requests: {cpu: "3", memory: 1Gi}}
status:
  phase: Running
  startTime: "2025-01-01T00:00:00Z"
  conditions:
  - {type: Ready, status: "True"}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: default, labels: {app: api}}
spec:
  priorityClassName: high-priority
  containers:
  - name: nginx
    image: nginx:1.27
    resources: {requests: {cpu: "2", memory: 1Gi}}
---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: preemption with a PodDisruptionBudget
spec:
  horizon: 2m
  actions:
  - at: 0s
    kubectl: apply -f pod.yaml
`;

export const PREEMPTION_PDB_PRESET: Preset = {
  id: 'preemption-pdb',
  title: 'Preemption that respects a PodDisruptionBudget',
  description:
    'Two full nodes: DefaultPreemption spares the PDB-guarded pod and evicts the higher-priority one that no budget protects.',
  text: PDB_TEXT,
};
