// The built-in scenarios as text (what the editor shows). Kept apart from the parser so the page can
// show them without loading the YAML library.
// What the editor shows first, and the scenarios a user can pick from the menu.
import { KIND_PRESET_TEXT } from './kindPreset';
import { CONTROL_PLANE_PRESETS } from './controlPlanePresets';
import { CLUSTER_PRESETS } from './clusterPresets';
import { NODE_PRESETS } from './nodePresets';
import { NODE_OPTIONS_PRESETS } from './nodeOptionsPresets';
import { PREEMPTION_PDB_PRESET, PREEMPTION_PRESET } from './preemptionPresets';
import { WORKLOAD_PRESETS } from './workloadPresets';
import { RUNTIME_PRESETS } from './runtimePresets';

export const DEFAULT_MANIFEST_TEXT = `# pod.yaml: the file \`kubectl apply -f pod.yaml\` sends to the API server.
# Edit it and the walk starts again. With no Node in this file, the pod goes to
# Podwalk's default cluster: a control plane (tainted NoSchedule) and two workers,
# 4 CPU and 8Gi each, that already run a few pods.
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  namespace: default
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
    resources:
      # The scheduler places pods by their requests, not by what they use.
      requests:
        cpu: 250m
        memory: 128Mi
`;

const UNSCHEDULABLE_SELECTOR_TEXT = `# A nodeSelector that no node matches: the pod stays Pending.
# None of the default cluster's nodes carries the label disktype=ssd.
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  namespace: default
  labels:
    app: nginx
spec:
  nodeSelector:
    disktype: ssd
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
    resources:
      requests:
        cpu: 250m
        memory: 128Mi
`;

export interface Preset {
  id: string;
  title: string;
  description: string;
  text: string;
}

/** The basics: the walk-through and two small variations. */
const BASICS: readonly Preset[] = [
  {
    id: 'default',
    title: 'nginx on 3 nodes',
    description: 'One nginx pod on a control plane and two workers; the less loaded worker wins.',
    text: DEFAULT_MANIFEST_TEXT,
  },
  {
    id: 'unschedulable-selector',
    title: 'No node matches the nodeSelector',
    description: 'The pod asks for disktype: ssd, which no node has, and stays Pending.',
    text: UNSCHEDULABLE_SELECTOR_TEXT,
  },
  {
    id: 'kind',
    title: 'kind cluster with system pods',
    description: 'A kind-like cluster with its kube-system pods; the control-plane taint filters one node.',
    text: KIND_PRESET_TEXT,
  },
];

/** Presets in menu groups, so a long list stays easy to scan. */
export const PRESET_GROUPS: readonly { label: string; presets: readonly Preset[] }[] = [
  { label: 'Walk-throughs', presets: BASICS },
  { label: 'Scheduling', presets: [...CLUSTER_PRESETS, PREEMPTION_PRESET, PREEMPTION_PDB_PRESET] },
  { label: 'API server refusals', presets: CONTROL_PLANE_PRESETS },
  { label: 'On the node', presets: [...NODE_PRESETS, ...NODE_OPTIONS_PRESETS] },
  { label: 'Workloads', presets: WORKLOAD_PRESETS },
  { label: 'Container runtimes', presets: RUNTIME_PRESETS },
];

export const PRESETS: readonly Preset[] = PRESET_GROUPS.flatMap((g) => g.presets);

export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
