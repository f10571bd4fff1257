// Time as kubectl prints it: ages (HumanDuration), RFC1123Z dates, and the RFC 3339 strings stored in objects
// turned back into virtual ms. src/sim may not use Date, so parsing and weekdays are computed by hand.
import { EPOCH_MS, rfc3339 } from '../time/timestamps';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

// upstream idea: Howard Hinnant's days_from_civil (the inverse of the civil() used by timestamps.ts).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function offsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
}

/**
 * Virtual ms of an RFC 3339 timestamp (`metav1.Time` or `MicroTime`), or null for a missing or unparsable
 * value, which kubectl treats as the zero time.
 */
export function parseTimestamp(value: string | null | undefined): number | null {
  const m = value ? RFC3339.exec(value) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const days = daysFromCivil(Number(y), Number(mo), Number(d));
  const secs = days * 86_400 + Number(h) * 3600 + Number(mi) * 60 + Number(s);
  const fraction = frac ? Number(`0${frac}`) * 1000 : 0;
  return secs * 1000 + fraction - offsetMs(zone ?? 'Z') - EPOCH_MS;
}

/**
 * Go's Time.Format(time.RFC1123Z) in UTC, as `Start Time:` and `Started:` print (`Tue, 12 May 2026 10:15:02 +0000`).
 * upstream: go/src/time/format.go RFC1123Z = "Mon, 02 Jan 2006 15:04:05 -0700"
 */
export function rfc1123z(virtualMs: number): string {
  const iso = rfc3339(virtualMs);
  const days = Math.floor((EPOCH_MS + Math.floor(virtualMs)) / DAY_MS);
  const weekday = WEEKDAYS[(((days + 4) % 7) + 7) % 7] ?? '';
  const month = MONTHS[Number(iso.slice(5, 7)) - 1] ?? '';
  return `${weekday}, ${iso.slice(8, 10)} ${month} ${iso.slice(0, 4)} ${iso.slice(11, 19)} +0000`;
}

function withRemainder(major: number, unit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${unit}` : `${major}${unit}${minor}${minorUnit}`;
}

/**
 * apimachinery's HumanDuration: the AGE column and describe's event ages. Go truncates towards zero.
 * upstream: staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go HumanDuration
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  // Up to 1 s in the future is tolerated as clock skew; further is a timestamp kubectl cannot explain.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) return withRemainder(minutes, 'm', seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) return withRemainder(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return withRemainder(Math.trunc(hours / 24), 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) return withRemainder(years, 'y', Math.trunc(hours / 24) % 365, 'd');
  return `${years}y`;
}

/**
 * translateTimestampSince: the age of a stored timestamp at virtual time `nowMs`, `<unknown>` when unset.
 * upstream: pkg/printers/internalversion/printers.go translateTimestampSince
 */
export function ageSince(timestamp: string | null | undefined, nowMs: number): string {
  const at = parseTimestamp(timestamp);
  return at === null ? '<unknown>' : humanDuration(nowMs - at);
}
