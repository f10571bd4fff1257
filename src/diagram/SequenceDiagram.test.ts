// Rendered on the server (Vitest runs in node): checks the public surface tests and screen readers use.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LANES, OPTIONAL_LANES } from '../sim/trace/types';
import { layoutSequence } from './layout';
import type { LaneHeads } from './LifelineHeads';
import { normalizeSvg } from './normalizeSvg';
import { SequenceDiagram, type SequenceDiagramProps } from './SequenceDiagram';
import { makeTestTrace } from './testTrace';

const trace = makeTestTrace();
const heads: LaneHeads = {
  kubectl: { name: 'kubectl', state: 'waiting' },
  'kube-apiserver': { name: 'kube-apiserver', state: 'serving' },
  kubelet: { name: 'kubelet', sub: 'worker-2', state: 'syncing pod' },
  runc: { name: 'runc', sub: 'nginx', state: 'idle' },
};

function render(overrides: Partial<SequenceDiagramProps> = {}): string {
  const layout = layoutSequence(trace, { width: 760 });
  return renderToStaticMarkup(
    createElement(SequenceDiagram, { trace, layout, playhead: 4.5, heads, ...overrides }),
  );
}

/** The `<g class="pw-msg …">` elements, in document order. */
function messageGroups(html: string): string[] {
  return html.match(/<g class="pw-msg[ "][\s\S]*?<\/text><\/g>/g) ?? [];
}

describe('SequenceDiagram', () => {
  it('is a region labelled "Sequence diagram"', () => {
    expect(render()).toMatch(/<div[^>]*role="region"[^>]*aria-label="Sequence diagram"/);
  });

  it('has one role=group per lane the trace uses, named exactly by the lane', () => {
    const html = render();
    expect(html).not.toContain('aria-label="kube-controller-manager"');
    for (const lane of LANES.filter((l) => !OPTIONAL_LANES.includes(l))) {
      const matches = html.match(new RegExp(`role="group" aria-label="${lane}"`, 'g')) ?? [];
      expect(matches, lane).toHaveLength(1);
    }
  });

  it('shows the sub-label and the machine state in the heads', () => {
    const html = render();
    expect(html).toContain('>worker-2</text>');
    expect(html).toContain('>syncing pod</text>');
  });

  it('draws messages up to the playhead and not after it', () => {
    const html = render({ playhead: 4.5 });
    expect(html).toContain('data-seq="5"');
    expect(html).not.toContain('data-seq="6"');
  });

  it('draws later messages faintly when asked', () => {
    expect(render({ playhead: 4.5, showFuture: true })).toMatch(/pw-msg--future[^"]*" data-seq="6"/);
  });

  it('highlights the current message and puts the travelling dot on it', () => {
    const html = render({ playhead: 4.5 });
    expect(html).toMatch(/pw-msg--current[^"]*" data-seq="5"/);
    expect(html).toContain('class="pw-msg-dot"');
  });

  it('carries the activity number in a circled badge, and S for Setup', () => {
    const badges = messageGroups(render({ playhead: 6 })).map(
      (g) => /<circle[^>]*>(?:<\/circle>)?<text[^>]*>([^<]*)</.exec(g)?.[1],
    );
    // Playhead 6: six messages delivered, and the seventh (activity 3) at its sender.
    expect(badges).toEqual(['S', 'S', '1', '1', '2', '2', '3']);
  });

  it('truncates long labels with an ellipsis and keeps the full label in a title', () => {
    const html = render({ playhead: 2, layout: layoutSequence(trace, { width: 480 }) });
    const full = trace.messages[1]!.label;
    expect(html).toContain(full);
    expect(html).toMatch(/class="pw-msg-label"[^>]*>[^<]*…<\/text>/);
  });

  it('renders a stable, normalised markup', () => {
    const a = normalizeSvg(render({ playhead: 10.25 }));
    const b = normalizeSvg(render({ playhead: 10.25 }));
    expect(a).toBe(b);
    expect(a).not.toMatch(/\sid="/);
  });
});
