// The side panel under the narration: the activity log (the screen-reader transcript) and the views that
// explain the moment in depth — the scheduler's decision, kubectl's output, the kernel namespaces.
import { lazy, memo, Suspense, useState } from 'react';
import type { Trace } from '../sim/trace/types';
import type { KubeObject } from '../sim/scenario';
import { ActivityLog } from './ActivityLog';
import { Tabs } from './Tabs';
import { KubectlViews } from './KubectlViews';
import { NamespacesPanel } from './namespaces/NamespacesPanel';
import { EtcdPanel } from './EtcdPanel';
import './kubectl.css';

// The Scheduling and Defaults tabs bring the scheduler framework and the YAML printer with them: loaded
// when first opened, so they stay out of the JavaScript the page needs to paint the diagram.
const SchedulingPanel = lazy(() =>
  import('./scheduling/SchedulingPanel').then((m) => ({ default: m.SchedulingPanel })),
);
const DefaultsPanel = lazy(() =>
  import('./defaults/DefaultsPanel').then((m) => ({ default: m.DefaultsPanel })),
);

const TABS = [
  { id: 'log', label: 'Log' },
  { id: 'scheduling', label: 'Scheduling' },
  { id: 'kubectl', label: 'kubectl' },
  { id: 'namespaces', label: 'Namespaces' },
  { id: 'etcd', label: 'etcd' },
  { id: 'defaults', label: 'Defaults' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export interface InspectorProps {
  trace: Trace | null;
  delivered: number;
  podKey: string | null;
  pod: KubeObject | null | undefined;
  /** An edit to the manifest text (the Scheduling panel's Apply buttons); as the editor's onEdit. */
  onEdit?: (text: string) => void;
}

function Panel({ tab, trace, delivered, podKey, pod, onEdit }: InspectorProps & { tab: TabId }) {
  if (tab === 'log') return <ActivityLog trace={trace} delivered={delivered} />;
  if (!trace || !podKey) return <p className="pw-inspector-empty">Nothing simulated yet.</p>;
  if (tab === 'scheduling') return <SchedulingPanel trace={trace} delivered={delivered} onEdit={onEdit} />;
  if (tab === 'kubectl') return <KubectlViews trace={trace} delivered={delivered} podKey={podKey} />;
  if (tab === 'etcd') return <EtcdPanel trace={trace} delivered={delivered} />;
  if (tab === 'defaults') return <DefaultsPanel trace={trace} delivered={delivered} podKey={podKey} />;
  const node = (pod?.spec as { nodeName?: string } | undefined)?.nodeName ?? null;
  return <NamespacesPanel trace={trace} delivered={delivered} node={node} />;
}

/** Memoised: it changes with whole steps, not with every animation frame. */
export const Inspector = memo(function Inspector(props: InspectorProps) {
  const [tab, setTab] = useState<TabId>('log');
  return (
    <section className="pw-inspector" aria-label="Inspector">
      <Tabs
        tabs={TABS}
        selected={tab}
        onSelect={setTab}
        label="Views"
        className="pw-inspector-tabs"
        panelClassName="pw-inspector-panel"
      >
        <Suspense fallback={<p className="pw-inspector-empty">Loading…</p>}>
          <Panel tab={tab} {...props} />
        </Suspense>
      </Tabs>
    </section>
  );
});
