// The RBAC objects a kubeadm cluster has before anyone applies anything, reduced to the bindings the
// simulated clients use. upstream: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go
// (cluster-admin, system:kube-scheduler) and cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go
// (ClusterRoleBinding kubeadm:cluster-admins → cluster-admin, for admin.conf's group since v1.29).
export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}
export interface RoleRef {
  kind: string;
  name: string;
}
export interface Role {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace: string;
  rules: PolicyRule[];
}
export interface Binding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace: string;
  subjects: Subject[];
  roleRef: RoleRef;
}

const ALL: PolicyRule[] = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  { nonResourceURLs: ['*'], verbs: ['*'] },
];
const READ = ['get', 'list', 'watch'];
const SCHEDULER: PolicyRule[] = [
  { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
  { apiGroups: [''], resources: ['nodes'], verbs: READ },
  { apiGroups: [''], resources: ['pods'], verbs: [...READ, 'delete'] },
  { apiGroups: [''], resources: ['bindings', 'pods/binding'], verbs: ['create'] },
  { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
];

// upstream: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go (the controllers'
// ServiceAccounts under --use-service-account-credentials), reduced to the resources modelled here.
const EVENTS: PolicyRule = {
  apiGroups: ['', 'events.k8s.io'],
  resources: ['events'],
  verbs: ['create', 'patch', 'update'],
};
const APPS = ['apps', 'extensions'];
const CONTROLLERS: Record<string, PolicyRule[]> = {
  'replicaset-controller': [
    { apiGroups: APPS, resources: ['replicasets'], verbs: ['get', 'list', 'watch', 'update'] },
    { apiGroups: APPS, resources: ['replicasets/status'], verbs: ['update'] },
    { apiGroups: APPS, resources: ['replicasets/finalizers'], verbs: ['update'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch', 'patch', 'create', 'delete'] },
    EVENTS,
  ],
  'deployment-controller': [
    { apiGroups: APPS, resources: ['deployments'], verbs: ['get', 'list', 'watch', 'update'] },
    { apiGroups: APPS, resources: ['deployments/status'], verbs: ['update'] },
    { apiGroups: APPS, resources: ['deployments/finalizers'], verbs: ['update'] },
    {
      apiGroups: APPS,
      resources: ['replicasets'],
      verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
    },
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'update'] },
    EVENTS,
  ],
  'statefulset-controller': [
    {
      apiGroups: [''],
      resources: ['pods'],
      verbs: ['list', 'watch', 'get', 'create', 'delete', 'update', 'patch'],
    },
    { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['list', 'watch', 'get'] },
    { apiGroups: ['apps'], resources: ['statefulsets/status'], verbs: ['update'] },
    { apiGroups: ['apps'], resources: ['statefulsets/finalizers'], verbs: ['update'] },
    {
      apiGroups: ['apps'],
      resources: ['controllerrevisions'],
      verbs: ['get', 'create', 'delete', 'update', 'patch', 'list', 'watch'],
    },
    EVENTS,
  ],
  'disruption-controller': [
    { apiGroups: APPS, resources: ['deployments'], verbs: READ },
    { apiGroups: APPS, resources: ['replicasets'], verbs: READ },
    { apiGroups: [''], resources: ['replicationcontrollers'], verbs: READ },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
    { apiGroups: ['apps'], resources: ['statefulsets'], verbs: READ },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets/status'], verbs: ['update'] },
    { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
    { apiGroups: ['*'], resources: ['*/scale'], verbs: ['get'] },
    EVENTS,
  ],
};

export const BOOTSTRAP_ROLES: Role[] = [
  ...Object.entries(CONTROLLERS).map(([sa, rules]): Role => ({
    kind: 'ClusterRole',
    name: `system:controller:${sa}`,
    namespace: '',
    rules,
  })),
  { kind: 'ClusterRole', name: 'cluster-admin', namespace: '', rules: ALL },
  { kind: 'ClusterRole', name: 'system:kube-scheduler', namespace: '', rules: SCHEDULER },
];

const crb = (name: string, subject: Subject, role: string): Binding => ({
  kind: 'ClusterRoleBinding',
  name,
  namespace: '',
  subjects: [subject],
  roleRef: { kind: 'ClusterRole', name: role },
});

export const BOOTSTRAP_BINDINGS: Binding[] = [
  ...Object.keys(CONTROLLERS).map((sa) =>
    crb(
      `system:controller:${sa}`,
      { kind: 'ServiceAccount', name: sa, namespace: 'kube-system' },
      `system:controller:${sa}`,
    ),
  ),
  crb('cluster-admin', { kind: 'Group', name: 'system:masters' }, 'cluster-admin'),
  crb('kubeadm:cluster-admins', { kind: 'Group', name: 'kubeadm:cluster-admins' }, 'cluster-admin'),
  crb('system:kube-scheduler', { kind: 'User', name: 'system:kube-scheduler' }, 'system:kube-scheduler'),
];
