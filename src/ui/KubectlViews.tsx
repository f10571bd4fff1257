// kubectl's views of the pod at the playhead, as a terminal would show them.
import { useState } from 'react';
import type { Trace } from '../sim/trace/types';
import {
  describeDeploymentText,
  describeText,
  eventsText,
  hasDeployment,
  podsText,
  replicaSetsText,
  watchLines,
} from './kubectlText';
import './kubectl.css';
import { Tabs } from './Tabs';

const TABS = [
  { id: 'watch', label: 'get pod -w' },
  { id: 'describe', label: 'describe pod' },
  { id: 'events', label: 'get events' },
  { id: 'pods', label: 'get pods' },
] as const;
// A run with a Deployment also shows its ReplicaSets and the Deployment's own describe (rollouts).
const WORKLOAD_TABS = [
  { id: 'rs', label: 'get rs' },
  { id: 'deployment', label: 'describe deployment' },
] as const;
type TabId = (typeof TABS)[number]['id'] | (typeof WORKLOAD_TABS)[number]['id'];

export interface KubectlViewsProps {
  trace: Trace;
  delivered: number;
  podKey: string;
}

function render(
  tab: TabId,
  { trace, delivered, podKey }: KubectlViewsProps,
): { command: string; text: string } {
  const name = podKey.split('/')[1] ?? '';
  const nowMs = trace.messages[delivered - 1]?.t ?? 0;
  if (tab === 'watch')
    return { command: `kubectl get pod ${name} -w`, text: watchLines(trace, delivered, podKey).join('\n') };
  if (tab === 'describe')
    return { command: `kubectl describe pod ${name}`, text: describeText(trace, delivered, podKey, nowMs) };
  if (tab === 'pods') return { command: 'kubectl get pods', text: podsText(trace, delivered, podKey, nowMs) };
  if (tab === 'rs')
    return { command: 'kubectl get rs', text: replicaSetsText(trace, delivered, podKey, nowMs) };
  if (tab === 'deployment') {
    const { name, text } = describeDeploymentText(trace, delivered, podKey, nowMs);
    return { command: `kubectl describe deployment ${name}`, text };
  }
  return { command: 'kubectl get events', text: eventsText(trace, delivered, podKey, nowMs) };
}

export function KubectlViews(props: KubectlViewsProps) {
  const [picked, setTab] = useState<TabId>('watch');
  const workloads = hasDeployment(props.trace);
  const tabs = workloads ? [...TABS, ...WORKLOAD_TABS] : TABS;
  // A workload tab left open when the next run has no Deployment falls back to the first view.
  const tab = tabs.some((t) => t.id === picked) ? picked : 'watch';
  const { command, text } = render(tab, props);
  return (
    <section className="pw-kubectl" aria-label="kubectl">
      <Tabs
        tabs={tabs}
        selected={tab}
        onSelect={setTab}
        label="kubectl views"
        panelClassName="pw-kubectl-out"
        focusablePanel
      >
        <div className="pw-term-cmd">$ {command}</div>
        <pre>{text}</pre>
      </Tabs>
    </section>
  );
}
