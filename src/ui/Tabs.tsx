// An accessible tab strip (WAI-ARIA tabs: roving tabindex; ← and → move between tabs, Home and End to the
// first and last) with its panel. Arrow keys stop here so they do not also step the player. The strip
// stays one row: when its tabs are wider than the panel it scrolls sideways (a vertical mouse wheel too),
// fades at the edge that has more, and keeps the selected tab in view.
import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

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

const KEY_MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i + n - 1) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/** Marks the strip's edges that hide tabs (data-more="start|end|both") for the CSS fade. */
function useOverflowEdges(ref: React.RefObject<HTMLDivElement | null>, selectedId: string) {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const mark = () => {
      const before = el.scrollLeft > 1;
      const after = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      el.dataset.more = before && after ? 'both' : before ? 'start' : after ? 'end' : 'none';
    };
    // A mouse without a sideways wheel still scrolls the strip, but only when it overflows.
    const onWheel = (e: WheelEvent) => {
      if (el.scrollWidth <= el.clientWidth || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      el.scrollLeft += e.deltaY;
    };
    mark();
    const ro = new ResizeObserver(mark);
    ro.observe(el);
    el.addEventListener('scroll', mark, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', mark);
      el.removeEventListener('wheel', onWheel);
    };
  }, [ref]);
  // The selected tab in view, however it was selected (a click, a key, the page).
  useLayoutEffect(() => {
    const el = ref.current;
    const tab = el ? document.getElementById(selectedId) : null;
    if (!el || !tab || el.scrollWidth <= el.clientWidth) return;
    const left = tab.getBoundingClientRect().left - el.getBoundingClientRect().left + el.scrollLeft;
    if (left < el.scrollLeft) el.scrollLeft = left - 16;
    else if (left + tab.offsetWidth > el.scrollLeft + el.clientWidth)
      el.scrollLeft = left + tab.offsetWidth - el.clientWidth + 16;
  }, [ref, selectedId]);
}

export function Tabs<T extends string>(props: TabsProps<T>) {
  const { tabs, selected, onSelect, label } = props;
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  useOverflowEdges(list, `${base}-${selected}`);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = KEY_MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    e.stopPropagation();
    const next =
      tabs[
        move(
          tabs.findIndex((t) => t.id === selected),
          tabs.length,
        )
      ]!;
    onSelect(next.id);
    document.getElementById(`${base}-${next.id}`)?.focus();
  };
  return (
    <div className={props.className}>
      <div className="pw-tabs" role="tablist" aria-label={label} onKeyDown={onKey} ref={list}>
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
