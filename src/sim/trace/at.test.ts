import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario';
import { simulate } from '../cluster/simulate';
import { KILL_THRICE, PAUSE_RESUME } from '../cluster/__fixtures__/interventions';
import { headsAt, statesAt } from './at';
import { KUBECTL, OPERATOR } from '../cluster/systemIds';

function run(text: string) {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

describe('lane heads', () => {
  for (const [name, text] of [
    ['runc kill', KILL_THRICE],
    ['runc pause', PAUSE_RESUME],
  ] as const) {
    it(`keep kubectl's own state on the kubectl lane after the operator's ${name}`, () => {
      const trace = run(text);
      const byHand = trace.messages.find((m) => m.fromActor === OPERATOR);
      expect(byHand?.from).toBe('kubectl'); // the operator is drawn on the client lane…
      for (const seq of [byHand!.seq, trace.messages.length]) {
        const head = headsAt(trace, seq).kubectl;
        // …but the lane's head is kubectl's: its actor and its machine's state, not the operator's.
        expect(head.actor).toBe(KUBECTL);
        expect(head.state).toBe(statesAt(trace, seq).get(KUBECTL));
        expect(head.state).not.toBe(statesAt(trace, seq).get(OPERATOR));
      }
    });
  }

  it('still show the runc the operator talks to', () => {
    const trace = run(KILL_THRICE);
    const byHand = trace.messages.find((m) => m.fromActor === OPERATOR)!;
    expect(headsAt(trace, byHand.seq).runc.actor).toBe(byHand.toActor);
  });
});
