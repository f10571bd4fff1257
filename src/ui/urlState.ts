// What the address says to open: a preset, and a step or an activity to start at.
export interface UrlRequest {
  scenario: string | null;
  step: number | null;
  activity: number | null;
}

function positiveInt(v: string | null): number | null {
  if (v === null || !/^\d{1,7}$/.test(v)) return null;
  const n = Number(v);
  return n >= 0 ? n : null;
}

export function readUrl(search: string): UrlRequest {
  const q = new URLSearchParams(search);
  const scenario = q.get('scenario');
  return {
    scenario: scenario && /^[a-z0-9-]{1,64}$/.test(scenario) ? scenario : null,
    step: positiveInt(q.get('step')),
    activity: positiveInt(q.get('activity')),
  };
}
