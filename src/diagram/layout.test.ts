import { describe, expect, it } from 'vitest';
import { LANES, OPTIONAL_LANES } from '../sim/trace/types';
import { arrowPaths, layoutSequence } from './layout';
import { makeTestTrace } from './testTrace';
import { rowAtOrBefore, scrollTargetFor, visibleRange } from './viewport';

const trace = makeTestTrace();

describe('layoutSequence', () => {
  it('draws the kube-controller-manager lane, between etcd and kube-scheduler, only when a message uses it', () => {
    const withKcm = {
      ...trace,
      messages: [
        ...trace.messages,
        { ...trace.messages[0]!, seq: trace.messages.length + 1, from: 'kube-controller-manager' as const },
      ],
    };
    const lanes = layoutSequence(withKcm, { width: 760 }).lanes.map((l) => l.lane);
    expect(lanes.slice(2, 5)).toEqual(['etcd', 'kube-controller-manager', 'kube-scheduler']);
    expect(layoutSequence(trace, { width: 760 }).lanes.map((l) => l.lane)).not.toContain(
      'kube-controller-manager',
    );
  });

  it('with a pod filter keeps that pod’s rows and pod-less rows and drops other pods', () => {
    const a = trace.messages.find((m) => m.pod)!;
    const other = { ...a, seq: trace.messages.length + 1, pod: 'default/other' };
    const t2 = { ...trace, messages: [...trace.messages, other] };
    const rows = layoutSequence(t2, { width: 760, pod: a.pod }).rows;
    expect(rows.some((r) => r.seq === other.seq)).toBe(false);
    expect(rows).toHaveLength(trace.messages.length);
    expect(layoutSequence(t2, { width: 760 }).rows).toHaveLength(t2.messages.length);
  });

  it('places the eight lanes a bare-Pod trace uses left to right in LANES order within the width', () => {
    const layout = layoutSequence(trace, { width: 760 });
    expect(layout.lanes.map((l) => l.lane)).toEqual(LANES.filter((l) => !OPTIONAL_LANES.includes(l)));
    const xs = layout.lanes.map((l) => l.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]).toBeGreaterThan(0);
    expect(xs.at(-1)).toBeLessThan(760);
    expect(layout.step).toBeCloseTo(95);
  });

  it('groups lanes into client, control plane and node', () => {
    const groups = layoutSequence(trace, { width: 760 }).lanes.map((l) => l.group);
    expect(groups).toEqual(['client', 'control', 'control', 'control', 'node', 'node', 'node', 'node']);
  });

  it('gives every message one row of equal height, in order', () => {
    const layout = layoutSequence(trace, { width: 760, rowHeight: 30 });
    expect(layout.rows).toHaveLength(trace.messages.length);
    expect(layout.rows.map((r) => r.seq)).toEqual(trace.messages.map((m) => m.seq));
    expect(layout.rows[1]!.y - layout.rows[0]!.y).toBe(30); // both Setup: no phase band between
    expect(layout.height).toBeGreaterThan(layout.rows.at(-1)!.y);
  });

  it('runs a request from the sender lifeline to the receiver lifeline', () => {
    const layout = layoutSequence(trace, { width: 760 });
    const post = layout.rows.find((r) => r.from === 'kubectl' && r.to === 'kube-apiserver')!;
    expect(post.x1).toBe(layout.laneX.kubectl);
    expect(post.x2).toBe(layout.laneX['kube-apiserver']);
    expect(post.loop).toBeNull();
    expect(post.label.anchor).toBe('start');
    expect(post.badge.x).toBeGreaterThan(post.x1);
  });

  it('anchors the label of a leftward arrow at its end so it reads towards the receiver', () => {
    const layout = layoutSequence(trace, { width: 760 });
    const reply = layout.rows.find((r) => r.from === 'kube-apiserver' && r.to === 'kubectl')!;
    expect(reply.x2).toBeLessThan(reply.x1);
    expect(reply.label.anchor).toBe('end');
  });

  it('draws a self-message as a small loop to the right of its lifeline', () => {
    const layout = layoutSequence(trace, { width: 760 });
    const self = layout.rows.find((r) => r.from === 'kube-scheduler' && r.to === 'kube-scheduler')!;
    const x = layout.laneX['kube-scheduler']!;
    expect(self.loop).not.toBeNull();
    expect(self.loop!.x).toBe(x);
    expect(self.loop!.width).toBeGreaterThan(0);
    expect(self.loop!.height).toBeLessThan(layout.rowHeight);
    expect(arrowPaths(self).shaft.startsWith(`M${x},`)).toBe(true);
    expect(self.label.x).toBeGreaterThan(x + self.loop!.width);
  });

  it('puts the label of a self-message on the rightmost lane to the left, inside the diagram', () => {
    const layout = layoutSequence(trace, { width: 760 });
    const self = layout.rows.find((r) => r.from === 'kernel' && r.to === 'kernel')!;
    expect(self.label.anchor).toBe('end');
    expect(self.label.x).toBeLessThan(layout.laneX.kernel!);
  });

  it('marks the first row of each phase', () => {
    const layout = layoutSequence(trace, { width: 760 });
    expect(layout.phaseMarks.map((m) => m.phase)).toEqual([
      'Setup',
      'Admission',
      'Persist',
      'Schedule',
      'Bind',
      'Sandbox',
      'Pull',
      'Start',
      'Running',
      'Delete',
    ]);
  });
});

describe('layoutSequence with hidden lanes', () => {
  const lanes = ['kube-apiserver', 'kubectl', 'etcd'] as const;
  const layout = layoutSequence(trace, { width: 600, lanes });

  it('shows the subset in LANES order', () => {
    expect(layout.lanes.map((l) => l.lane)).toEqual(['kubectl', 'kube-apiserver', 'etcd']);
  });

  it('omits messages with both ends hidden', () => {
    expect(layout.rows.some((r) => r.from === 'kubelet' && r.to === 'containerd')).toBe(false);
  });

  it('draws a message to a hidden lane to the diagram edge on that lane’s side', () => {
    const watch = layout.rows.find((r) => r.from === 'kube-apiserver' && r.to === 'kube-scheduler')!;
    expect(watch.clipped).toBe('to');
    expect(watch.x2).toBeGreaterThan(layout.laneX.etcd!);
    expect(watch.x2).toBeLessThanOrEqual(600);
  });

  it('maps a hidden seq to the nearest earlier shown row', () => {
    const hiddenSeq = trace.messages.find((m) => m.from === 'kubelet' && m.to === 'containerd')!.seq;
    const row = rowAtOrBefore(layout, hiddenSeq)!;
    expect(row.seq).toBeLessThan(hiddenSeq);
    expect(layout.rows.indexOf(row)).toBe(layout.rows.findLastIndex((r) => r.seq < hiddenSeq));
  });
});

describe('10,000 messages', () => {
  const big = makeTestTrace(10_000);

  // Its speed is a bench figure (npm run bench, part 5), not a timed assertion.
  it('lays out one row per message', () => {
    const layout = layoutSequence(big, { width: 760 });
    expect(layout.rows).toHaveLength(10_000);
    expect(layout.height).toBe(layout.rows.at(-1)!.y + 14 + 24);
  });

  it('renders only the rows in the viewport plus overscan', () => {
    const layout = layoutSequence(big, { width: 760 });
    const range = visibleRange(layout, 140_000, 700, 5);
    expect(range.end - range.start).toBeLessThanOrEqual(Math.ceil(700 / 28) + 1 + 10);
    expect(range.end - range.start).toBeGreaterThanOrEqual(Math.floor(700 / (28 + 22)) + 10);
    const first = layout.rows[range.start + 5]!;
    const last = layout.rows[range.end - 6]!;
    expect(first.y + 14).toBeGreaterThanOrEqual(140_000);
    expect(first.y - 14).toBeLessThanOrEqual(140_000);
    expect(last.y - 14).toBeLessThanOrEqual(140_700);
  });

  it('clamps the range at both ends of the diagram', () => {
    const layout = layoutSequence(big, { width: 760 });
    expect(visibleRange(layout, -500, 300, 3)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(layout, 0, 100, 3).start).toBe(0);
    expect(visibleRange(layout, 10_000_000, 700, 3)).toEqual({ start: 9_997, end: 10_000 });
  });
});

describe('scrollTargetFor', () => {
  it('does not scroll while the row is in view', () => {
    expect(scrollTargetFor(100, 128, 0, 600)).toBeNull();
  });

  it('puts a row that left the bottom a third of the way down', () => {
    expect(scrollTargetFor(700, 728, 0, 600)).toBe(500);
  });

  it('puts a row that left the top two thirds of the way down', () => {
    expect(scrollTargetFor(1000, 1028, 1200, 600)).toBe(628);
  });
});
