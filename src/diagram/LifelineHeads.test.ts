import { describe, expect, it } from 'vitest';
import { headGeometry, headLines } from './LifelineHeads';
import type { SequenceLayout } from './layout';

const layoutOf = (step: number, lanes = 8) =>
  ({
    step,
    width: step * lanes,
    lanes: Array.from({ length: lanes }, () => ({})),
  }) as unknown as SequenceLayout;

describe('lifeline heads', () => {
  it('give narrow one-tier heads a line more for the state, and wide or two-tier heads none', () => {
    expect(headGeometry(layoutOf(99))).toMatchObject({ compact: false, wrapState: true, boxHeight: 69 });
    expect(headGeometry(layoutOf(140))).toMatchObject({ compact: false, wrapState: false, boxHeight: 54 });
    expect(headGeometry(layoutOf(80))).toMatchObject({ compact: true, wrapState: false, boxHeight: 36 });
  });

  it('break a two-word state that does not fit between its words, under the sub-label', () => {
    const kubelet = { name: 'kubelet', sub: 'worker-2', state: 'creatingSandbox' };
    expect(headLines(kubelet, false, 11).map((l) => [l.line, l.text])).toEqual([
      [0, 'worker-2'],
      [1, 'creating'],
      [2, 'sandbox'],
    ]);
    expect(headLines({ name: 'etcd', state: 'serving' }, false, 11).map((l) => l.text)).toEqual(['serving']);
    // Wide heads keep it on one line.
    expect(headLines(kubelet, false, null).map((l) => l.text)).toEqual(['worker-2', 'creating sandbox']);
  });

  it('show only the state in compact heads', () => {
    const lines = headLines({ name: 'kubelet', sub: 'worker-2', state: 'creatingSandbox' }, true, 11);
    expect(lines).toEqual([{ text: 'creating sandbox', cls: 'pw-seq-head-state', line: 0 }]);
  });
});
