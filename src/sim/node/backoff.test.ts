import { describe, expect, it } from 'vitest';
import {
  CRASH_BACKOFF,
  isInBackOffSince,
  isInBackOffSinceUpdate,
  jitter,
  nextBackoff,
  type BackoffTable,
} from './backoff';
import { goDuration } from '../k8s/duration';

/** The delays after `n` successive restarts, each recorded right after the previous one. */
function schedule(n: number): number[] {
  let t: BackoffTable = {};
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    t = nextBackoff(t, 'k', i * 1000, i * 1000, CRASH_BACKOFF);
    out.push(t.k!.backoffMs);
  }
  return out;
}

describe('crash back-off', () => {
  it('doubles from 10 s and stops at 300 s', () => {
    expect(schedule(8)).toEqual([10, 20, 40, 80, 160, 300, 300, 300].map((s) => s * 1000));
  });

  it('prints each delay as Go prints a time.Duration', () => {
    expect(schedule(6).map(goDuration)).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
  });

  it('is inside the delay counted from finishedAt, and out of it once the delay has passed', () => {
    const t = nextBackoff({}, 'k', 0, 0, CRASH_BACKOFF);
    expect(isInBackOffSince(t, 'k', 1000, 10_999, CRASH_BACKOFF)).toBe(true);
    expect(isInBackOffSince(t, 'k', 1000, 11_000, CRASH_BACKOFF)).toBe(false);
  });

  it('has no back-off for a container that never restarted', () => {
    expect(isInBackOffSince({}, 'k', 0, 1, CRASH_BACKOFF)).toBe(false);
  });

  it('starts again at 10 s when the exit comes more than 600 s after the last update', () => {
    let t = nextBackoff({}, 'k', 0, 0, CRASH_BACKOFF);
    t = nextBackoff(t, 'k', 1, 1, CRASH_BACKOFF);
    expect(nextBackoff(t, 'k', 601_002, 601_002, CRASH_BACKOFF).k!.backoffMs).toBe(10_000);
  });

  it('measures the image back-off from the last failed pull', () => {
    const t = nextBackoff({}, 'img', 5000, 5000, CRASH_BACKOFF);
    expect(isInBackOffSinceUpdate(t, 'img', 14_999, CRASH_BACKOFF)).toBe(true);
    expect(isInBackOffSinceUpdate(t, 'img', 15_000, CRASH_BACKOFF)).toBe(false);
  });
});

describe('jitter', () => {
  it('stays within [d, 1.5d] and is the same for the same seed', () => {
    for (let seed = 1; seed < 50; seed++) {
      const [v] = jitter(10_000, 0.5, seed);
      expect(v).toBeGreaterThanOrEqual(10_000);
      expect(v).toBeLessThanOrEqual(15_000);
      expect(jitter(10_000, 0.5, seed)[0]).toBe(v);
    }
  });
});
