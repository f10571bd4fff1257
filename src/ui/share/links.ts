// Share links and embed snippets for the current state. Pure string building: the page's address comes
// in as an argument, and every value put into the snippet's markup is escaped.
import type { Store } from '../store';
import type { Lane } from '../../sim/trace/types';
import { LANES } from '../../sim/trace/types';
import { encodeShare, MAX_HASH_CHARS } from './codec';
import type { ShareState } from './shareState';

/** The state to share: text, step and speed; the run's seed and actions only once that run is current. */
export function shareStateOf(
  s: Pick<Store, 'text' | 'playhead' | 'speed' | 'scenario' | 'running' | 'parseError'>,
): ShareState {
  const state: ShareState = { text: s.text, step: Math.floor(s.playhead), speed: s.speed };
  // While a run is pending or the text does not parse, the scenario on screen is not the text's.
  if (s.scenario && !s.running && !s.parseError) {
    state.seed = s.scenario.seed;
    state.actions = s.scenario.actions;
  }
  return state;
}

/** The page's own address without query or hash: `https://host/sub/path/`. */
export function baseUrl(location: Pick<Location, 'origin' | 'pathname'>): string {
  return `${location.origin}${location.pathname}`;
}

export type ShareLink = { ok: true; url: string; hash: string } | { ok: false; message: string };

export async function shareLink(base: string, state: ShareState): Promise<ShareLink> {
  const hash = await encodeShare(state);
  if (hash.length > MAX_HASH_CHARS) {
    const kb = Math.ceil(hash.length / 1024);
    return { ok: false, message: `This state is too large for a link (${kb} KB; links hold up to 64 KB).` };
  }
  return { ok: true, url: `${base}#${hash}`, hash };
}

export interface EmbedOptions {
  autoplay: boolean;
  /** All lanes when null or when every lane is chosen. */
  lanes: readonly Lane[] | null;
}

export function embedUrl(base: string, hash: string, opts: EmbedOptions): string {
  const params = ['embed=1'];
  if (opts.autoplay) params.push('autoplay=1');
  const lanes = opts.lanes ? LANES.filter((l) => opts.lanes?.includes(l)) : null;
  if (lanes && lanes.length > 0 && lanes.length < LANES.length) params.push(`lanes=${lanes.join(',')}`);
  return `${base}?${params.join('&')}#${hash}`;
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function iframeSnippet(src: string): string {
  return [
    `<iframe src="${escapeAttribute(src)}"`,
    `  title="Podwalk: how Kubernetes creates a pod, step by step"`,
    `  width="100%" height="640" style="border:0;max-width:100%" loading="lazy"></iframe>`,
  ].join('\n');
}
