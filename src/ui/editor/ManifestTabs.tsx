// The editor with its two tabs (loaded lazily with CodeMirror and the YAML library): the Pod tab is
// pod.yaml, the Cluster tab the objects that exist before it is applied.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import CodeEditor from '../CodeEditor';
import { DEFAULT_CLUSTER_TEXT, join, locate, split, type Part } from './manifestParts';

export const LABELS: Record<Part, string> = { pod: 'Pod manifest', cluster: 'Cluster manifest' };
const TITLES: Record<Part, string> = { pod: 'pod.yaml', cluster: 'Cluster' };

export interface ManifestTabsProps {
  text: string;
  onEdit: (text: string) => void;
  errorLine: number | null;
}

export default function ManifestTabs({ text, onEdit, errorLine }: ManifestTabsProps) {
  const [tab, setTab] = useState<Part>('pod');
  const base = useId();
  const parts = useMemo(() => split(text), [text]);
  const shown = tab === 'cluster' && !parts.cluster ? DEFAULT_CLUSTER_TEXT : parts[tab];
  const where = errorLine === null ? null : locate(text, errorLine);
  const onChange = (value: string) => {
    // Showing the default cluster is not an edit; the manifest gains a cluster only when it changes.
    if (tab === 'cluster' && !parts.cluster && value === DEFAULT_CLUSTER_TEXT) return;
    const next = join({ ...parts, [tab]: value });
    if (next !== join(parts) || value !== shown) onEdit(next);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    e.stopPropagation();
    const next: Part = tab === 'pod' ? 'cluster' : 'pod';
    setTab(next);
    document.getElementById(`${base}-${next}`)?.focus();
  };
  return (
    <div className="pw-manifest-tabs">
      <div className="pw-tabs" role="tablist" aria-label="Manifest" onKeyDown={onKey}>
        {(['pod', 'cluster'] as const).map((p) => (
          <button
            key={p}
            id={`${base}-${p}`}
            type="button"
            role="tab"
            aria-selected={tab === p}
            aria-controls={`${base}-panel`}
            tabIndex={tab === p ? 0 : -1}
            onClick={() => setTab(p)}
          >
            {TITLES[p]}
            {where && where.part === p ? ' ⚠' : ''}
          </button>
        ))}
      </div>
      <div
        id={`${base}-panel`}
        role="tabpanel"
        aria-labelledby={`${base}-${tab}`}
        className="pw-manifest-panel"
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
      </div>
      {where ? (
        <p className="pw-note">
          The error is in the {TITLES[where.part]} tab, line {where.line}.
        </p>
      ) : null}
    </div>
  );
}
