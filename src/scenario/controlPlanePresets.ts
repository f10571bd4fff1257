// Failure scenarios of the API server's handler chain, one per way a real create is refused (and one
// where LimitRanger fills in resources). Each text carries a Scenario document so the command and the
// identity are set; the flow stops where the real one stops.
export interface ControlPlanePreset {
  id: string;
  title: string;
  description: string;
  text: string;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  namespace: default
spec:
  containers:
  - name: nginx
    image: nginx:1.27`;

const scenario = (name: string, command: string): string => `---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: ${name}
spec:
  actions:
  - at: 0s
    kubectl: ${command}`;

const UNAUTHORIZED = `# An empty kubeconfig and a bearer token no authenticator knows: the API server
# answers 401 before anything else runs.
${POD}
${scenario('401 no valid credentials', 'kubectl --kubeconfig=/dev/null --server=https://10.0.0.10:6443 --insecure-skip-tls-verify --token=not-a-real-token apply -f pod.yaml')}
`;

const RBAC = `# kubernetes-admin impersonates jane, who may only read pods: the create is refused by RBAC.
${POD}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
  namespace: default
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: jane-reads-pods
  namespace: default
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
${scenario('403 RBAC', 'kubectl apply -f pod.yaml --as=jane')}
`;

const QUOTA = `# The namespace allows 1 CPU of requests and 2 are asked for: ResourceQuota, the last
# admission plugin, refuses the pod.
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
        cpu: "2"
        memory: 128Mi
      limits:
        cpu: "2"
        memory: 128Mi
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute-quota
  namespace: default
spec:
  hard:
    requests.cpu: "1"
    requests.memory: 1Gi
    limits.cpu: "2"
    limits.memory: 2Gi
${scenario('403 exceeded quota', 'kubectl apply -f pod.yaml')}
`;

const INVALID = `# Schema validation: an upper-case name, a container without an image, and requests
# above limits give one 422 with a cause per field.
apiVersion: v1
kind: Pod
metadata:
  name: Nginx
  namespace: default
spec:
  containers:
  - name: nginx
    resources:
      requests:
        cpu: "2"
      limits:
        cpu: "1"
${scenario('422 invalid', 'kubectl create -f pod.yaml')}
`;

const BAD_QUANTITY = `# "1x" is not a quantity: the body cannot be decoded, a 400 before any admission.
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
        cpu: 1x
${scenario('400 bad quantity', 'kubectl create -f pod.yaml')}
`;

const EXISTS = `# The pod already runs on worker-1; kubectl create does not look first, so etcd's
# create-if-absent transaction fails and the API server answers 409.
${POD}
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  namespace: default
spec:
  nodeName: worker-1
  containers:
  - name: nginx
    image: nginx:1.27
status:
  phase: Running
${scenario('409 already exists', 'kubectl create -f pod.yaml')}
`;

const POD_SECURITY = `# The namespace enforces the restricted Pod Security Standard; a plain nginx pod sets none
# of the required securityContext fields.
apiVersion: v1
kind: Namespace
metadata:
  name: secure
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  namespace: secure
spec:
  containers:
  - name: nginx
    image: nginx:1.27
${scenario('PodSecurity restricted', 'kubectl apply -f pod.yaml')}
`;

const LIMIT_RANGE = `# A LimitRange gives containers that name no resources a default request and limit;
# the admission stage's detail lists what was filled in.
${POD}
---
apiVersion: v1
kind: LimitRange
metadata:
  name: container-defaults
  namespace: default
spec:
  limits:
  - type: Container
    default:
      cpu: 500m
      memory: 256Mi
    defaultRequest:
      cpu: 250m
      memory: 128Mi
${scenario('LimitRange defaults', 'kubectl apply -f pod.yaml')}
`;

export const CONTROL_PLANE_PRESETS: readonly ControlPlanePreset[] = [
  { id: 'unauthorized', title: '401: no valid credentials', description: 'A bearer token no authenticator knows: 401, and kubectl asks you to log in.', text: UNAUTHORIZED },
  { id: 'rbac-forbidden', title: '403: RBAC forbids the create', description: 'Impersonating jane, who may only read pods: RBAC refuses the create.', text: RBAC },
  { id: 'quota-exceeded', title: '403: exceeded quota', description: 'The pod asks for more CPU than the namespace quota has left.', text: QUOTA },
  { id: 'invalid', title: '422: invalid pod', description: 'Bad name, missing image, requests above limits: one 422 with three causes.', text: INVALID },
  { id: 'bad-quantity', title: '400: bad quantity', description: 'cpu: 1x cannot be decoded; the request stops before admission.', text: BAD_QUANTITY },
  { id: 'already-exists', title: '409: already exists', description: 'kubectl create of a pod that is already running.', text: EXISTS },
  { id: 'pod-security', title: 'PodSecurity: restricted', description: 'The namespace enforces restricted; nginx as written violates it.', text: POD_SECURITY },
  { id: 'limit-range', title: 'LimitRange defaults', description: 'LimitRanger fills in requests and limits, then the pod runs.', text: LIMIT_RANGE },
]; // prettier-ignore
