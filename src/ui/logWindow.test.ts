import { describe, expect, it } from 'vitest';
import { LOG_MAX, LOG_TAIL, LOG_WHOLE, logWindow } from './logWindow';

/** A run long enough to be windowed. */
const LONG = 10_000;

describe('logWindow', () => {
  it('lists every delivered message of a run of up to LOG_WHOLE messages', () => {
    expect(logWindow(LOG_WHOLE, null, LOG_WHOLE)).toEqual({ start: 0, end: LOG_WHOLE });
    expect(logWindow(120, null, 200)).toEqual({ start: 0, end: 120 });
    expect(logWindow(LOG_WHOLE, null, LOG_WHOLE + 1)).toEqual({
      start: LOG_WHOLE - LOG_TAIL,
      end: LOG_WHOLE,
    });
  });

  it('lists every message of a short run', () => {
    expect(logWindow(0, null, LONG)).toEqual({ start: 0, end: 0 });
    expect(logWindow(LOG_TAIL, null, LONG)).toEqual({ start: 0, end: LOG_TAIL });
  });

  it('lists only the newest LOG_TAIL messages of a long run', () => {
    expect(logWindow(10_000, null, LONG)).toEqual({ start: 10_000 - LOG_TAIL, end: 10_000 });
  });

  it('lists from where the reader asked, while that is before the tail', () => {
    expect(logWindow(1000, 700, LONG)).toEqual({ start: 700, end: 1000 });
    expect(logWindow(1001, 700, LONG)).toEqual({ start: 700, end: 1001 });
  });

  it('goes back to the tail after a seek back past the request or far forward', () => {
    expect(logWindow(720, 700, LONG)).toEqual({ start: 720 - LOG_TAIL, end: 720 });
    expect(logWindow(700 + LOG_MAX + 1, 700, LONG)).toEqual({
      start: 700 + LOG_MAX + 1 - LOG_TAIL,
      end: 2701,
    });
  });
});
