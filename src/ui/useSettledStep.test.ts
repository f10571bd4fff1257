import { describe, expect, it } from 'vitest';
import { SETTLE_MS, settleRule } from './useSettledStep';

const timeline = { playing: false, newRun: false, timeline: true };

describe('settleRule', () => {
  it('shows a lone timeline seek at once', () => {
    const rule = settleRule();
    expect(rule(1000, timeline)).toBe('now');
    expect(rule(1000 + SETTLE_MS + 1, timeline)).toBe('now');
  });

  it('waits while timeline seeks come faster than the settle time (a drag), and shows the next lone one', () => {
    const rule = settleRule();
    expect(rule(0, timeline)).toBe('now');
    expect(rule(16, timeline)).toBe('later');
    expect(rule(33, timeline)).toBe('later');
    expect(rule(33 + SETTLE_MS, timeline)).toBe('now');
  });

  it('never waits for steps from keys or buttons, for playing, nor for a new run', () => {
    const rule = settleRule();
    const key = { ...timeline, timeline: false };
    expect(rule(0, key)).toBe('now');
    expect(rule(10, key)).toBe('now');
    expect(rule(20, key)).toBe('now');
    expect(rule(30, timeline)).toBe('now');
    expect(rule(40, { ...timeline, playing: true })).toBe('now');
    expect(rule(50, { ...timeline, newRun: true })).toBe('now');
  });
});
