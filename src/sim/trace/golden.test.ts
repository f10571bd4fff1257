// Golden traces: the whole text of a run, checked in, so any change in what the simulation says shows
// up as a reviewable diff. `UPDATE_GOLDEN=1 npx vitest run src/sim/trace` rewrites the files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, getPreset, parseScenario } from '../../scenario';
import type { Scenario } from '../scenario';
import { simulate } from '../cluster/simulate';
import { traceToText } from './toText';
import { ADD_NODE, KILL_THRICE } from '../cluster/__fixtures__/interventions';

const update = process.env.UPDATE_GOLDEN === '1';

function preset(id: string): Scenario {
  const text = getPreset(id)?.text;
  if (text === undefined) throw new Error(`no preset ${id}`);
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(`preset ${id} does not parse: ${parsed.error.message}`);
  return parsed.scenario;
}

function fromText(text: string): Scenario {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.scenario;
}

const cases: { file: string; scenario: () => Scenario }[] = [
  { file: 'default.txt', scenario: () => DEFAULT_SCENARIO },
  { file: 'unschedulable-selector.txt', scenario: () => preset('unschedulable-selector') },
  { file: 'native-sidecar.txt', scenario: () => preset('native-sidecar') },
  { file: 'startup-probe-fails.txt', scenario: () => preset('startup-probe-fails') },
  // Interventions: runc kill by hand (three restarts with back-off), and a node that joins.
  { file: 'intervention-kill.txt', scenario: () => fromText(KILL_THRICE) },
  { file: 'intervention-add-node.txt', scenario: () => fromText(ADD_NODE) },
  { file: 'deployment.txt', scenario: () => preset('deployment') },
  // A second apply of a changed image: RollingUpdate from one ReplicaSet to another.
  { file: 'rolling-update.txt', scenario: () => preset('rolling-update') },
  // Runtimes: a Kata pod (its VM's lanes), a CRI-O node (conmon), the kubelet's checkpoint API.
  { file: 'kata.txt', scenario: () => preset('kata') },
  { file: 'cri-o.txt', scenario: () => preset('cri-o') },
  { file: 'checkpoint.txt', scenario: () => preset('checkpoint') },
  // A RuntimeClass handler containerd has no runtime for: FailedCreatePodSandBox and retries.
  { file: 'runtime-handler-missing.txt', scenario: () => preset('runtime-handler-missing') },
];

describe('golden traces', () => {
  for (const c of cases) {
    it(`${c.file} matches the text of a fresh run`, () => {
      const path = fileURLToPath(new URL(`./__golden__/${c.file}`, import.meta.url));
      const actual = traceToText(simulate(c.scenario()));
      if (update || !existsSync(path)) {
        writeFileSync(path, actual);
        if (!update) throw new Error(`wrote missing golden ${c.file}; check it and run again`);
        return;
      }
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });
  }

  it('gives the same text when the same scenario runs twice', () => {
    const scenario = preset('unschedulable-selector');
    expect(traceToText(simulate(scenario))).toBe(traceToText(simulate(scenario)));
  });
});
