// What the page opens with. Where a share link's hash, the query and the saved editor text disagree, the
// hash wins, then the query (?scenario, ?step, ?activity), then the saved text, then the default. A link
// that cannot be read opens the default scenario with a message saying why.
import type { Action } from '../../sim/scenario';
import { DEFAULT_MANIFEST_TEXT, getPreset } from '../../scenario/presetTexts';
import type { UrlRequest } from '../urlState';
import { decodeShare } from './codec';

export interface StartState {
  text: string;
  step: number | null;
  activity: number | null;
  speed: number | null;
  /** Run with this seed and these actions, if the text's own differ (interventions, a changed default). */
  seed: number | null;
  actions: Action[] | null;
  /** For the user, when a link could not be opened. */
  error: string | null;
}

const none = { step: null, activity: null, speed: null, seed: null, actions: null, error: null };

export async function startFromHash(hash: string): Promise<StartState> {
  const result = await decodeShare(hash);
  if (!result.ok) return { ...none, text: DEFAULT_MANIFEST_TEXT, error: result.message };
  const { text, step, speed, seed, actions } = result.state;
  return { ...none, text, step, speed, seed: seed ?? null, actions: actions ?? null };
}

export function startFromQuery(url: UrlRequest, saved: () => string | null): StartState {
  const preset = url.scenario ? getPreset(url.scenario) : undefined;
  const text = preset?.text ?? saved() ?? DEFAULT_MANIFEST_TEXT;
  return { ...none, text, step: url.step, activity: url.activity };
}

/** True when the address carries something after `#` (a share link, or something pretending to be one). */
export function hasShareHash(hash: string): boolean {
  return hash.length > 1;
}

export async function resolveStart(
  hash: string,
  url: UrlRequest,
  saved: () => string | null,
): Promise<StartState> {
  return hasShareHash(hash) ? startFromHash(hash) : startFromQuery(url, saved);
}
