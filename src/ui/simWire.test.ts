import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from './simWire';
import { runRequest } from './runRequest';
import { getPreset } from '../scenario/presetTexts';

describe('simWire', () => {
  it('carries a trace as JSON text and gives back the same trace', () => {
    const text = getPreset('default')?.text ?? '';
    const reply = runRequest({ id: 3, text });
    expect(reply.ok).toBe(true);
    const wire = toWire(reply);
    expect(wire.ok && typeof wire.traceJson).toBe('string');
    expect(fromWire(structuredClone(wire))).toEqual(reply);
  });

  it('passes a failure through unchanged', () => {
    const reply = runRequest({ id: 4, text: 'kind: [' });
    expect(reply.ok).toBe(false);
    expect(fromWire(toWire(reply))).toEqual(reply);
  });
});
