// client-go's EventCorrelator for one recorder, as pure data: identical events (same source, involved
// object with fieldPath, type, reason, message) become one Event whose count and lastTimestamp the
// recorder PATCHes; a token bucket per source+object (burst 25, one token per 300 s) drops the excess.
// upstream: staging/src/k8s.io/client-go/tools/record/events_cache.go (getEventKey, getSpamKey,
// EventSourceObjectSpamFilter, eventLogger.eventObserve); tools/record/event.go recordToSink
// TODO: the "(combined from similar events)" aggregation after 10 distinct messages of one reason.

export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;

export interface Observed {
  name: string;
  count: number;
  firstTimestampMs: number;
}

export interface CorrelatorState {
  /** Seen events by key. */
  seen: Readonly<Record<string, Observed>>;
  /** Token bucket per spam key (source + involved object). */
  buckets: Readonly<Record<string, { tokens: number; atMs: number }>>;
}

export const emptyCorrelator = (): CorrelatorState => ({ seen: {}, buckets: {} });

export interface EventInput {
  /** Source component + host + involved object (kind, namespace, name, uid, apiVersion). */
  spamKey: string;
  fieldPath: string;
  type: string;
  reason: string;
  message: string;
  /** The name a new Event would get. */
  name: string;
}

export type Correlated =
  | { action: 'skip' }
  | { action: 'create'; name: string }
  | { action: 'patch'; name: string; count: number; firstTimestampMs: number };

function takeToken(s: CorrelatorState, key: string, nowMs: number): CorrelatorState | null {
  const b = s.buckets[key] ?? { tokens: SPAM_BURST, atMs: nowMs };
  const tokens = Math.min(SPAM_BURST, b.tokens + (nowMs - b.atMs) / SPAM_REFILL_MS);
  if (tokens < 1) return null;
  return { ...s, buckets: { ...s.buckets, [key]: { tokens: tokens - 1, atMs: nowMs } } };
}

/** What the recorder does with `e` at `nowMs`, and the correlator's next state. */
export function correlate(
  s: CorrelatorState,
  e: EventInput,
  nowMs: number,
): { state: CorrelatorState; result: Correlated } {
  const afterSpam = takeToken(s, e.spamKey, nowMs);
  if (!afterSpam) return { state: s, result: { action: 'skip' } };
  const key = [e.spamKey, e.fieldPath, e.type, e.reason, e.message].join('\u0000');
  const prev = afterSpam.seen[key];
  const observed: Observed = prev
    ? { ...prev, count: prev.count + 1 }
    : { name: e.name, count: 1, firstTimestampMs: nowMs };
  const state = { ...afterSpam, seen: { ...afterSpam.seen, [key]: observed } };
  if (!prev) return { state, result: { action: 'create', name: e.name } };
  return {
    state,
    result: {
      action: 'patch',
      name: prev.name,
      count: observed.count,
      firstTimestampMs: prev.firstTimestampMs,
    },
  };
}
