// What the address says to open: a preset, and a step or an activity to start at; for embeds, the embed
// layout, autoplay, a subset of lanes and the origins allowed to drive the player. A share link's hash
// (src/ui/share) wins over all of these except the embed options, which are not part of the shared state.
import { LANES, type Lane } from '../sim/trace/types';

export interface UrlRequest {
  scenario: string | null;
  step: number | null;
  activity: number | null;
  /** ?embed=1: diagram, controls and narration only. */
  embed: boolean;
  /** ?autoplay=1: start playing once the first run is ready. */
  autoplay: boolean;
  /** ?lanes=kubectl,kube-apiserver: the lanes to show, in diagram order; null for all. */
  lanes: Lane[] | null;
  /** ?origin=https://a.example,https://b.example: the only origins whose commands an embed obeys. */
  origins: string[] | null;
}

function positiveInt(v: string | null): number | null {
  if (v === null || !/^\d{1,7}$/.test(v)) return null;
  const n = Number(v);
  return n >= 0 ? n : null;
}

const flag = (v: string | null): boolean => v === '1' || v === 'true';

export function readLanes(v: string | null): Lane[] | null {
  if (v === null) return null;
  const asked = new Set(v.split(',').map((s) => s.trim()));
  const lanes = LANES.filter((l) => asked.has(l));
  return lanes.length > 0 ? lanes : null;
}

/** Each entry must be exactly an http(s) origin (`https://host[:port]`), or it is dropped. */
export function readOrigins(v: string | null): string[] | null {
  if (v === null) return null;
  const origins = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s;
      } catch {
        return false;
      }
    });
  // An allow-list that names nothing valid allows nothing (rather than falling back to everyone).
  return origins.slice(0, 16);
}

export function readUrl(search: string): UrlRequest {
  const q = new URLSearchParams(search);
  const scenario = q.get('scenario');
  return {
    scenario: scenario && /^[a-z0-9-]{1,64}$/.test(scenario) ? scenario : null,
    step: positiveInt(q.get('step')),
    activity: positiveInt(q.get('activity')),
    embed: flag(q.get('embed')),
    autoplay: flag(q.get('autoplay')),
    lanes: readLanes(q.get('lanes')),
    origins: readOrigins(q.get('origin')),
  };
}
