// Scenario actions that are not kubectl commands: runc run by hand against a container, and a node that
// joins the cluster.
//   - {at: 8s, runc: kill, container: nginx/nginx, signal: KILL}   (pod/container, or ns/pod/container)
//   - {at: 8s, runc: pause, container: nginx/nginx}                  (and resume)
//   - {at: 5s, addNode: worker-3, labels: {disktype: ssd}}           (a worker like the others)
//   - {at: 20s, kubelet: checkpoint, container: nginx/nginx}         (the kubelet's checkpoint API)
import type { Action, ActionTrigger, ContainerOp, KubeObject } from '../sim/scenario';
import { nextWorkerNode } from './addNode';
import { isPlainMap, type PathSeg, type PlainMap } from './plain';
import { describe, failAt, type Site } from './shape';

export interface Known {
  /** The cluster's objects (Nodes among them) before the run. */
  cluster: KubeObject[];
  /** Every Pod of the text, in the cluster or applied. */
  pods: KubeObject[];
}

const OPS: readonly ContainerOp[] = ['kill', 'pause', 'resume'];
const SIGNALS = ['KILL', 'TERM'] as const;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function readIntervention(
  site: Site,
  action: PlainMap,
  path: PathSeg[],
  label: string,
  known: Known,
  trigger: ActionTrigger,
): Action {
  if (action.runc !== undefined && action.runc !== null)
    return readRunc(site, action, path, label, known, trigger);
  if (action.kubelet !== undefined && action.kubelet !== null)
    return readKubelet(site, action, path, label, known, trigger);
  return readAddNode(site, action, path, label, known, trigger);
}

/** POST /checkpoint/{namespace}/{pod}/{container} to the container's kubelet. */
function readKubelet(
  site: Site,
  action: PlainMap,
  path: PathSeg[],
  label: string,
  known: Known,
  trigger: ActionTrigger,
): Action {
  if (action.kubelet !== 'checkpoint')
    failAt(
      site,
      [...path, 'kubelet'],
      `${label}.kubelet must be checkpoint, not ${describe(action.kubelet)}.`,
    );
  if (action.signal !== undefined && action.signal !== null)
    failAt(site, [...path, 'signal'], `${label}.signal applies to runc kill only.`);
  const t = readTarget(site, action, path, label, known);
  return { kind: 'checkpoint', trigger, pod: `${t.ns}/${t.podName}`, container: t.container };
}

function readRunc(
  site: Site,
  action: PlainMap,
  path: PathSeg[],
  label: string,
  known: Known,
  trigger: ActionTrigger,
): Action {
  const op = action.runc;
  if (typeof op !== 'string' || !(OPS as readonly string[]).includes(op))
    failAt(site, [...path, 'runc'], `${label}.runc must be kill, pause or resume, not ${describe(op)}.`);
  const { ns, podName, container } = readTarget(site, action, path, label, known);
  const signal = action.signal;
  if (
    signal !== undefined &&
    signal !== null &&
    (op !== 'kill' || !(SIGNALS as readonly unknown[]).includes(signal))
  )
    failAt(
      site,
      [...path, 'signal'],
      op === 'kill'
        ? `${label}.signal must be KILL or TERM, not ${describe(signal)}.`
        : `${label}.signal applies to runc kill only.`,
    );
  return {
    kind: 'container',
    trigger,
    op: op as ContainerOp,
    pod: `${ns}/${podName}`,
    container: container ?? '',
    ...(op === 'kill' ? { signal: (signal as 'KILL' | 'TERM' | undefined) ?? 'KILL' } : {}),
  };
}

function readAddNode(
  site: Site,
  action: PlainMap,
  path: PathSeg[],
  label: string,
  known: Known,
  trigger: ActionTrigger,
): Action {
  const name = action.addNode;
  if (typeof name !== 'string' || !DNS_LABEL.test(name))
    failAt(
      site,
      [...path, 'addNode'],
      `${label}.addNode must be the new node's name, such as worker-3, not ${describe(name)}.`,
    );
  if (known.cluster.some((o) => o.kind === 'Node' && o.metadata.name === name))
    failAt(site, [...path, 'addNode'], `${label}.addNode: the cluster already has a node ${name}.`);
  const labels = action.labels ?? {};
  if (!isPlainMap(labels) || !Object.values(labels).every((v) => typeof v === 'string'))
    failAt(
      site,
      [...path, 'labels'],
      `${label}.labels must map label names to strings, not ${describe(labels)}.`,
    );
  return {
    kind: 'addNode',
    trigger,
    node: nextWorkerNode(known.cluster, labels as Record<string, string>, name),
  };
}

function readTarget(
  site: Site,
  action: PlainMap,
  path: PathSeg[],
  label: string,
  known: Known,
): { ns: string; podName: string; container: string } {
  const target = action.container;
  if (typeof target !== 'string' || !/^[^/]+\/[^/]+(\/[^/]+)?$/.test(target))
    failAt(
      site,
      [...path, 'container'],
      `${label}.container must name a pod's container as pod/container (or namespace/pod/container), not ${describe(target)}.`,
    );
  const parts = target.split('/');
  const [ns, podName, container] = parts.length === 3 ? parts : ['default', ...parts];
  const pod = known.pods.find(
    (p) => p.metadata.name === podName && (p.metadata.namespace || 'default') === ns,
  );
  if (!pod)
    failAt(
      site,
      [...path, 'container'],
      `${label}.container: no document here defines pod ${ns}/${podName}.`,
    );
  const names = ((pod.spec as { containers?: { name?: string }[] } | undefined)?.containers ?? []).map(
    (c) => c.name ?? '',
  );
  if (!names.includes(container ?? ''))
    failAt(
      site,
      [...path, 'container'],
      `${label}.container: pod ${ns}/${podName} has no container "${container ?? ''}"; its containers are ${names.join(', ') || 'none'}.`,
    );
  return { ns: ns ?? 'default', podName: podName ?? '', container: container ?? '' };
}
