// The editor with its two tabs (loaded lazily with CodeMirror and the YAML library): the first tab is the
// file kubectl applies, named after what it holds (pod.yaml, deployment.yaml: src/scenario/manifestFile),
// the Cluster tab the objects that exist before it is applied.
import { useMemo, useState } from 'react';
import CodeEditor from '../CodeEditor';
import { Tabs } from '../Tabs';
import { DEFAULT_CLUSTER_TEXT, join, locate, split, type Part } from './manifestParts';
import { useStore } from '../store';
import { MANIFEST_FILE } from '../../sim/scenario';

export const LABELS: Record<Part, string> = { pod: 'Pod manifest', cluster: 'Cluster manifest' };
/** The tabs' titles: the applied file's name, as kubectl's command line names it, and Cluster. */
export function useTabTitles(): Record<Part, string> {
  const file = useStore((s) => s.scenario?.manifestFile ?? MANIFEST_FILE);
  return { pod: file, cluster: 'Cluster' };
}
const PARTS: readonly Part[] = ['pod', 'cluster'];

export interface ManifestTabsProps {
  text: string;
  onEdit: (text: string) => void;
  errorLine: number | null;
}

export default function ManifestTabs({ text, onEdit, errorLine }: ManifestTabsProps) {
  const [tab, setTab] = useState<Part>('pod');
  const TITLES = useTabTitles();
  const parts = useMemo(() => split(text), [text]);
  const shown = tab === 'cluster' && !parts.cluster ? DEFAULT_CLUSTER_TEXT : parts[tab];
  const where = errorLine === null ? null : locate(text, errorLine);
  const TAB_LIST = PARTS.map((p) => ({
    id: p,
    label: `${TITLES[p]}${where && where.part === p ? ' ⚠' : ''}`,
  }));
  const onChange = (value: string) => {
    // Showing the default cluster is not an edit; the manifest gains a cluster only when it changes.
    if (tab === 'cluster' && !parts.cluster && value === DEFAULT_CLUSTER_TEXT) return;
    const next = join({ ...parts, [tab]: value });
    if (next !== join(parts) || value !== shown) onEdit(next);
  };
  return (
    <div className="pw-manifest-tabs">
      <Tabs
        tabs={TAB_LIST}
        selected={tab}
        onSelect={setTab}
        label="Manifest"
        className="pw-manifest-tabs-inner"
        panelClassName="pw-manifest-panel"
      >
        {tab === 'cluster' && !parts.cluster ? (
          <p className="pw-note">
            No cluster in the manifest: this is Podwalk’s default. Edit it to use your own.
          </p>
        ) : null}
        <CodeEditor
          value={shown}
          label={LABELS[tab]}
          onChange={onChange}
          errorLine={where && where.part === tab ? where.line : null}
        />
      </Tabs>
      {where ? (
        <p className="pw-note">
          The error is in the {TITLES[where.part]} tab, line {where.line}.
        </p>
      ) : null}
    </div>
  );
}
