import { describe, expect, it } from 'vitest';
import { formatVirtualTime, positionWidthCh } from './Controls';

describe('the step and time column', () => {
  it('is wide enough for the step count at any step of the run', () => {
    for (const total of [9, 200, 529, 10_000])
      expect(positionWidthCh(total)).toBeGreaterThanOrEqual(`step ${total} / ${total}`.length);
  });

  it('is wide enough for every virtual time up to an hour, so it never changes during a run', () => {
    const width = positionWidthCh(10);
    for (const ms of [0, 0.5, 45.9, 999, 1000, 59_999, 60_000, 330_000, 3_599_900])
      expect(formatVirtualTime(ms).length).toBeLessThanOrEqual(width);
    expect(formatVirtualTime(330_000)).toBe('5 min 30.0 s');
  });
});
