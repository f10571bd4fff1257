import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/cluster/simulate';
import { DEFAULT_SCENARIO } from '../scenario';
import { describeText, eventsText, watchLines } from './kubectlText';

const trace = simulate(DEFAULT_SCENARIO);
const end = trace.messages.length;
const running = trace.objects.find(
  (o) =>
    o.key === '/registry/pods/default/nginx' &&
    (o.object as { status?: { phase?: string } } | null)?.status?.phase === 'Running',
)!;

describe('kubectl views of the trace', () => {
  it('prints the get -w staircase from Pending through Running to the end', () => {
    const lines = watchLines(trace, end, 'default/nginx');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines[1]).toMatch(/^nginx\s+0\/1\s+Pending\s+0\s+0s$/);
    expect(lines.some((l) => /\bContainerCreating\b/.test(l))).toBe(true);
    expect(lines.some((l) => /^nginx\s+1\/1\s+Running\s+0\s+\d+s$/.test(l))).toBe(true);
    expect(lines.some((l) => /\bTerminating\b/.test(l))).toBe(true);
  });

  it('describes the running pod with its conditions and events', () => {
    const text = describeText(trace, running.seq, 'default/nginx', running.t);
    expect(text).toMatch(/^Name:\s+nginx$/m);
    expect(text).toMatch(/^Status:\s+Running$/m);
    expect(text).toContain('  PodReadyToStartContainers   True \n');
    expect(text).toMatch(
      /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/nginx to worker-2/,
    );
    expect(text).toContain('spec.containers{nginx}: Container started');
  });

  it('says NotFound once the pod is gone', () => {
    expect(describeText(trace, end, 'default/nginx', trace.end.t)).toBe(
      'Error from server (NotFound): pods "nginx" not found',
    );
  });

  it('lists events in kubectl get events form', () => {
    expect(eventsText(trace, running.seq, 'default/nginx', running.t)).toMatch(
      /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/m,
    );
    expect(eventsText(trace, 1, 'default/nginx', 0)).toBe('No resources found in default namespace.');
  });
});
