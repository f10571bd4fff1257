import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/cluster/simulate';
import { DEFAULT_SCENARIO, getPreset, parseScenario } from '../scenario';
import type { Trace } from '../sim/trace/types';
import { queueCountsAt, queueOf, queueSegments, type QueueSegment } from './queueLane';

function presetTrace(id: string): Trace {
  const parsed = parseScenario(getPreset(id)!.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

const seqOf = (trace: Trace, activity: number, from: string, label: RegExp): number =>
  trace.messages.find((m) => m.activity === activity && m.from === from && label.test(m.label))!.seq;

const stays = (segments: QueueSegment[], pod: string) =>
  segments.filter((s) => s.pod === pod).map((s) => s.queue);

describe('queueSegments', () => {
  it('a pod that fits waits in activeQ, is popped, and leaves the queue once assumed', () => {
    const trace = simulate(DEFAULT_SCENARIO);
    const segments = queueSegments(trace);
    expect(stays(segments, 'default/nginx')).toEqual(['activeQ', 'in cycle']);
    const added = seqOf(trace, 5, 'kube-apiserver', /ADDED pod nginx/);
    const popped = seqOf(trace, 6, 'kube-scheduler', /pop/);
    const assumed = seqOf(trace, 10, 'kube-scheduler', /^select/);
    expect(segments[0]).toEqual({ pod: 'default/nginx', queue: 'activeQ', fromSeq: added, toSeq: popped });
    expect(segments[1]).toEqual({ pod: 'default/nginx', queue: 'in cycle', fromSeq: popped, toSeq: assumed });
    expect(queueOf(segments, 'default/nginx', assumed)).toBeNull();
    expect(queueOf(segments, 'default/nginx', added - 1)).toBeNull();
  });

  it('an unschedulable pod sits in unschedulablePods until the 5-minute flush pops it again', () => {
    const trace = presetTrace('unschedulable-selector');
    const segments = queueSegments(trace);
    const pod = 'default/nginx';
    expect(stays(segments, pod).slice(0, 4)).toEqual([
      'activeQ',
      'in cycle',
      'unschedulablePods',
      'in cycle',
    ]);
    const failed = segments[2]!;
    const flush = seqOf(trace, 6, 'kube-scheduler', /^flushUnschedulablePodsLeftover/);
    // The flush message itself moves nothing; the pop after it does.
    expect(queueOf(segments, pod, flush)).toBe('unschedulablePods');
    expect(trace.messages[failed.toSeq! - 1]!.label).toMatch(/flushed to activeQ; pop/);
    expect(queueCountsAt(segments, flush)).toEqual({
      activeQ: 0,
      'in cycle': 0,
      backoffQ: 0,
      unschedulablePods: 1,
    });
    // Still unschedulable when the run ends at the horizon.
    expect(segments.at(-1)).toMatchObject({ queue: 'unschedulablePods', toSeq: null });
  });

  it('a preemptor waits in unschedulablePods for its victims, then is moved and scheduled', () => {
    const trace = presetTrace('preemption');
    const segments = queueSegments(trace);
    const preemptor = trace.messages.find((m) => /nominate/.test(m.label))!.pod!;
    // The victim's deletion (AssignedPodDelete) moves it to backoffQ; with activeQ empty it is popped at once.
    expect(stays(segments, preemptor)).toEqual([
      'activeQ',
      'in cycle',
      'unschedulablePods',
      'backoffQ',
      'in cycle',
    ]);
    const moved = seqOf(trace, 6, 'kube-scheduler', /^AssignedPodDelete/);
    expect(queueOf(segments, preemptor, moved)).toBe('backoffQ');
    const assumed = seqOf(trace, 10, 'kube-scheduler', /^select/);
    expect(segments.filter((s) => s.pod === preemptor).at(-1)!.toSeq).toBe(assumed);
  });
});
