import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../scenario';
import { escapeMermaidText, mermaidId, traceToMermaid } from './toMermaid';
import { LANES, OPTIONAL_LANES, type Trace, type TraceMessage } from './types';

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

function trace(messages: TraceMessage[], terminal: Trace['terminal'] = []): Trace {
  const scenario = {
    name: 'nginx',
    cluster: [],
    manifests: [],
    actions: [],
    options: DEFAULT_OPTIONS,
    seed: 1,
  };
  const end = { t: 0, reason: 'idle' as const };
  return { version: 1, scenario, messages, states: [], objects: [], terminal, clusterReadyAt: 0, end };
}

const body = (t: Trace): string[] => traceToMermaid(t).trimEnd().split('\n');

describe('traceToMermaid', () => {
  it('opens a sequenceDiagram with autonumber off and one participant per lane in LANES order', () => {
    const out = body(trace([]));
    expect(out.slice(0, 2)).toEqual(['sequenceDiagram', '  autonumber off']);
    const used = LANES.filter((l) => !OPTIONAL_LANES.includes(l));
    expect(out.slice(2)).toEqual(used.map((l) => `  participant ${l.replace(/[- ]/g, '_')} as ${l}`));
  });

  it('names kube-controller-manager as a participant only when a message uses it', () => {
    const out = body(trace([msg(1, { from: 'kube-controller-manager', to: 'kube-apiserver' })]));
    expect(out).toContain('  participant kube_controller_manager as kube-controller-manager');
  });

  it('draws requests solid, responses dashed and watch events as async arrows, numbered by seq', () => {
    const out = body(
      trace([
        msg(1),
        msg(2, { from: 'kube-apiserver', to: 'kubectl', kind: 'response' }),
        msg(3, { from: 'kube-apiserver', to: 'kube-scheduler', kind: 'watch' }),
      ]),
    );
    expect(out).toContain('  kubectl->>kube_apiserver: 1 · message 1');
    expect(out).toContain('  kube_apiserver-->>kubectl: 2 · message 2');
    expect(out).toContain('  kube_apiserver-)kube_scheduler: 3 · message 3');
  });

  it('draws an internal step as a message from a lane to itself', () => {
    const out = body(trace([msg(1, { from: 'kube-scheduler', to: 'kube-scheduler', kind: 'internal' })]));
    expect(out).toContain('  kube_scheduler->>kube_scheduler: 1 · message 1');
  });

  it('marks the first message of each phase with a note across all lanes, once', () => {
    const out = body(trace([msg(1), msg(2, { phase: 'Persist' }), msg(3), msg(4, { phase: 'Persist' })]));
    expect(out.filter((l) => l.includes('Note over'))).toEqual([
      '  Note over kubectl,kernel: Admission',
      '  Note over kubectl,kernel: Persist',
    ]);
  });

  it('puts what kubectl printed in a note right after the message that printed it', () => {
    const terminal = [
      { seq: 1, t: 1, stream: 'stdout' as const, command: 'kubectl apply', text: 'pod/nginx created' },
    ];
    const out = body(trace([msg(1), msg(2)], terminal));
    const at = out.indexOf('  kubectl->>kube_apiserver: 1 · message 1');
    expect(out[at + 1]).toBe('  Note left of kubectl: stdout: pod/nginx created');
  });

  it('escapes the characters that would end or reinterpret a message in one pass', () => {
    expect(escapeMermaidText('a; b # c <i> 5%')).toBe('a#59; b #35; c #60;i#62; 5#37;');
  });

  it('turns newlines in a label into Mermaid line breaks', () => {
    expect(escapeMermaidText('first\nsecond')).toBe('first<br/>second');
  });

  it('leaves colons in a label alone, since only the first colon ends the arrow', () => {
    const out = body(trace([msg(1, { label: 'range: count 0' })]));
    expect(out).toContain('  kubectl->>kube_apiserver: 1 · range: count 0');
  });

  it('gives every lane an id without hyphens', () => {
    expect(LANES.map(mermaidId).filter((id) => id.includes('-'))).toEqual([]);
  });
});
