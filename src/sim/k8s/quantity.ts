// Kubernetes resource quantities ("250m", "128Mi", "1e3"), parsed the way apimachinery's resource.Quantity
// parses them, so that every comparison the scheduler makes (MilliValue for cpu, Value for the rest) is exact.
// upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go ParseQuantity, parseQuantityString

/** The regular expression quoted by apimachinery's ErrFormatWrong (it documents the shape; parsing is by hand). */
export const QUANTITY_REGEXP = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
// upstream: quantity.go ErrFormatWrong / ErrNumeric / ErrSuffix
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEXP}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** A parsed quantity, held as an exact count of nano-units (1e-9), as upstream rounds every value to nano. */
export interface Quantity {
  readonly nanos: bigint;
}

export type ParseResult = { ok: true; value: Quantity } | { ok: false; message: string };

const NANO = 1_000_000_000n;
// upstream: quantity.go maxAllowed — larger magnitudes are capped, not rejected.
const MAX_NANOS = (2n ** 63n - 1n) * NANO;
const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';

interface Parts {
  negative: boolean;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Splits sign, integer digits, fraction digits and suffix; null when the text has the wrong shape. */
// upstream: quantity.go parseQuantityString
function splitQuantity(str: string): Parts | null {
  let pos = 0;
  const negative = str[0] === '-';
  if (str[0] === '-' || str[0] === '+') pos++;
  while (str[pos] === '0') pos++;
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos);
  let denom = '';
  if (str[pos] === '.') {
    const denomStart = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos] ?? '')) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos !== str.length) return null;
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

/** Base-10 exponent or base-2 exponent of a suffix; null when apimachinery does not know it. */
// upstream: suffix.go suffixHandler.interpret
function interpretSuffix(suffix: string): { base: 10 | 2; exponent: number } | null {
  const dec = DECIMAL_SUFFIXES[suffix];
  if (dec !== undefined) return { base: 10, exponent: dec };
  const bin = BINARY_SUFFIXES[suffix];
  if (bin !== undefined) return { base: 2, exponent: bin };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return null;
    const parsed = BigInt(rest);
    if (parsed > 2n ** 63n - 1n || parsed < -(2n ** 63n)) return null; // strconv.ParseInt range error
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)) }; // Go's int32(parsed) wraps
  }
  return null;
}

/** digits × 2^binExp × 10^exp10 in nano-units, rounded up in magnitude and capped like upstream. */
function toNanos(digits: bigint, digitCount: number, binExp: number, exp10: number): bigint {
  if (digits === 0n) return 0n;
  const scaled = digits << BigInt(binExp);
  const shift = exp10 + 9;
  let nanos: bigint;
  if (shift >= 0) {
    // A value beyond ~1e40 nano-units is over the cap whatever its digits: avoid building a huge power.
    if (shift + digitCount > 60) return MAX_NANOS;
    nanos = scaled * 10n ** BigInt(shift);
  } else if (-shift > digitCount + 20) {
    nanos = 1n; // below one nano-unit but not zero: upstream rounds up to the smallest representable value
  } else {
    const divisor = 10n ** BigInt(-shift);
    nanos = scaled / divisor + (scaled % divisor === 0n ? 0n : 1n);
  }
  return nanos > MAX_NANOS ? MAX_NANOS : nanos;
}

/** Parses a quantity as written in a manifest; YAML numbers (`cpu: 4`) are read via their decimal text. */
export function parseQuantity(input: string | number): ParseResult {
  const str = typeof input === 'number' ? String(input) : input;
  if (str.length === 0) return { ok: false, message: ERR_FORMAT_WRONG };
  const parts = splitQuantity(str);
  if (parts === null) return { ok: false, message: ERR_FORMAT_WRONG };
  const suffix = interpretSuffix(parts.suffix);
  if (suffix === null) return { ok: false, message: ERR_SUFFIX };
  const digitsText = `${parts.num}${parts.denom}`.replace(/^0+/, '');
  const digits = digitsText === '' ? 0n : BigInt(digitsText);
  const binExp = suffix.base === 2 ? suffix.exponent : 0;
  const exp10 = (suffix.base === 10 ? suffix.exponent : 0) - parts.denom.length;
  const magnitude = toNanos(digits, digitsText.length, binExp, exp10);
  return { ok: true, value: { nanos: parts.negative ? -magnitude : magnitude } };
}

/** Thrown where a quantity must be valid (the API server would have rejected the object). */
export class QuantityError extends Error {
  constructor(
    readonly input: string | number,
    message: string,
  ) {
    super(message);
    this.name = 'QuantityError';
  }
}

export function mustParseQuantity(input: string | number): Quantity {
  const result = parseQuantity(input);
  if (!result.ok) throw new QuantityError(input, result.message);
  return result.value;
}

/** Divides rounding away from zero, as apimachinery's ScaledValue does. */
function divideUp(nanos: bigint, unit: bigint): number {
  const quotient = nanos / unit;
  if (nanos % unit === 0n) return Number(quotient);
  return Number(nanos > 0n ? quotient + 1n : quotient - 1n);
}

/** Milli-units rounded up (cpu in millicores). upstream: quantity.go Quantity.MilliValue */
export function milliValue(q: Quantity): number {
  return divideUp(q.nanos, 1_000_000n);
}

/** Whole units rounded up (bytes, pods, devices). upstream: quantity.go Quantity.Value */
export function value(q: Quantity): number {
  return divideUp(q.nanos, NANO);
}

/** The scheduler's integer for a resource: cpu in milli-units, everything else in units. */
// upstream: pkg/scheduler/framework/types.go Resource.Add
export function resourceUnits(resource: string, input: string | number): number {
  const q = mustParseQuantity(input);
  return resource === 'cpu' ? milliValue(q) : value(q);
}

/** Millicores in the canonical form kubectl prints ("1400m", "2"). */
export function formatMilli(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes with the largest binary suffix that divides them exactly ("1344Mi", "16318412Ki"). */
export function formatBytes(bytes: number): string {
  const suffixes = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'];
  for (const [i, suffix] of suffixes.entries()) {
    const unit = 2 ** (60 - 10 * i);
    if (bytes !== 0 && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
