import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { NODE_PRESETS } from './nodePresets';
import { simulate } from '../sim/cluster/simulate';
import { podStatusColumn } from '../sim/kubectl';
import type { Trace } from '../sim/trace/types';

function run(id: string): Trace {
  const parsed = parseScenario(NODE_PRESETS.find((p) => p.id === id)!.text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario);
}

/** Every STATUS kubectl would show for the pod, in order, without repeats. */
function statuses(trace: Trace): string[] {
  const out: string[] = [];
  for (const o of trace.objects) {
    if (!o.key.startsWith('/registry/pods/') || !o.object) continue;
    const s = podStatusColumn(o.object);
    if (out[out.length - 1] !== s) out.push(s);
  }
  return out;
}

describe('node-side presets', () => {
  it('a missing tag goes ErrImagePull, then ImagePullBackOff', () => {
    const s = statuses(run('image-pull-backoff'));
    expect(s).toContain('ErrImagePull');
    expect(s).toContain('ImagePullBackOff');
  });

  it('a container that exits 1 ends up in CrashLoopBackOff', () => {
    expect(statuses(run('crash-loop'))).toContain('CrashLoopBackOff');
  });

  it('a process over its memory limit is OOMKilled', () => {
    expect(statuses(run('oom-killed'))).toContain('OOMKilled');
  });

  it('restartPolicy Never with exit 0 completes', () => {
    expect(statuses(run('completed'))).toContain('Completed');
  });

  it('a failing init container shows Init:Error and Init:CrashLoopBackOff', () => {
    const s = statuses(run('init-error'));
    expect(s).toContain('Init:Error');
    expect(s).toContain('Init:CrashLoopBackOff');
  });
});
