import { describe, expect, it } from 'vitest';
import { layoutSequence } from './layout';
import { dotPosition, messageProgress } from './progress';
import { makeTestTrace } from './testTrace';

describe('messageProgress', () => {
  it('reads 12.4 as twelve delivered and message 13 40% along', () => {
    const p = messageProgress(12.4, 50);
    expect(p.completed).toBe(12);
    expect(p.current).toBe(13);
    expect(p.fraction).toBeCloseTo(0.4);
  });

  it('starts with message 1 at its sender', () => {
    expect(messageProgress(0, 50)).toEqual({ completed: 0, current: 1, fraction: 0 });
    expect(messageProgress(-3, 50)).toEqual({ completed: 0, current: 1, fraction: 0 });
  });

  it('ends with the last message delivered', () => {
    expect(messageProgress(50, 50)).toEqual({ completed: 50, current: 50, fraction: 1 });
    expect(messageProgress(99, 50)).toEqual({ completed: 50, current: 50, fraction: 1 });
  });

  it('has no current message in an empty trace', () => {
    expect(messageProgress(3, 0)).toEqual({ completed: 0, current: 0, fraction: 0 });
  });
});

describe('dotPosition', () => {
  const layout = layoutSequence(makeTestTrace(), { width: 760 });
  const straight = layout.rows.find((r) => !r.loop)!;
  const self = layout.rows.find((r) => r.loop)!;

  it('moves from the sender to the receiver along the arrow', () => {
    expect(dotPosition(straight, 0)).toEqual({ x: straight.x1, y: straight.y });
    expect(dotPosition(straight, 1)).toEqual({ x: straight.x2, y: straight.y });
    expect(dotPosition(straight, 0.5).x).toBeCloseTo((straight.x1 + straight.x2) / 2);
  });

  it('eases in and out (cubic), so it starts and ends slowly', () => {
    const span = straight.x2 - straight.x1;
    expect((dotPosition(straight, 0.1).x - straight.x1) / span).toBeCloseTo(0.004);
    expect((dotPosition(straight, 0.9).x - straight.x1) / span).toBeCloseTo(0.996);
  });

  it('clamps fractions outside 0–1', () => {
    expect(dotPosition(straight, -1)).toEqual(dotPosition(straight, 0));
    expect(dotPosition(straight, 2)).toEqual(dotPosition(straight, 1));
  });

  it('follows a self-message loop: out right, down, and back to the lifeline', () => {
    const loop = self.loop!;
    expect(dotPosition(self, 0)).toEqual({ x: loop.x, y: loop.top });
    expect(dotPosition(self, 0.5)).toEqual({ x: loop.x + loop.width, y: loop.top + loop.height / 2 });
    expect(dotPosition(self, 1)).toEqual({ x: loop.x, y: loop.top + loop.height });
  });
});
