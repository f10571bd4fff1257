import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../scenario';
import { traceToText } from './toText';
import type { Trace, TraceMessage } from './types';

function msg(seq: number, over: Partial<TraceMessage> = {}): TraceMessage {
  return {
    seq,
    t: seq,
    from: 'kubectl',
    to: 'kube-apiserver',
    fromActor: 'kubectl',
    toActor: 'apiServer',
    activity: 1,
    phase: 'Admission',
    pod: 'default/nginx',
    kind: 'request',
    label: `message ${seq}`,
    detail: {},
    ...over,
  };
}

function trace(messages: TraceMessage[], over: Partial<Trace> = {}): Trace {
  const scenario = {
    name: 'nginx',
    cluster: [],
    manifests: [],
    actions: [],
    options: DEFAULT_OPTIONS,
    seed: 7,
  };
  const end = { t: messages.at(-1)?.t ?? 0, reason: 'idle' as const };
  return {
    version: 1,
    scenario,
    messages,
    states: [],
    objects: [],
    terminal: [],
    clusterReadyAt: 0,
    end,
    ...over,
  };
}

const lines = (t: Trace): string[] => traceToText(t).split('\n');

describe('traceToText', () => {
  it('prints seq, virtual time, activity, route and label on one line per message', () => {
    const out = lines(
      trace([
        msg(27, {
          t: 33,
          activity: 5,
          from: 'kube-apiserver',
          to: 'kube-scheduler',
          kind: 'watch',
          label: 'watch ADDED pod nginx',
        }),
      ]),
    );
    expect(out[1]).toBe('  27  33.000ms  5  kube-apiserver → kube-scheduler  watch ADDED pod nginx');
  });

  it('writes S in the activity column for Setup messages', () => {
    const out = lines(trace([msg(1, { activity: null, phase: 'Setup' })]));
    expect(out[1]).toMatch(/^ {3}1 {2}1\.000ms {2}S {2}kubectl → kube-apiserver/);
  });

  it('aligns labels in one column however long the route and the time are', () => {
    const out = lines(
      trace([
        msg(1, { t: 0.5 }),
        msg(2, { t: 123456.25, from: 'kube-scheduler', to: 'kube-scheduler', activity: 10 }),
      ]),
    );
    expect(out[1]?.indexOf('message 1')).toBe(out[2]?.indexOf('message 2'));
    expect(out[2]).toContain('123456.250ms  10  kube-scheduler → kube-scheduler  message 2');
  });

  it('keeps a label with a newline on one line by escaping it', () => {
    const out = lines(trace([msg(1, { label: 'first\nsecond' })]));
    expect(out[1]).toMatch(/first\\nsecond$/);
  });

  it('lists what the terminal printed after the messages, with the seq that printed it', () => {
    const terminal = [
      {
        seq: 2,
        t: 2,
        stream: 'stdout' as const,
        command: 'kubectl apply -f pod.yaml',
        text: 'pod/nginx created',
      },
    ];
    const out = lines(trace([msg(1), msg(2)], { terminal }));
    expect(out.slice(4, 6)).toEqual([
      'terminal:',
      '   2  2.000ms  stdout  $ kubectl apply -f pod.yaml  →  pod/nginx created',
    ]);
  });

  it('ends with the end reason, the end time and the message count', () => {
    expect(traceToText(trace([msg(1)]))).toMatch(
      /\nend: idle \(nothing left to do\) at 1\.000ms after 1 messages\n$/,
    );
    const cut = trace([msg(1)], { end: { t: 600000, reason: 'horizon' } });
    expect(traceToText(cut)).toContain(
      'end: horizon (stopped at 600000.000ms) at 600000.000ms after 1 messages',
    );
  });

  it('says so when the terminal printed nothing', () => {
    expect(lines(trace([msg(1)]))).toContain('terminal: (nothing printed)');
  });

  it('starts with a header naming the scenario and its seed', () => {
    expect(lines(trace([]))[0]).toBe('# podwalk trace: nginx (seed 7, version 1)');
  });
});
