// One simulation request, as the Worker (or the main thread, where Workers are unavailable) runs it.
// From the modules themselves, not src/scenario/index.ts: that one also parses the default scenario when
// it loads, which the Worker would pay for before its first run.
import { parseScenario } from '../scenario/parse';
import type { ParseError } from '../scenario/errors';
import { simulate } from '../sim/cluster/simulate';
import type { Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace/types';

export type RunRequest = { id: number; text: string } | { id: number; scenario: Scenario };

export type RunReply =
  | { id: number; ok: true; trace: Trace; scenario: Scenario; warnings: string[] }
  | { id: number; ok: false; parseError: ParseError | null; message: string };

export function runRequest(req: RunRequest): RunReply {
  try {
    let scenario: Scenario;
    let warnings: string[] = [];
    if ('text' in req) {
      const parsed = parseScenario(req.text);
      if (!parsed.ok)
        return { id: req.id, ok: false, parseError: parsed.error, message: parsed.error.message };
      scenario = parsed.scenario;
      warnings = parsed.warnings;
    } else scenario = req.scenario;
    return { id: req.id, ok: true, trace: simulate(scenario), scenario, warnings };
  } catch (err) {
    return {
      id: req.id,
      ok: false,
      parseError: null,
      message: `The simulation failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}
