// src/scenario: YAML text → validated Scenario, with line/column errors; the default scenario and presets.
export { formatParseError, type ParseError } from './errors';
export { parseScenario, defaultActions, MAX_BYTES, type ParseResult } from './parse';
export { parseDuration } from './scenarioDoc';
export { MAX_PODS, SCENARIO_API_VERSION } from './kinds';
export { defaultCluster } from './defaultCluster';
export { DEFAULT_MANIFEST_TEXT, DEFAULT_SCENARIO, PRESETS, getPreset, type Preset } from './presets';
export { fileNameFor, manifestFileName, withManifestFile } from './manifestFile';
