// An accessible tab strip (WAI-ARIA tabs: roving tabindex, ← and → move between tabs) with its panel.
// Arrow keys stop here so they do not also step the player.
import { useId, type KeyboardEvent, type ReactNode } from 'react';

export interface TabsProps<T extends string> {
  tabs: readonly { id: T; label: ReactNode }[];
  selected: T;
  onSelect: (id: T) => void;
  /** Names the tab list for screen readers. */
  label: string;
  className?: string;
  panelClassName?: string;
  /** The panel scrolls on its own: make it reachable by keyboard. */
  focusablePanel?: boolean;
  children: ReactNode;
}

export function Tabs<T extends string>(props: TabsProps<T>) {
  const { tabs, selected, onSelect, label } = props;
  const base = useId();
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    e.stopPropagation();
    const i = tabs.findIndex((t) => t.id === selected);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    onSelect(next.id);
    document.getElementById(`${base}-${next.id}`)?.focus();
  };
  return (
    <div className={props.className}>
      <div className="pw-tabs" role="tablist" aria-label={label} onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`${base}-${t.id}`}
            type="button"
            role="tab"
            aria-selected={selected === t.id}
            aria-controls={`${base}-panel`}
            tabIndex={selected === t.id ? 0 : -1}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        id={`${base}-panel`}
        role="tabpanel"
        aria-labelledby={`${base}-${selected}`}
        className={props.panelClassName}
        {...(props.focusablePanel ? { tabIndex: 0 } : {})}
      >
        {props.children}
      </div>
    </div>
  );
}
