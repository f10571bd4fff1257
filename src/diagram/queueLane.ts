// Where a pending pod waits inside kube-scheduler, message by message: activeQ, the scheduling cycle,
// backoffQ or unschedulablePods (upstream: pkg/scheduler/backend/queue/scheduling_queue.go). The queue
// is internal to the scheduler, so the trace has no lane for it; the diagram draws it as a band along the
// kube-scheduler lifeline, derived here from the scheduler's own messages.
import type { Trace, TraceMessage } from '../sim/trace/types';

export type QueueName = 'activeQ' | 'in cycle' | 'backoffQ' | 'unschedulablePods';

export interface QueueSegment {
  pod: string;
  queue: QueueName;
  /** The message that put the pod there. */
  fromSeq: number;
  /** The message that moved it on, or null if it is still there when the trace ends. */
  toSeq: number | null;
}

const isSchedulerSelf = (m: TraceMessage): boolean =>
  m.from === 'kube-scheduler' && m.to === 'kube-scheduler';

/** Where the message moves its pod, `null` when it leaves the queue (assumed on a node), or undefined. */
function moveOf(m: TraceMessage): QueueName | null | undefined {
  if (m.activity === 5 && m.from === 'kube-apiserver' && m.to === 'kube-scheduler') return 'activeQ';
  if (!isSchedulerSelf(m)) return undefined;
  const d = m.detail;
  if (m.activity === 6) {
    if (d.attempts !== undefined) return 'in cycle';
    if (d.to === 'activeQ' || d.to === 'backoffQ') return d.to;
    if (m.label.startsWith('backoff of')) return 'activeQ';
    return undefined; // the 5-minute flush: the pop that follows (if any) says where the pod went
  }
  if (m.activity === 10 && 'node' in d) return d.node ? null : 'unschedulablePods';
  return undefined;
}

/** Every stay of every pod in a scheduler queue, in trace order. */
export function queueSegments(trace: Trace): QueueSegment[] {
  const open = new Map<string, QueueSegment>();
  const out: QueueSegment[] = [];
  for (const m of trace.messages) {
    if (!m.pod) continue;
    const to = moveOf(m);
    if (to === undefined) continue;
    const current = open.get(m.pod);
    if (current) {
      if (current.queue === to) continue;
      current.toSeq = m.seq;
      open.delete(m.pod);
    }
    if (to === null) continue;
    const seg: QueueSegment = { pod: m.pod, queue: to, fromSeq: m.seq, toSeq: null };
    open.set(m.pod, seg);
    out.push(seg);
  }
  return out;
}

/** The queue a pod is in once message `seq` has been delivered, or null. */
export function queueOf(segments: readonly QueueSegment[], pod: string, seq: number): QueueName | null {
  for (const s of segments)
    if (s.pod === pod && s.fromSeq <= seq && (s.toSeq === null || seq < s.toSeq)) return s.queue;
  return null;
}

export type QueueCounts = Record<QueueName, number>;

/** How many pods are in each part of the queue once message `seq` has been delivered. */
export function queueCountsAt(segments: readonly QueueSegment[], seq: number): QueueCounts {
  const counts: QueueCounts = { activeQ: 0, 'in cycle': 0, backoffQ: 0, unschedulablePods: 0 };
  for (const s of segments) if (s.fromSeq <= seq && (s.toSeq === null || seq < s.toSeq)) counts[s.queue]++;
  return counts;
}
