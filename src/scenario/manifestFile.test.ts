import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { getPreset } from './presetTexts';
import { simulate } from '../sim/cluster/simulate';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n';
const withActions = (...commands: string[]) =>
  `${DEPLOYMENT}---\napiVersion: podwalk.dev/v1alpha1\nkind: Scenario\nspec:\n  actions:\n${commands
    .map((c) => `  - {at: 0s, kubectl: "${c}"}\n`)
    .join('')}`;

function parsed(text: string) {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

describe('the manifest file’s name', () => {
  it('is pod.yaml for Pods, and left unset on the scenario', () => {
    const { scenario } = parsed(getPreset('default')!.text);
    expect(scenario.manifestFile).toBeUndefined();
  });

  it('follows the first object’s kind', () => {
    expect(parsed(DEPLOYMENT).scenario.manifestFile).toBe('deployment.yaml');
    expect(parsed(getPreset('statefulset')!.text).scenario.manifestFile).toBe('statefulset.yaml');
  });

  it('stays pod.yaml for texts that apply pod.yaml, as every text did before (saved edits, old links)', () => {
    const { scenario, warnings } = parsed(withActions('apply -f pod.yaml'));
    expect(scenario.manifestFile).toBeUndefined();
    expect(warnings).toEqual([]);
    const trace = simulate({ ...scenario, options: { horizonMs: 2000 } });
    // kubectl reads the file and sends it (this bare Deployment is then refused by validation).
    expect(trace.terminal[0]?.text).not.toContain('does not exist');
    expect(trace.messages.some((m) => m.from === 'kubectl')).toBe(true);
  });

  it('warns when an action names neither', () => {
    const { scenario, warnings } = parsed(withActions('apply -f deployment.yaml', 'create -f web.yaml'));
    expect(scenario.manifestFile).toBe('deployment.yaml');
    expect(warnings).toEqual([
      'kubectl create -f web.yaml names web.yaml, but the manifest is deployment.yaml: kubectl will say the path does not exist.',
    ]);
  });

  it('is what kubectl applies in the workload presets', () => {
    for (const id of ['deployment', 'scale-down']) {
      const trace = simulate(parsed(getPreset(id)!.text).scenario);
      const apply = trace.terminal.find((l) => l.command?.includes(' apply '));
      expect(apply?.command).toBe('kubectl apply -f deployment.yaml');
      expect(apply?.text).toBe('deployment.apps/nginx created');
    }
  });
});
