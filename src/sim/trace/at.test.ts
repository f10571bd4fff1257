import { describe, expect, it } from 'vitest';
import { getPreset, parseScenario } from '../../scenario';
import { simulate } from '../cluster/simulate';
import { KILL_THRICE, PAUSE_RESUME } from '../cluster/__fixtures__/interventions';
import { isGuest, KUBECTL, laneOf, nodeOf, OPERATOR } from '../cluster/systemIds';
import { LANES, type Lane, type Trace } from './types';
import { headsAt, statesAt } from './at';

function run(text: string): Trace {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

function traceOf(id: string): Trace {
  return run(getPreset(id)?.text ?? '');
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

/** headsAt as a scan from the first message, the way it was written before it had an index. */
function headsByScan(trace: Trace, seq: number) {
  const last = new Map<Lane, string>();
  for (const m of trace.messages) {
    if (m.seq > Math.max(seq, 1)) break;
    if (!isGuest(m.fromActor)) last.set(m.from, m.fromActor);
    if (!isGuest(m.toActor)) last.set(m.to, m.toActor);
  }
  const states = statesAt(trace, seq);
  return Object.fromEntries(
    LANES.map((lane) => {
      const actor = last.get(lane) ?? null;
      return [lane, { actor, state: actor ? states.get(actor) : undefined }];
    }),
  );
}

describe('headsAt', () => {
  it.each(['default', 'unschedulable-selector'])(
    'agrees with a scan from the start at every step of %s',
    (id) => {
      const trace = traceOf(id);
      for (let seq = 0; seq <= trace.messages.length; seq++) {
        const heads = headsAt(trace, seq);
        const expected = headsByScan(trace, seq);
        for (const lane of LANES)
          expect({ lane, seq, actor: heads[lane].actor, state: heads[lane].state }).toEqual({
            lane,
            seq,
            ...expected[lane],
          });
      }
    },
  );

  it('says where each machine runs', () => {
    const trace = traceOf('default');
    const heads = headsAt(trace, trace.messages.length);
    const kubelet = heads.kubelet.actor ?? '';
    expect(laneOf(kubelet)).toBe('kubelet');
    expect(heads.kubelet.sub).toBe(nodeOf(kubelet));
    expect(heads.runc.sub).toMatch(/^(nginx|pause) [0-9a-f]{8}$/);
  });
});
