// Virtual time → wall-looking timestamps. Run time 0 is a fixed instant, so traces are reproducible and
// `creationTimestamp`, event names and ages look like a real cluster's.

/** 2026-05-12T10:15:00Z, the moment every run starts. */
export const EPOCH_MS = 1_778_580_900_000;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

// upstream idea: Howard Hinnant's civil_from_days; needed because src/sim may not use Date.
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

// The last second formatted: a run stamps many objects within the same second.
let lastSecs = NaN;
let lastText = '';

/** RFC 3339 with whole seconds, as metav1.Time serialises (`2026-05-12T10:15:02Z`). */
export function rfc3339(virtualMs: number): string {
  const ms = EPOCH_MS + Math.floor(virtualMs);
  const secs = Math.floor(ms / 1000);
  if (secs === lastSecs) return lastText;
  const [y, mo, d] = civil(Math.floor(secs / 86400));
  const sod = secs % 86400;
  lastSecs = secs;
  lastText = `${y}-${pad(mo)}-${pad(d)}T${pad(Math.floor(sod / 3600))}:${pad(Math.floor((sod % 3600) / 60))}:${pad(sod % 60)}Z`;
  return lastText;
}

/** RFC 3339 with microseconds, as MicroTime (events.k8s.io eventTime) serialises. */
export function rfc3339Micro(virtualMs: number): string {
  const micros = Math.round((virtualMs - Math.floor(virtualMs / 1000) * 1000) * 1000);
  return rfc3339(virtualMs).replace('Z', `.${pad(micros, 6)}Z`);
}

/** Nanoseconds since the Unix epoch as hex, the suffix of event names (`nginx.18a2f…`). */
export function unixNanoHex(virtualMs: number): string {
  const nanos = BigInt(EPOCH_MS) * 1_000_000n + BigInt(Math.round(virtualMs * 1_000_000));
  return nanos.toString(16);
}

/** Virtual ms of a whole-second RFC 3339 UTC timestamp written by rfc3339 (NaN when it is not one). */
export function parseRfc3339(s: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$/.exec(s);
  if (!m) return NaN;
  const [y0, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  // Howard Hinnant's days_from_civil, the inverse of civil above.
  const y = mo <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const days = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  return (days * 86400 + h * 3600 + mi * 60 + se) * 1000 - EPOCH_MS;
}
