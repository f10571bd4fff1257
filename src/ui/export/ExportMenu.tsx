// "Export ▾": a menu button (WAI-ARIA menu pattern: arrows move, Escape closes and returns focus, Tab
// or a click elsewhere closes). The export code itself loads on first use.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from '../store';
import type { ExportFormat } from './formats';
import { useTransientStatus } from '../share/useTransientStatus';
import { shareLink, shareStateOf } from '../share/links';

const ITEMS: { format: ExportFormat; label: string }[] = [
  { format: 'svg', label: 'Diagram as SVG' },
  { format: 'png', label: 'Diagram as PNG' },
  { format: 'mermaid', label: 'Sequence as Mermaid' },
  { format: 'json', label: 'Trace as JSON' },
  { format: 'html', label: 'Offline HTML' },
];

async function runExport(format: ExportFormat): Promise<string> {
  const s = useStore.getState();
  if (!s.trace) return 'Nothing to export yet: the simulation is still running.';
  // A snapshot at the click: playback may move on while the export is built.
  const request = { trace: s.trace, step: Math.floor(s.playhead) };
  const share = format === 'html' ? shareStateOf(s) : null;
  try {
    let offline: { hash: string; base: string } | undefined;
    if (share) {
      const link = await shareLink(document.baseURI, share);
      if (!link.ok) return link.message;
      offline = { hash: link.hash, base: document.baseURI };
    }
    const { exportAs } = await import('./formats');
    return await exportAs(format, { ...request, offline });
  } catch (e) {
    return `The export failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function moveFocus(menu: HTMLElement | null, key: string): boolean {
  const items = Array.from(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next: Record<string, number> = {
    ArrowDown: (at + 1) % items.length,
    ArrowUp: (at - 1 + items.length) % items.length,
    Home: 0,
    End: items.length - 1,
  };
  const index = next[key];
  if (index === undefined) return false;
  items[index]?.focus();
  return true;
}

/** Closes the menu on a pointer press outside `root`. */
function useOutsideClose(root: React.RefObject<HTMLElement | null>, open: boolean, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [root, open, close]);
}

/** Open state, focus on opening, and the keys of the menu pattern. */
function useMenu() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  useOutsideClose(root, open, () => setOpen(false));
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'Tab') setOpen(false);
    else if (moveFocus(menu.current, e.key)) e.preventDefault();
  };
  const onButtonKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && !open) {
      e.preventDefault();
      setOpen(true);
    }
  };
  return { open, setOpen, root, button, menu, onKeyDown, onButtonKeyDown };
}

export function ExportMenu() {
  const { open, setOpen, root, button, menu, onKeyDown, onButtonKeyDown } = useMenu();
  const [status, setStatus] = useTransientStatus();
  const choose = (format: ExportFormat) => {
    setOpen(false);
    button.current?.focus();
    setStatus('Exporting…');
    void runExport(format).then(setStatus);
  };
  return (
    <div className="pw-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="pw-action"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'pw-export-menu' : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKeyDown}
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <ul className="pw-menu-list" role="menu" id="pw-export-menu" aria-label="Export" ref={menu}>
          {ITEMS.map((item) => (
            <li key={item.format} role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(item.format)}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <span className="pw-action-status" role="status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
