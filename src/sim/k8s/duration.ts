// Go's time.Duration.String(), for the durations kubelet messages print (`1.442s`, `850ms`, `1m20s`).
// upstream: go/src/time/time.go (Duration).String

function trimFraction(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** Formats whole milliseconds as Go does (the kubelet truncates pull durations to milliseconds). */
export function goDuration(ms: number): string {
  const total = Math.trunc(ms);
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = trimFraction(((total % 60_000) / 1000).toFixed(3));
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
