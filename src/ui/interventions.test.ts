import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, getPreset, parseScenario } from '../scenario';
import { simulate } from '../sim/cluster/simulate';
import { podObjectAt } from '../sim/trace/at';
import { containerChoices, nodeToAdd, runningPods, withInterventionNow } from './interventions';

const trace = simulate(DEFAULT_SCENARIO);
/** The step at which the kubelet's start of nginx has reached runc (runc start, before phase Running). */
const started = trace.messages.find(
  (m) => m.to === 'runc' && m.label.startsWith('runc start') && !m.label.endsWith('(pause)'),
)!.seq;

describe('what the Intervene menu offers', () => {
  it('offers no container before containerd created it, and the running one once runc started it', () => {
    expect(containerChoices(trace, 10, 'default/nginx')).toEqual([{ name: 'nginx', state: null }]);
    expect(containerChoices(trace, started, 'default/nginx')).toEqual([{ name: 'nginx', state: 'running' }]);
  });

  it('lists the cluster’s other running pods', () => {
    expect(runningPods(trace, started, 'default/nginx')).toEqual([
      'monitoring/metrics-agent-7k2xq',
      'shop/postgres-0',
      'shop/redis-0',
    ]);
  });

  it('adds a worker with the labels a Pending pod’s nodeSelector asks for', () => {
    const parsed = parseScenario(getPreset('unschedulable-selector')!.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const t = simulate(parsed.scenario);
    const pod = podObjectAt(t, t.messages.length, 'default/nginx');
    const node = nodeToAdd(parsed.scenario, pod);
    expect(node.metadata.name).toBe('worker-3');
    expect(node.metadata.labels).toMatchObject({ disktype: 'ssd', 'kubernetes.io/hostname': 'worker-3' });
  });
});

describe('withInterventionNow', () => {
  it('puts the action at the playhead’s virtual time and drops the delete that waits for Running', () => {
    const s = withInterventionNow(DEFAULT_SCENARIO, trace, started, {
      kind: 'container',
      op: 'kill',
      pod: 'default/nginx',
      container: 'nginx',
      signal: 'KILL',
    });
    const at = trace.messages[started - 1]!.t - trace.clusterReadyAt;
    expect(s.actions.map((a) => [a.kind, a.trigger])).toEqual([
      ['kubectl', { atMs: 0 }],
      ['container', { atMs: at }],
    ]);
  });

  it('keeps every message before the playhead the same when the run is simulated again', () => {
    const s = withInterventionNow(DEFAULT_SCENARIO, trace, started, {
      kind: 'container',
      op: 'kill',
      pod: 'default/nginx',
      container: 'nginx',
      signal: 'KILL',
    });
    const again = simulate(s);
    expect(again.messages.slice(0, started)).toEqual(trace.messages.slice(0, started));
    expect(again.messages.some((m) => m.label.startsWith('TaskExit') && m.detail.exitCode === 137)).toBe(
      true,
    );
  });
});
