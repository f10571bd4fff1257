// Quantity.String(): the canonical text of a quantity in its format (DecimalSI or BinarySI).
// upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go CanonicalizeBytes
import { parseQuantity } from '../k8s/quantity';

const DECIMAL: [string, number][] = [
  ['E', 18],
  ['P', 15],
  ['T', 12],
  ['G', 9],
  ['M', 6],
  ['k', 3],
  ['', 0],
  ['m', -3],
  ['u', -6],
  ['n', -9],
];
const BINARY: [string, bigint][] = [
  ['Ei', 2n ** 60n],
  ['Pi', 2n ** 50n],
  ['Ti', 2n ** 40n],
  ['Gi', 2n ** 30n],
  ['Mi', 2n ** 20n],
  ['Ki', 2n ** 10n],
];
const NANO = 1_000_000_000n;

function decimal(nanos: bigint): string {
  if (nanos === 0n) return '0';
  for (const [suffix, exp] of DECIMAL) {
    const unit = 10n ** BigInt(exp + 9);
    if (nanos % unit === 0n) return `${nanos / unit}${suffix}`;
  }
  return `${nanos}n`;
}

/** BinarySI falls back to DecimalSI below 1024 and for fractions, as upstream does. */
export function formatQuantity(nanos: bigint, binary: boolean): string {
  const abs = nanos < 0n ? -nanos : nanos;
  if (!binary || abs < 1024n * NANO || nanos % NANO !== 0n) return decimal(nanos);
  const units = nanos / NANO;
  for (const [suffix, unit] of BINARY) if (units % unit === 0n) return `${units / unit}${suffix}`;
  return String(units);
}

export function isBinary(text: string | number): boolean {
  return typeof text === 'string' && /[KMGTPE]i$/.test(text);
}

/** nano-units of a quantity that the API server already decoded (bad ones count as zero). */
export function nanosOf(text: string | number | undefined): bigint {
  if (text === undefined) return 0n;
  const r = parseQuantity(text);
  return r.ok ? r.value.nanos : 0n;
}

/** The canonical text of a quantity as written. */
export function canonical(text: string | number): string {
  return formatQuantity(nanosOf(text), isBinary(text));
}
