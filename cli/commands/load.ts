// Scenario file → Scenario, or the one line of stderr that says what is wrong with it.
import { formatParseError, parseScenario, type ParseError } from '../../src/scenario';
import type { Scenario } from '../../src/sim/scenario';
import type { Io } from '../io';

export type Loaded = { ok: true; scenario: Scenario; warnings: string[] } | { ok: false; error: string };

const displayName = (file: string): string => (file === '-' ? '<stdin>' : file);

function readError(file: string, e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `${displayName(file)}: no such file.`;
  if (code === 'EISDIR') return `${displayName(file)}: is a directory, not a scenario file.`;
  if (code === 'EACCES') return `${displayName(file)}: permission denied.`;
  return `${displayName(file)}: cannot read it: ${e instanceof Error ? e.message : String(e)}`;
}

/** formatParseError plus the document number when the parser's message does not already give it. */
export function describeParseError(file: string, error: ParseError): string {
  const doc = error.document;
  const needsDoc = doc !== null && !error.message.startsWith(`Document ${doc}`);
  const withDoc = needsDoc ? { ...error, message: `Document ${doc}: ${error.message}` } : error;
  return `${displayName(file)}: ${formatParseError(withDoc)}`;
}

/** `admitted`: `podwalk schedule` takes its input as already admitted (src/scenario/admitted.ts). */
export function loadScenario(io: Io, file: string, seed: number | null, admitted = false): Loaded {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    return { ok: false, error: readError(file, e) };
  }
  // No name option: the run is named as the page names it, so JSON from both hosts compares equal.
  const parsed = parseScenario(text, { admitted });
  if (!parsed.ok) return { ok: false, error: describeParseError(file, parsed.error) };
  const scenario = seed === null ? parsed.scenario : { ...parsed.scenario, seed };
  return { ok: true, scenario, warnings: parsed.warnings.map((w) => `${displayName(file)}: warning: ${w}`) };
}
