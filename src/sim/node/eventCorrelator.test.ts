import { describe, expect, it } from 'vitest';
import { correlate, emptyCorrelator, SPAM_BURST, type EventInput } from './eventCorrelator';

const ev = (message: string, name = `n${message}`): EventInput => ({
  spamKey: 'kubelet/pod',
  fieldPath: 'spec.containers{app}',
  type: 'Warning',
  reason: 'BackOff',
  message,
  name,
});

describe('correlate', () => {
  it('creates the first event and patches the same Event with count+1 on a repeat', () => {
    const a = correlate(emptyCorrelator(), ev('m', 'first'), 0);
    expect(a.result).toEqual({ action: 'create', name: 'first' });
    const b = correlate(a.state, ev('m', 'second'), 5000);
    expect(b.result).toEqual({ action: 'patch', name: 'first', count: 2, firstTimestampMs: 0 });
  });

  it('treats a different message as a different event', () => {
    const a = correlate(emptyCorrelator(), ev('m1'), 0);
    expect(correlate(a.state, ev('m2'), 1).result.action).toBe('create');
  });

  it('drops events past a burst of 25 per object until a token comes back 300 s later', () => {
    let s = emptyCorrelator();
    const actions: string[] = [];
    for (let i = 0; i < SPAM_BURST + 1; i++) {
      const r = correlate(s, ev('same'), 0);
      s = r.state;
      actions.push(r.result.action);
    }
    expect(actions.at(-1)).toBe('skip');
    expect(correlate(s, ev('same'), 300_000).result.action).toBe('patch');
  });
});
