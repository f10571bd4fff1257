// `podwalk trace`: the same simulate() the page runs, printed as text, JSON or Mermaid.
import { simulate } from '../../src/sim/cluster/simulate';
import type { Scenario } from '../../src/sim/scenario';
import { traceToMermaid } from '../../src/sim/trace/toMermaid';
import { traceToText } from '../../src/sim/trace/toText';
import type { Format } from '../args';

export function traceCommand(scenario: Scenario, format: Format): string {
  const trace = simulate(scenario);
  if (format === 'json') return JSON.stringify(trace, null, 2) + '\n';
  if (format === 'mermaid') return traceToMermaid(trace);
  return traceToText(trace);
}
