// A virtual clock for XState's scheduler. XState's SimulatedClock re-sorts every pending timeout on each
// flush and leaves same-millisecond timers in no defined order; Podwalk needs both speed (thousands of
// pods) and a total order, so timers here fire by (due time, insertion sequence) from a binary heap.
/** XState's Clock interface (not exported by name from the package root). */
export interface Clock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number;
  clearTimeout(id: unknown): void;
}

interface Timer {
  id: number;
  due: number;
  seq: number;
  fn: () => void;
}

/** Times are virtual milliseconds; kept to microsecond precision so 0.1 ms steps do not drift. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export class VirtualClock implements Clock {
  private heap: Timer[] = [];
  private cancelled = new Set<number>();
  private nextId = 1;
  private nextSeq = 0;
  private current = 0;

  now(): number {
    return this.current;
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    const id = this.nextId++;
    // Called with no arguments when it fires (as a browser's setTimeout without extra arguments would).
    this.push({
      id,
      due: roundMs(this.current + Math.max(0, timeout)),
      seq: this.nextSeq++,
      fn,
    });
    return id;
  }

  clearTimeout(id: unknown): void {
    if (typeof id === 'number') this.cancelled.add(id);
  }

  /** Due time of the next live timer, or null when nothing is pending. */
  peek(): number | null {
    this.dropCancelled();
    return this.heap[0]?.due ?? null;
  }

  /** Fires the earliest timer; returns false when none is left or it is due after `until`. */
  step(until = Infinity): boolean {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top || top.due > until) return false;
    this.pop();
    this.current = Math.max(this.current, top.due);
    const fn = top.fn;
    fn();
    return true;
  }

  /** Moves time forward without firing anything (used when a run stops at its horizon). */
  advanceTo(ms: number): void {
    this.current = Math.max(this.current, ms);
  }

  private dropCancelled(): void {
    while (this.heap[0] && this.cancelled.has(this.heap[0].id)) {
      this.cancelled.delete(this.heap[0].id);
      this.pop();
    }
  }

  private less(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      const t = h[i]!;
      h[i] = h[p]!;
      h[p] = t;
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (!last || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      const t = h[i]!;
      h[i] = h[m]!;
      h[m] = t;
      i = m;
    }
  }
}
