import { describe, expect, it } from 'vitest';
import { getPreset, parseScenario } from '../../scenario';
import { simulate } from '../cluster/simulate';
import { laneOf, nodeOf } from '../cluster/systemIds';
import { LANES, type Lane, type Trace } from './types';
import { headsAt, statesAt } from './at';

function traceOf(id: string): Trace {
  const parsed = parseScenario(getPreset(id)?.text ?? '');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

/** headsAt as a scan from the first message, the way it was written before it had an index. */
function headsByScan(trace: Trace, seq: number) {
  const last = new Map<Lane, string>();
  for (const m of trace.messages) {
    if (m.seq > Math.max(seq, 1)) break;
    last.set(m.from, m.fromActor);
    last.set(m.to, m.toActor);
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
