// "Intervene": what a user can do to the cluster at the playhead — kill, pause or resume a container's
// process (runc on the node), checkpoint it (the kubelet's checkpoint API), add a worker node, delete
// another running pod. Each choice re-runs the
// simulation with that action at the playhead's virtual time; the playhead stays where it is.
import { useId, useMemo, useState } from 'react';
import type { KubeObject, Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace/types';
import {
  containerChoices,
  deleteArgs,
  nodeToAdd,
  runningPods,
  withInterventionNow,
  type ContainerChoice,
} from './interventions';

export interface InterventionsProps {
  trace: Trace | null;
  scenario: Scenario | null;
  delivered: number;
  podKey: string | null;
  pod: KubeObject | null | undefined;
  runScenario: (s: Scenario) => void;
}

interface Item {
  key: string;
  label: string;
  title: string;
  /** Why the item is disabled, or null when it can be chosen. */
  reason: string | null;
  apply: () => Scenario;
}

function containerItems(c: ContainerChoice, podKey: string, make: (a: object) => Scenario): Item[] {
  const live = c.state === 'running' || c.state === 'paused';
  const reason = live ? null : c.state === null ? `no ${c.name} container yet` : `${c.name} is not running`;
  const paused = c.state === 'paused';
  const base = { pod: podKey, container: c.name, kind: 'container' as const };
  return [
    {
      key: `kill:${c.name}`,
      label: `Kill ${c.name}`,
      title: `runc kill ${c.name} KILL on its node: the process dies (exit 137); the kubelet restarts it`,
      reason,
      apply: () => make({ ...base, op: 'kill', signal: 'KILL' }),
    },
    {
      key: `pause:${c.name}`,
      label: `${paused ? 'Resume' : 'Pause'} ${c.name}`,
      title: paused
        ? `runc resume ${c.name}: thaw its cgroup (cgroup.freeze = 0)`
        : `runc pause ${c.name}: freeze its cgroup (cgroup.freeze = 1); the kubelet does not notice unless a probe fails`,
      reason,
      apply: () => make({ ...base, op: paused ? 'resume' : 'pause' }),
    },
    {
      key: `checkpoint:${c.name}`,
      label: `Checkpoint ${c.name}`,
      title: `POST /checkpoint/${podKey}/${c.name} on the kubelet (port 10250): CRIU dumps the container, which goes on running, into /var/lib/kubelet/checkpoints`,
      // Any container that exists may be asked for: the kubelet, containerd and runc answer for the rest.
      reason: c.state === null ? `no ${c.name} container yet` : null,
      apply: () => make({ kind: 'checkpoint', pod: podKey, container: c.name }),
    },
  ];
}

/** The menu's items, worked out only while it is open: at every seek they cost a scan of the trace. */
function useItems(p: InterventionsProps, open: boolean): Item[] {
  const { trace, scenario, delivered, podKey, pod } = p;
  return useMemo(() => {
    if (!open || !trace || !scenario) return [];
    const make = (a: object) => withInterventionNow(scenario, trace, delivered, a as never);
    const items: Item[] = [];
    if (podKey)
      for (const c of containerChoices(trace, delivered, podKey))
        items.push(...containerItems(c, podKey, make));
    const node = nodeToAdd(scenario, pod);
    const labels = Object.entries(node.metadata.labels ?? {}).filter(
      ([k]) => !k.startsWith('kubernetes.io/'),
    );
    items.push({
      key: 'addNode',
      label: `Add node ${node.metadata.name ?? ''}${labels.length ? ` (${labels.map(([k, v]) => `${k}=${v}`).join(', ')})` : ''}`,
      title: 'A worker like the others joins: its kubelet registers the Node (POST /api/v1/nodes)',
      reason: null,
      apply: () => make({ kind: 'addNode', node }),
    });
    for (const key of runningPods(trace, delivered, podKey))
      items.push({
        key: `delete:${key}`,
        label: `Delete pod ${key}`,
        title: `kubectl ${deleteArgs(key).join(' ')}, now: frees its node's resources`,
        reason: null,
        apply: () => make({ kind: 'kubectl', args: deleteArgs(key) }),
      });
    return items;
  }, [open, trace, scenario, delivered, podKey, pod]);
}

export function Interventions(props: InterventionsProps) {
  const [open, setOpen] = useState(false);
  const items = useItems(props, open);
  const panelId = useId();
  const choose = (item: Item) => {
    setOpen(false);
    props.runScenario(item.apply());
  };
  return (
    <div
      className="pw-intervene"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        className="pw-intervene-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={!props.trace || !props.scenario}
        onClick={() => setOpen(!open)}
        title="Act on the cluster at this step: the run is simulated again with your action"
      >
        Intervene ▾
      </button>
      {open ? (
        <ul id={panelId} className="pw-intervene-panel" aria-label="Interventions at the playhead">
          {items.map((item) => (
            <li key={item.key}>
              <button
                type="button"
                disabled={item.reason !== null}
                title={item.title}
                aria-describedby={item.reason ? `${panelId}-${item.key}` : undefined}
                onClick={() => choose(item)}
              >
                {item.label}
              </button>
              {item.reason ? (
                <span className="pw-intervene-why" id={`${panelId}-${item.key}`}>
                  {item.reason}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
