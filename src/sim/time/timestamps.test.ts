import { describe, expect, it } from 'vitest';
import { parseRfc3339, rfc3339 } from './timestamps';

describe('parseRfc3339', () => {
  it('inverts rfc3339 to the whole second, across days, months and years', () => {
    for (const ms of [0, 1_999, 61_000, 86_400_000 * 20 + 3_601_000, 86_400_000 * 400 + 5_000])
      expect(parseRfc3339(rfc3339(ms))).toBe(Math.floor(ms / 1000) * 1000);
    expect(rfc3339(0)).toBe('2026-05-12T10:15:00Z');
  });

  it('is NaN for anything but a whole-second UTC timestamp', () => {
    expect(parseRfc3339('2026-05-12T10:15:00.5Z')).toBeNaN();
    expect(parseRfc3339('')).toBeNaN();
  });
});
