// The Node a user adds mid-run: a worker like the existing ones (same capacity and labels), with the next
// free name `worker-N`, the next address and pod CIDR, an empty image store, and any extra labels (such
// as the ones a Pending pod's nodeSelector asks for).
import type { KubeObject } from '../sim/scenario';
import { CONTROL_PLANE_ROLE } from './defaultCluster';

type NodeShape = {
  spec?: { podCIDR?: string; podCIDRs?: string[]; taints?: unknown[]; unschedulable?: boolean };
  status?: { addresses?: { type: string; address: string }[]; images?: unknown[] } & Record<string, unknown>;
};

const shape = (n: KubeObject) => n as unknown as NodeShape & KubeObject;

function nextName(names: Set<string>): string {
  for (let i = 1; ; i++) if (!names.has(`worker-${i}`)) return `worker-${i}`;
}

/** The address after the highest one, on the same /24. */
function nextAddress(nodes: KubeObject[]): string {
  const ips = nodes
    .flatMap((n) => shape(n).status?.addresses ?? [])
    .filter((a) => a.type === 'InternalIP')
    .map((a) => a.address.split('.').map(Number));
  const best = ips.sort((a, b) => (b[3] ?? 0) - (a[3] ?? 0))[0] ?? [172, 18, 0, 1];
  return `${best[0]}.${best[1]}.${best[2]}.${(best[3] ?? 0) + 1}`;
}

/** The /24 pod CIDR after the highest third octet. */
function nextPodCIDR(nodes: KubeObject[]): string {
  const thirds = nodes
    .map((n) => shape(n).spec?.podCIDR ?? '')
    .filter(Boolean)
    .map((c) => Number(c.split('.')[2] ?? 0));
  const base = (nodes.map((n) => shape(n).spec?.podCIDR).find(Boolean) ?? '10.244.0.0/24').split('.');
  return `${base[0]}.${base[1]}.${Math.max(-1, ...thirds) + 1}.0/24`;
}

export function nextWorkerNode(
  cluster: readonly KubeObject[],
  labels: Record<string, string> = {},
  wanted?: string,
): KubeObject {
  const nodes = cluster.filter((o) => o.kind === 'Node');
  const template =
    [...nodes].reverse().find((n) => !(CONTROL_PLANE_ROLE in (n.metadata.labels ?? {}))) ?? nodes[0];
  const name = wanted ?? nextName(new Set(nodes.map((n) => n.metadata.name ?? '')));
  const ip = nextAddress(nodes);
  const podCIDR = nextPodCIDR(nodes);
  const t = template ? shape(template) : undefined;
  const { images: _images, ...status } = t?.status ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { ...(template?.metadata.labels ?? {}), 'kubernetes.io/hostname': name, ...labels },
    },
    spec: { podCIDR, podCIDRs: [podCIDR] },
    status: {
      ...status,
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
    },
  };
}
