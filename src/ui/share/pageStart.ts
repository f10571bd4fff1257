// The start state of this page (startState.ts) from its address, its embedded state (an offline HTML
// file) and the saved text. Read by main.tsx, to give the simulation Worker the first run before React
// renders, and by useStartup, which opens the page at it.
import type { UrlRequest } from '../urlState';
import { loadSavedText } from '../persistence';
import { resolveStart, type StartState } from './startState';
import { embeddedShareHash } from './embeddedState';

export function resolvePageStart(url: UrlRequest): Promise<StartState> {
  const saved = url.embed ? () => null : loadSavedText; // an embed never shows the viewer's own text
  // An offline HTML file carries its state in the page, not the address (embeddedState.ts).
  const hash = window.location.hash || embeddedShareHash(document);
  return resolveStart(hash, url, saved);
}
