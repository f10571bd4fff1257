// Lanes are grouped by where the component runs; the group picks the hue family (see diagram.css).
import type { Lane } from '../sim/trace/types';

export type LaneGroup = 'client' | 'control' | 'node';

export const LANE_GROUP: Readonly<Record<Lane, LaneGroup>> = {
  kubectl: 'client',
  'kube-apiserver': 'control',
  etcd: 'control',
  'kube-controller-manager': 'control',
  'kube-scheduler': 'control',
  kubelet: 'node',
  containerd: 'node',
  'cri-o': 'node',
  conmon: 'node',
  runc: 'node',
  'containerd-shim-kata-v2': 'node',
  qemu: 'node',
  'guest kernel': 'node',
  'kata-agent': 'node',
  kernel: 'node',
};

export function laneGroup(lane: Lane): LaneGroup {
  return LANE_GROUP[lane];
}

/** Lanes whose names would truncate alike in a head (`containerd-…`): the name they go by there. */
const SHORT_NAMES: Readonly<Record<string, string>> = { 'containerd-shim-kata-v2': 'kata shim' };

/** A shorter display name for narrow diagrams: `kube-apiserver` → `apiserver`. */
export function shortLaneName(name: string): string {
  return SHORT_NAMES[name] ?? name.replace(/^kube-/, '');
}

/** Cuts `text` to at most `maxChars` characters, ending with an ellipsis when cut. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 1) return '…';
  return `${text.slice(0, maxChars - 1)}…`;
}
