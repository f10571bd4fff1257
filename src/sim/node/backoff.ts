// client-go's flowcontrol.Backoff as pure data: per-key delay that starts at `initialMs`, doubles on every
// Next and stops at `maxMs`; an entry is forgotten after 2 × maxMs without an update.
// upstream: staging/src/k8s.io/client-go/util/flowcontrol/backoff.go (Next, IsInBackOffSince,
// IsInBackOffSinceUpdate, hasExpired); pkg/kubelet/kubelet.go (initialCrashLoopBackOff, MaxCrashLoopBackOff,
// imageBackOffPeriod, MaxImageBackOff)
import { nextRandom } from '../time/random';

export interface BackoffEntry {
  backoffMs: number;
  lastUpdateMs: number;
}
export type BackoffTable = Readonly<Record<string, BackoffEntry>>;
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/** The container restart back-off: 10 s doubling to 5 min. */
export const CRASH_BACKOFF: BackoffPolicy = { initialMs: 10_000, maxMs: 300_000 };
/** The image pull back-off, keyed `<podUID>_<image>`: the same shape. */
export const IMAGE_BACKOFF: BackoffPolicy = { initialMs: 10_000, maxMs: 300_000 };

/** upstream: backoff.go hasExpired — "consider stable if it's ok for twice the maxDuration". */
function hasExpired(eventMs: number, lastUpdateMs: number, p: BackoffPolicy): boolean {
  return eventMs - lastUpdateMs > p.maxMs * 2;
}

/** upstream: backoff.go Next — a new or expired entry starts at the initial delay, else doubles (capped). */
export function nextBackoff(
  t: BackoffTable,
  id: string,
  eventMs: number,
  nowMs: number,
  p: BackoffPolicy,
): BackoffTable {
  const e = t[id];
  const backoffMs =
    !e || hasExpired(eventMs, e.lastUpdateMs, p) ? p.initialMs : Math.min(e.backoffMs * 2, p.maxMs);
  return { ...t, [id]: { backoffMs, lastUpdateMs: nowMs } };
}

/** upstream: backoff.go IsInBackOffSince — still inside the delay counted from `eventMs` (a finishedAt). */
export function isInBackOffSince(
  t: BackoffTable,
  id: string,
  eventMs: number,
  nowMs: number,
  p: BackoffPolicy,
): boolean {
  const e = t[id];
  if (!e || hasExpired(eventMs, e.lastUpdateMs, p)) return false;
  return nowMs - eventMs < e.backoffMs;
}

/** upstream: backoff.go IsInBackOffSinceUpdate — still inside the delay counted from the last update. */
export function isInBackOffSinceUpdate(
  t: BackoffTable,
  id: string,
  nowMs: number,
  p: BackoffPolicy,
): boolean {
  const e = t[id];
  if (!e || hasExpired(nowMs, e.lastUpdateMs, p)) return false;
  return nowMs - e.lastUpdateMs < e.backoffMs;
}

/** upstream: k8s.io/apimachinery/pkg/util/wait Jitter — d + rand·factor·d, from the seeded source. */
export function jitter(ms: number, factor: number, rng: number): [value: number, rng: number] {
  const [r, next] = nextRandom(rng);
  return [Math.round(ms + r * factor * ms), next];
}
