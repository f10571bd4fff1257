import type { Scenario } from '../sim/scenario';
import { formatParseError } from './errors';
import { parseScenario } from './parse';
import { DEFAULT_MANIFEST_TEXT } from './presetTexts';

export { DEFAULT_MANIFEST_TEXT, PRESETS, getPreset, type Preset } from './presetTexts';

/** Parses text that ships with Podwalk: a failure is our bug, so it throws. */
export function parseBuiltIn(text: string, name: string): Scenario {
  const result = parseScenario(text, { name });
  if (!result.ok)
    throw new Error(`Built-in scenario "${name}" does not parse: ${formatParseError(result.error)}`);
  return result.scenario;
}

export const DEFAULT_SCENARIO: Scenario = parseBuiltIn(DEFAULT_MANIFEST_TEXT, 'nginx on 3 nodes');
