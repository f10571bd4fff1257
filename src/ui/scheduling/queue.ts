// The scheduling queue at the playhead, from the counts the scheduler puts on its activity-6 messages.
import type { Trace } from '../../sim/trace/types';

export interface QueueCounts {
  activeQ: number;
  backoffQ: number;
  unschedulable: number;
}

export interface QueueView {
  counts: QueueCounts;
  /** What the last queue message said (e.g. "activeQ add; pop", "moved by Node ADDED"). */
  label: string;
  seq: number;
}

export function queueAt(trace: Trace, delivered: number): QueueView | null {
  let found: QueueView | null = null;
  for (const m of trace.messages) {
    if (m.seq > delivered) break;
    const q = m.detail.queue as QueueCounts | undefined;
    if (m.activity === 6 && m.from === 'kube-scheduler' && q)
      found = { counts: q, label: m.label, seq: m.seq };
  }
  return found;
}
