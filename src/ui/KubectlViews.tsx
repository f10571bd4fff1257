// kubectl's views of the pod at the playhead, as a terminal would show them.
import { useState } from 'react';
import type { Trace } from '../sim/trace/types';
import { describeText, eventsText, podsText, watchLines } from './kubectlText';
import './kubectl.css';
import { Tabs } from './Tabs';

const TABS = [
  { id: 'watch', label: 'get pod -w' },
  { id: 'describe', label: 'describe pod' },
  { id: 'events', label: 'get events' },
  { id: 'pods', label: 'get pods' },
] as const;
type TabId = (typeof TABS)[number]['id'];

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
  return { command: 'kubectl get events', text: eventsText(trace, delivered, podKey, nowMs) };
}

export function KubectlViews(props: KubectlViewsProps) {
  const [tab, setTab] = useState<TabId>('watch');
  const { command, text } = render(tab, props);
  return (
    <section className="pw-kubectl" aria-label="kubectl">
      <Tabs
        tabs={TABS}
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
