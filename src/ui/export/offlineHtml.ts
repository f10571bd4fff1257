// "Offline HTML": the build's single-file page (dist/podwalk-offline.html, scripts/vite/offlineHtml.ts)
// with the current state put in it, as one file that opens from disk with no network. The template is
// fetched relative to the page, so this works from any sub-path, and the service worker precaches it.
// The state is a share link's hash (same encoding, same checks when the file opens); the Export menu
// encodes it, so this chunk does not pull the codec out of the main bundle.
import { embedState, STATE_PLACEHOLDER } from '../share/embeddedState';

export const TEMPLATE_FILE = 'podwalk-offline.html';

const NO_TEMPLATE =
  'This copy of Podwalk has no offline page to fill in (npm run build makes it); open Podwalk from its web address to export one.';

async function fetchTemplate(base: string): Promise<string> {
  let text: string;
  const url = new URL(TEMPLATE_FILE, base);
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(String(response.status));
    text = await response.text();
  } catch {
    throw new Error(NO_TEMPLATE);
  }
  // A dev server answers any path with the app's index.html, which has no placeholder.
  if (!text.includes(STATE_PLACEHOLDER)) throw new Error(NO_TEMPLATE);
  return text;
}

/** The offline page that opens on share hash `hash` (`v1:…`). `base` is the page's own address. */
export async function offlineHtml(hash: string, base: string): Promise<string> {
  return embedState(await fetchTemplate(base), hash);
}
