import { describe, expect, it } from 'vitest';
import { crossed, findPredictions, namespaceChoice } from './predictions';
import { PRESETS } from '../../scenario/presetTexts';
import { parseScenario } from '../../scenario/parse';
import { simulate } from '../../sim/cluster/simulate';
import type { Trace } from '../../sim/trace/types';

function run(id: string): Trace {
  const parsed = parseScenario(PRESETS.find((p) => p.id === id)!.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

describe('predict mode questions', () => {
  const trace = run('default');
  const [select, cri, ns] = findPredictions(trace);

  it('asks which feasible node wins, just before the scheduler selects it', () => {
    expect(select).toMatchObject({ id: 'select-node', question: 'Which node wins?', answer: 'worker-2' });
    expect(select!.choices).toEqual(['worker-1', 'worker-2']); // control-plane is filtered out by its taint
    const next = trace.messages[select!.before]!;
    expect(next.activity).toBe(10);
    expect(next.label).toMatch(/^select worker-2/);
  });

  it('asks for the first CRI call: RunPodSandbox', () => {
    expect(cri).toMatchObject({ id: 'first-cri', answer: 'RunPodSandbox' });
    expect(cri!.choices).toContain('PullImage');
    expect(trace.messages[cri!.before]).toMatchObject({ from: 'kubelet', to: 'containerd', activity: 12 });
  });

  it('asks which namespaces the first app container shares with the pause container', () => {
    expect(ns).toMatchObject({
      id: 'shared-namespaces',
      question: 'Which namespaces will nginx share with the pause container?',
      answer: 'net, ipc and uts',
    });
    expect(ns!.choices).toContain('net only');
    expect(trace.messages[ns!.before]!.label).toMatch(/^runc create .*\(nginx\)/);
  });

  it('stops only when the playhead crosses a question not yet asked', () => {
    const all = findPredictions(trace);
    const b = select!.before;
    expect(crossed(all, new Set(), b - 0.5, b + 0.2)).toEqual(select);
    expect(crossed(all, new Set(), b, b + 0.01)).toEqual(select);
    expect(crossed(all, new Set(['select-node']), b - 0.5, b + 0.2)).toBeNull();
    expect(crossed(all, new Set(), b + 0.1, b + 0.5)).toBeNull();
  });

  it('has no node question when no node fits, and words namespace sets plainly', () => {
    const ids = findPredictions(run('unschedulable-selector')).map((p) => p.id);
    expect(ids).not.toContain('select-node');
    expect(namespaceChoice(['uts', 'net', 'ipc'])).toBe('net, ipc and uts');
    expect(namespaceChoice(['net'])).toBe('net only');
    expect(namespaceChoice([])).toMatch(/^none/);
  });
});
