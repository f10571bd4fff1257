// API Priority and Fairness: which FlowSchema a request matches, by the (impersonated) user, and so which
// priority level's queues it waits in. Only the bootstrap schemas that can match a pod or event request are
// listed, in matching precedence (lowest first); the ones for leases, endpoints, nodes and probes are left
// out because the simulated clients never send those requests.
// upstream: staging/src/k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap/default.go (MandatoryFlowSchemaExempt,
// SuggestedFlowSchemaSystemNodes, …KubeControllerManager, …KubeScheduler, …ServiceAccounts, …GlobalDefault)
import type { UserInfo } from './wire';

interface FlowSchema {
  name: string;
  priorityLevel: string;
  precedence: number;
  matches: (u: UserInfo) => boolean;
}

const inGroup = (g: string) => (u: UserInfo) => u.groups.includes(g);
const isUser = (n: string) => (u: UserInfo) => u.name === n;

const SCHEMAS: FlowSchema[] = [
  { name: 'exempt', priorityLevel: 'exempt', precedence: 1, matches: inGroup('system:masters') },
  { name: 'system-nodes', priorityLevel: 'system', precedence: 500, matches: inGroup('system:nodes') },
  {
    name: 'kube-controller-manager',
    priorityLevel: 'workload-high',
    precedence: 800,
    matches: isUser('system:kube-controller-manager'),
  },
  {
    name: 'kube-scheduler',
    priorityLevel: 'workload-high',
    precedence: 800,
    matches: isUser('system:kube-scheduler'),
  },
  {
    name: 'service-accounts',
    priorityLevel: 'workload-low',
    precedence: 9000,
    matches: inGroup('system:serviceaccounts'),
  },
  {
    name: 'global-default',
    priorityLevel: 'global-default',
    precedence: 9900,
    matches: (u) => u.groups.includes('system:authenticated') || u.groups.includes('system:unauthenticated'),
  },
];

/** The detail line for the APF filter: the matching FlowSchema and its priority level. */
export function flowSchemaOf(u: UserInfo): string {
  const fs = SCHEMAS.find((s) => s.matches(u));
  // upstream: the mandatory "catch-all" schema (precedence 10000) takes what nothing else matches
  if (!fs) return 'FlowSchema "catch-all", priority level "catch-all"';
  const exempt = fs.priorityLevel === 'exempt' ? ' (exempt: not queued)' : '';
  return `FlowSchema ${JSON.stringify(fs.name)}, priority level ${JSON.stringify(fs.priorityLevel)}${exempt}`;
}
