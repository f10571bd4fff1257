import { describe, expect, it } from 'vitest';
import { SETTLE_MS, settleRule } from './useSettledStep';

describe('settleRule', () => {
  it('shows a lone seek at once', () => {
    const rule = settleRule();
    expect(rule(1000, false, false)).toBe('now');
    expect(rule(1000 + SETTLE_MS + 1, false, false)).toBe('now');
  });

  it('waits while seeks come faster than the settle time (a drag), and shows the next lone one', () => {
    const rule = settleRule();
    expect(rule(0, false, false)).toBe('now');
    expect(rule(16, false, false)).toBe('later');
    expect(rule(33, false, false)).toBe('later');
    expect(rule(33 + SETTLE_MS, false, false)).toBe('now');
  });

  it('never waits while playing, nor for a new run', () => {
    const rule = settleRule();
    expect(rule(0, true, false)).toBe('now');
    expect(rule(10, true, false)).toBe('now');
    expect(rule(20, false, true)).toBe('now');
  });
});
