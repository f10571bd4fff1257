// Rendered on the server (Vitest runs in node): the table a screen reader meets, at a few playheads.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CLUSTER_PRESETS } from '../../scenario/clusterPresets';
import { getPreset, parseBuiltIn } from '../../scenario/presets';
import { simulate } from '../../sim/cluster/simulate';
import type { Trace } from '../../sim/trace/types';
import { SchedulingPanel } from './SchedulingPanel';

const traceOf = (text: string): Trace => simulate(parseBuiltIn(text, 'test'));
const zoned = traceOf(CLUSTER_PRESETS.find((p) => p.id === 'zoned')?.text ?? '');
const pending = traceOf(getPreset('unschedulable-selector')?.text ?? '');

const render = (trace: Trace, delivered: number): string =>
  renderToStaticMarkup(createElement(SchedulingPanel, { trace, delivered }));
const seqOf = (trace: Trace, activity: number): number =>
  trace.messages.find((m) => m.activity === activity)?.seq ?? 0;
const rows = (html: string): string[] => html.match(/<tr class="pw-sched-row[\s\S]*?<\/tr>/g) ?? [];

const queueLine = (html: string): string =>
  (html.match(/<p class="pw-sched-queue"[\s\S]*?<\/p>/)?.[0] ?? '').replace(/<[^>]+>/g, '');

describe('SchedulingPanel', () => {
  it('counts the queue at the playhead and names the message that last moved the pod', () => {
    const failed = pending.messages.find((m) => m.activity === 10)!.seq;
    expect(queueLine(render(pending, failed - 1))).toContain('activeQ 0 · in cycle 1 · backoffQ 0');
    const line = queueLine(render(pending, failed));
    expect(line).toContain('in cycle 0 · backoffQ 0 · unschedulablePods 1');
    expect(line).toContain(`(step ${failed}: no node fits`);
  });

  it('says so before the scheduler has started a cycle', () => {
    const html = render(zoned, 1);
    expect(html).toContain('aria-label="Scheduling"');
    expect(html).not.toContain('<table');
  });

  it('is a table captioned with the pod, with column and row headers', () => {
    const html = render(zoned, seqOf(zoned, 7));
    expect(html).toContain('<caption>Scheduling: shop/checkout-5f7b8-t6n2b</caption>');
    expect(html).toContain('<th scope="col">Node</th><th scope="col">Filter</th>');
    expect(html).toContain('<th scope="row" class="pw-sched-node">zone-a-1</th>');
  });

  it('shows … for nodes whose Filter message the playhead has not reached', () => {
    const html = render(zoned, seqOf(zoned, 8));
    const r = rows(html);
    expect(r).toHaveLength(6);
    expect(r[0]).toContain(
      `<span title="Unschedulable">✗ <span class="pw-sched-plugin">PodTopologySpread</span>: ` +
        `node(s) didn&#x27;t match pod topology spread constraints</span>`,
    );
    expect(r.slice(1).every((x) => x.includes('<td class="pw-sched-pending">…</td>'))).toBe(true);
  });

  it('shows per-plugin weighted scores and totals, and names the selected node in words', () => {
    const html = render(zoned, seqOf(zoned, 10));
    expect(html).toContain(
      '<th scope="col" title="NodeResourcesFit"><span aria-hidden="true">Fit</span>' +
        '<span class="pw-sched-sr">NodeResourcesFit</span></th>',
    );
    expect(html).toContain('<th scope="col">Total</th>');
    const winner = rows(html).find((x) => x.includes('pw-sched-selected')) ?? '';
    expect(winner).toContain('zone-b-2<span class="pw-sched-mark"> selected</span>');
    expect(winner).toContain('<td class="pw-sched-num pw-sched-total">463</td>');
    expect(html).toContain('Selected zone-b-2: the highest total');
  });

  it('prints the FailedScheduling message verbatim when no node fits', () => {
    const html = render(pending, seqOf(pending, 10));
    expect(html).toContain(
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn&#x27;t match ' +
        'Pod&#x27;s node affinity/selector. no new claims to deallocate, preemption: 0/3 nodes are ' +
        'available: 3 Preemption is not helpful for scheduling.',
    );
    expect(html).toContain('No node fits: the pod stays Pending');
  });

  it('says why Pending above the table and offers an Apply button per fixable change', () => {
    const end = pending.messages.length;
    const html = renderToStaticMarkup(
      createElement(SchedulingPanel, { trace: pending, delivered: end, onEdit: () => undefined }),
    );
    expect(html).toContain('<div class="pw-sched-why" role="note" aria-label="Why Pending">');
    expect(html).toContain(
      'No node can take nginx: control-plane has a taint the pod doesn&#x27;t tolerate; worker-1 and ' +
        'worker-2 don&#x27;t match the pod&#x27;s nodeSelector or node affinity.',
    );
    expect(html.indexOf('Why Pending')).toBeLessThan(html.indexOf('<table'));
    const worker1 = rows(html).find((r) => r.includes('>worker-1<')) ?? '';
    expect(worker1).toContain(
      '<button type="button" class="pw-sched-fix">Apply: label worker-1 with disktype=ssd</button>',
    );
    expect(html).toContain('aria-expanded="true"');
  });

  it('has no Why Pending and keeps the changes folded for a scheduled pod; no buttons without an editor', () => {
    const html = render(zoned, zoned.messages.length);
    expect(html).not.toContain('Why Pending');
    expect(html).toContain('Show the smallest changes (2 rejected nodes)');
    expect(html).not.toContain('pw-sched-fix"');
    const bare = render(pending, pending.messages.length);
    expect(bare).toContain('Why Pending');
    expect(bare).not.toContain('<button type="button" class="pw-sched-fix"');
    expect(bare).toContain('label worker-1 with disktype=ssd');
  });
});
