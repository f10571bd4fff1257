import { describe, expect, it } from 'vitest';
import { escapeXml, traceToSvg } from './svg';
import { makeTestTrace } from '../../diagram/testTrace';
import { lanesOf } from '../../sim/trace/types';

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe('SVG export', () => {
  it('draws every lifeline and every row, not only those a viewport would show', () => {
    const trace = makeTestTrace(2000);
    const { svg, height } = traceToSvg(trace);
    for (const lane of lanesOf(trace)) expect(svg).toContain(`data-lifeline="${lane}"`);
    expect(count(svg, /<g data-lane="/g)).toBe(8);
    expect(svg).not.toContain('kube-controller-manager');
    expect(count(svg, /<g data-seq="/g)).toBe(trace.messages.length);
    expect(height).toBeGreaterThan(trace.messages.length * 28);
  });

  it('is standalone: a namespace, sizes, and no classes or CSS variables to resolve', () => {
    const { svg, width, height } = traceToSvg(makeTestTrace());
    expect(
      svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"`),
    ).toBe(true);
    expect(svg).not.toMatch(/class=|var\(--/);
  });

  it('highlights the message at the playhead', () => {
    const { svg } = traceToSvg(makeTestTrace(), { current: 3 });
    const row = /<g data-seq="3">.*?<\/g><text/.exec(svg.replace(/\n/g, ' '))?.[0] ?? '';
    expect(row).toContain('#c2410c');
  });

  it('shows only the chosen lanes', () => {
    const { svg } = traceToSvg(makeTestTrace(), { lanes: ['kubectl', 'kube-apiserver'] });
    expect(count(svg, /<g data-lane="/g)).toBe(2);
  });

  it('escapes text from the trace', () => {
    const trace = makeTestTrace();
    const first = trace.messages[0];
    if (first) first.label = '<script>alert("x")</script> & \u0001';
    trace.scenario = { ...trace.scenario, name: '"><img src=x onerror=alert(1)>' };
    const { svg } = traceToSvg(trace);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('\u0001');
    expect(escapeXml(`<a href='x'>&</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;');
  });
});
