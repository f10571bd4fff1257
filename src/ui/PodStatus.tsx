// What kubectl's STATUS column would say about the pod at the playhead, and its conditions.
import { memo } from 'react';
import type { Pod } from '../sim/k8s/pod';
import { podStatusColumn, podReadyColumn } from '../sim/kubectl';
import type { KubeObject } from '../sim/scenario';

export interface PodStatusProps {
  podKey: string | null;
  object: KubeObject | null | undefined;
}

export function podStatusText(object: KubeObject | null | undefined): string {
  if (object === undefined) return 'Not created';
  if (object === null) return 'Deleted';
  return podStatusColumn(object as unknown as Pod);
}

/** Memoised: it changes with whole steps, not with every animation frame. */
export const PodStatus = memo(function PodStatus({ podKey, object }: PodStatusProps) {
  const pod = object ? (object as unknown as Pod) : null;
  const status = podStatusText(object);
  const conditions = pod?.status?.conditions ?? [];
  const node = pod?.spec?.nodeName;
  const unschedulable = conditions.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  return (
    <div className="pw-status" role="status" aria-label="Pod status">
      <span className="pw-status-name">{podKey ?? 'no pod'}</span>
      <span className={`pw-status-badge pw-status-${status.replace(/[^A-Za-z]/g, '').toLowerCase()}`}>
        {status}
      </span>
      {pod ? <span className="pw-status-ready">READY {podReadyColumn(pod)}</span> : null}
      {node ? <span className="pw-status-node">on {node}</span> : null}
      {pod?.status?.podIP ? <span className="pw-status-ip">{pod.status.podIP}</span> : null}
      {unschedulable?.message ? (
        <p className="pw-status-why">
          {unschedulable.reason}: {unschedulable.message}
        </p>
      ) : null}
      {conditions.length > 0 ? (
        <ul className="pw-conditions" aria-label="Conditions">
          {conditions.map((c) => (
            <li key={c.type} className={c.status === 'True' ? 'pw-cond-true' : 'pw-cond-false'}>
              {c.type}={c.status}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});
