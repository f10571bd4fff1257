import { describe, expect, it } from 'vitest';
import {
  ERR_FORMAT_WRONG,
  ERR_SUFFIX,
  QuantityError,
  formatBytes,
  formatMilli,
  milliValue,
  mustParseQuantity,
  parseQuantity,
  resourceUnits,
  value,
} from './quantity';

const milli = (s: string | number): number => milliValue(mustParseQuantity(s));
const units = (s: string | number): number => value(mustParseQuantity(s));

describe('parseQuantity', () => {
  it('reads cpu forms as millicores', () => {
    expect([milli('250m'), milli('1'), milli('1.5'), milli('7910m'), milli(4), milli(0.5)]).toEqual([
      250, 1000, 1500, 7910, 4000, 500,
    ]);
  });

  it('reads binary and decimal suffixes as whole units', () => {
    expect(units('128Mi')).toBe(134217728);
    expect(units('16318412Ki')).toBe(16710053888);
    expect(units('2Gi')).toBe(2147483648);
    expect(units('96Gi')).toBe(103079215104);
    expect([units('1k'), units('1M'), units('1e3'), units('1E3'), units('1.5Gi')]).toEqual([
      1000, 1000000, 1000, 1000, 1610612736,
    ]);
  });

  it('rounds sub-unit values up, as MilliValue and Value do', () => {
    expect(milli('0.0001')).toBe(1);
    expect(units('100m')).toBe(1);
    expect(milli('1n')).toBe(1);
    expect(milli('0.0000000001')).toBe(1);
  });

  it('keeps zero forms at zero', () => {
    expect([units('0'), units('0m'), units('0Gi'), units('000'), milli('0.0')]).toEqual([0, 0, 0, 0, 0]);
  });

  it('caps huge values at the int64 maximum instead of failing', () => {
    expect(mustParseQuantity('1e100').nanos).toBe((2n ** 63n - 1n) * 1_000_000_000n);
  });

  it('reports apimachinery’s format error with the real regular expression', () => {
    for (const bad of ['', 'abc', '1 Gi', ' 1', '1.5.5', '1Zi', '1Gi ']) {
      expect(parseQuantity(bad)).toEqual({ ok: false, message: ERR_FORMAT_WRONG });
    }
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('reports a suffix error for a well-shaped but unknown suffix', () => {
    for (const bad of ['1ki', '1K', '1e', '1mi', '1e+', '--1']) {
      expect(parseQuantity(bad)).toEqual({ ok: false, message: ERR_SUFFIX });
    }
  });

  it('throws a QuantityError from the must- variants', () => {
    expect(() => resourceUnits('memory', '12 Gi')).toThrow(QuantityError);
  });

  it('uses milli for cpu and units for everything else in resourceUnits', () => {
    expect(resourceUnits('cpu', '2')).toBe(2000);
    expect(resourceUnits('nvidia.com/gpu', '1')).toBe(1);
  });
});

describe('formatting', () => {
  it('prints millicores canonically', () => {
    expect([formatMilli(1400), formatMilli(2000), formatMilli(0)]).toEqual(['1400m', '2', '0']);
  });

  it('prints bytes with the largest exact binary suffix', () => {
    expect([formatBytes(1409286144), formatBytes(16710053888), formatBytes(1000)]).toEqual([
      '1344Mi',
      '16318412Ki',
      '1000',
    ]);
  });
});
