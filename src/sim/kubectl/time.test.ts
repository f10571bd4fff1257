// apimachinery HumanDuration rules (lifecycle.md §9.1) and the timestamp conversions kubectl output needs.
import { describe, expect, it } from 'vitest';
import { rfc3339, rfc3339Micro } from '../time/timestamps';
import { ageSince, humanDuration, parseTimestamp, rfc1123z } from './time';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  it.each([
    [0, '0s'],
    [59 * S, '59s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [2 * M + 15 * S, '2m15s'],
    [10 * M, '10m'],
    [179 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [8 * D, '8d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [735 * D, '2y5d'],
    [8 * 365 * D, '8y'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('tolerates up to one second of clock skew as 0s', () => {
    expect([humanDuration(-1_999), humanDuration(-500)]).toEqual(['0s', '0s']);
  });

  it('says <invalid> for a timestamp two or more seconds in the future', () => {
    expect(humanDuration(-2_000)).toBe('<invalid>');
  });
});

describe('timestamps', () => {
  it('parses rfc3339 and rfc3339Micro back to virtual ms', () => {
    expect([parseTimestamp(rfc3339(2_000)), parseTimestamp(rfc3339Micro(1_234.5))]).toEqual([2_000, 1_234.5]);
  });

  it('honours a numeric zone offset', () => {
    expect(parseTimestamp('2026-05-12T12:15:02+02:00')).toBe(2_000);
  });

  it('treats a missing or malformed timestamp as unset', () => {
    expect([parseTimestamp(undefined), parseTimestamp(null), parseTimestamp('yesterday')]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('formats Go RFC1123Z with the weekday', () => {
    expect([rfc1123z(2_000), rfc1123z(D * 5 + 6_000)]).toEqual([
      'Tue, 12 May 2026 10:15:02 +0000',
      'Sun, 17 May 2026 10:15:06 +0000',
    ]);
  });

  it('says <unknown> for the age of an unset timestamp', () => {
    expect([ageSince(undefined, 0), ageSince(rfc3339(0), 130_000)]).toEqual(['<unknown>', '2m10s']);
  });
});
