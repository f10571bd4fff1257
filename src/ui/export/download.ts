// Downloads through a Blob URL and a temporary <a download>, revoked once the browser has taken it.
import type { Trace } from '../../sim/trace/types';

const REVOKE_MS = 10_000;

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_MS);
}

/** `nginx`: the scenario's name reduced to safe file-name characters. */
export function scenarioSlug(trace: Trace): string {
  return (
    trace.scenario.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'scenario'
  );
}

/** `podwalk-nginx-step-44`. */
export function fileName(trace: Trace, step: number): string {
  return `podwalk-${scenarioSlug(trace)}-step-${step}`;
}
