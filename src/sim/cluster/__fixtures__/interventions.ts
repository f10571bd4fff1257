// Scenario texts with interventions, shared by the simulation tests and the golden traces.
const NGINX = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests:
        cpu: 250m
        memory: 128Mi
`;

const scenario = (actions: string) => `${NGINX}---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: interventions
spec:
  horizon: 2m
  actions:
  - {at: 0s, kubectl: apply -f pod.yaml}
${actions}`;

/** nginx is killed by hand three times: restarted at once, then after the 10 s and 20 s back-offs. */
export const KILL_THRICE = scenario(`  - {at: 5s, runc: kill, container: nginx/nginx, signal: KILL}
  - {at: 10s, runc: kill, container: nginx/nginx, signal: KILL}
  - {at: 30s, runc: kill, container: nginx/nginx, signal: KILL}
`);

/** nginx is paused by hand, then resumed: without probes the kubelet never notices. */
export const PAUSE_RESUME = scenario(`  - {at: 5s, runc: pause, container: nginx/nginx}
  - {at: 6s, runc: pause, container: nginx/nginx}
  - {at: 40s, runc: resume, container: nginx/nginx}
`);

/** A pod whose nodeSelector no node matches, until worker-3 joins with the label. */
export const ADD_NODE = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  nodeSelector:
    disktype: ssd
  containers:
  - name: nginx
    image: nginx:1.27
---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: add-node
spec:
  horizon: 1m
  actions:
  - {at: 0s, kubectl: apply -f pod.yaml}
  - {at: 5s, addNode: worker-3, labels: {disktype: ssd}}
`;

/** A pod that needs 3600m CPU: no worker has it free until the metrics agent on worker-2 is deleted. */
export const FREE_CAPACITY = `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: 3600m
---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: free-capacity
spec:
  horizon: 2m
  actions:
  - {at: 0s, kubectl: apply -f pod.yaml}
  - {at: 5s, kubectl: delete pod metrics-agent-7k2xq -n monitoring}
`;

/** nginx with an HTTP liveness probe and a TCP readiness probe, paused by hand. */
export const PAUSE_WITH_PROBES = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: nginx
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
    readinessProbe:
      tcpSocket: {port: 80}
      periodSeconds: 5
---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: pause-with-probes
spec:
  horizon: 90s
  actions:
  - {at: 0s, kubectl: apply -f pod.yaml}
  - {at: 12s, runc: pause, container: nginx/nginx}
`;
