// kubectl's views of the pod at the playhead, as a terminal would show them.
import { useId, useState, type KeyboardEvent } from 'react';
import type { Trace } from '../sim/trace/types';
import { describeText, eventsText, watchLines } from './kubectlViews';
import './kubectl.css';

const TABS = [
  { id: 'watch', label: 'get pod -w' },
  { id: 'describe', label: 'describe pod' },
  { id: 'events', label: 'get events' },
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
  return { command: 'kubectl get events', text: eventsText(trace, delivered, podKey, nowMs) };
}

export function KubectlViews(props: KubectlViewsProps) {
  const [tab, setTab] = useState<TabId>('watch');
  const base = useId();
  const { command, text } = render(tab, props);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    e.stopPropagation();
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next.id);
    document.getElementById(`${base}-${next.id}`)?.focus();
  };
  return (
    <section className="pw-kubectl" aria-label="kubectl">
      <div className="pw-tabs" role="tablist" aria-label="kubectl views" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`${base}-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`${base}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        id={`${base}-panel`}
        role="tabpanel"
        aria-labelledby={`${base}-${tab}`}
        className="pw-kubectl-out"
        tabIndex={0}
      >
        <div className="pw-term-cmd">$ {command}</div>
        <pre>{text}</pre>
      </div>
    </section>
  );
}
