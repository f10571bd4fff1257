// Workloads (issue 4, item 5): kube-controller-manager turns a Deployment into a ReplicaSet and the
// ReplicaSet into pods; a StatefulSet makes web-0, web-1, web-2 one after another; a scale-down deletes
// pods through graceful termination. All three run on Podwalk's default cluster.
import type { Preset } from './presetTexts';

const TEMPLATE = `  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 250m
            memory: 128Mi`;

export const DEPLOYMENT_TEXT = `# deployment.yaml: kubectl apply creates the Deployment; the deployment controller in
# kube-controller-manager creates a ReplicaSet nginx-<pod-template-hash>, and the ReplicaSet
# controller creates three pods (generateName nginx-<hash>-) in slow-start batches of 1, then 2.
# Each pod is then scheduled and started like a bare Pod.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  namespace: default
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
${TEMPLATE}
`;

const STATEFULSET_TEXT = `# statefulset.yaml: the StatefulSet controller creates web-0, waits until it is Running and
# Ready, then web-1, then web-2 (podManagementPolicy OrderedReady, the default). serviceName names the
# headless Service that gives each pod its DNS name; Podwalk does not simulate Services.
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  namespace: default
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
${TEMPLATE}
`;

const SCALE_DOWN_TEXT = `${DEPLOYMENT_TEXT.replace('# deployment.yaml: ', '# Three replicas, then `kubectl scale --replicas=1`: ')}---
# Five seconds after the apply, scale down: the deployment controller sets the ReplicaSet's replicas
# to 1 (ScalingReplicaSet "Scaled down …"), the ReplicaSet controller deletes the two pods it ranks
# lowest (SuccessfulDelete), and each kubelet stops its pod within the 30 s grace period.
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: nginx scaled from 3 to 1
spec:
  actions:
  - at: 0s
    kubectl: apply -f deployment.yaml
  - at: 5s
    kubectl: scale deployment/nginx --replicas=1
`;

const WEB = (image: string, indent = '') =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 250m
            memory: 128Mi
`
    .split('\n')
    .map((l) => (l ? indent + l : l))
    .join('\n');

export const ROLLING_UPDATE_TEXT = `# A rolling update: apply web (3 replicas of nginx:1.27), and once its pods run, apply web-v2.yaml, the
# same Deployment with nginx:1.28. kubectl GETs the Deployment and PATCHes the difference
# ("deployment.apps/web configured"); the new pod template has a new pod-template-hash, so the
# deployment controller creates a second ReplicaSet (revision 2) and moves the pods over within the
# default strategy: maxSurge 25% of 3 = 1 pod over, maxUnavailable 25% of 3 = 0 pods under. Each new pod
# must be Ready before an old one goes. The old ReplicaSet stays, scaled to 0, as revision 1.
${WEB('nginx:1.27')}---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: web rolled from nginx:1.27 to nginx:1.28
spec:
  files:
    web-v2.yaml: |
${WEB('nginx:1.28', '      ')}  actions:
  - at: 0s
    kubectl: apply -f pod.yaml
  - at: 10s
    kubectl: apply -f web-v2.yaml
`;

export const STUCK_ROLLOUT_TEXT = `# A rollout that gets stuck: web runs nginx:1.27, then web-v2.yaml asks for nginx:nope, a tag the
# registry does not have. The new ReplicaSet's one surge pod goes ErrImagePull, then ImagePullBackOff,
# and never becomes available, so maxUnavailable 0 keeps all three old pods serving. After
# progressDeadlineSeconds (default 600 s) without progress, the deployment controller sets
# Progressing=False, reason ProgressDeadlineExceeded. The run's horizon is 15 minutes to see it.
${WEB('nginx:1.27')}---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: web rolled to nginx:nope, stuck until its progress deadline
spec:
  horizon: 15m
  files:
    web-v2.yaml: |
${WEB('nginx:nope', '      ')}  actions:
  - at: 0s
    kubectl: apply -f pod.yaml
  - at: 10s
    kubectl: apply -f web-v2.yaml
`;

export const WORKLOAD_PRESETS: readonly Preset[] = [
  {
    id: 'deployment',
    title: 'Deployment of 3 nginx replicas',
    description:
      'Deployment → ReplicaSet → 3 pods, made by kube-controller-manager, then scheduled and started.',
    text: DEPLOYMENT_TEXT,
  },
  {
    id: 'statefulset',
    title: 'StatefulSet web-0, web-1, web-2',
    description: 'Pods created in order, each once the one before it is Running and Ready.',
    text: STATEFULSET_TEXT,
  },
  {
    id: 'scale-down',
    title: 'Scale a Deployment from 3 to 1',
    description: 'kubectl scale: the ReplicaSet controller deletes two pods, which terminate gracefully.',
    text: SCALE_DOWN_TEXT,
  },
  {
    id: 'rolling-update',
    title: 'Rolling update nginx:1.27 → 1.28',
    description:
      'A second apply changes the image: a new ReplicaSet surges one pod at a time while the old one scales to 0.',
    text: ROLLING_UPDATE_TEXT,
  },
  {
    id: 'rollout-stuck',
    title: 'Rollout stuck: ProgressDeadlineExceeded',
    description:
      'A rolling update to an image that does not exist: ErrImagePull, then after 600 s Progressing=False.',
    text: STUCK_ROLLOUT_TEXT,
  },
];
