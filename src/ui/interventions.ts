// User interventions re-run the simulation with one more action at the playhead's virtual time.
import type { Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace/types';

/** The scenario with `kubectl delete pod` moved to now, instead of "once it is Running". */
export function withDeleteNow(scenario: Scenario, trace: Trace, delivered: number, podKey: string): Scenario {
  const [namespace = 'default', name = ''] = podKey.split('/');
  const now = trace.messages[delivered - 1]?.t ?? trace.clusterReadyAt;
  const keep = scenario.actions.filter((a) => a.kind !== 'kubectl' || a.args[0] !== 'delete');
  const args = ['delete', 'pod', name, ...(namespace === 'default' ? [] : ['-n', namespace])];
  return {
    ...scenario,
    actions: [...keep, { kind: 'kubectl', trigger: { atMs: Math.max(0, now - trace.clusterReadyAt) }, args }],
  };
}
