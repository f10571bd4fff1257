// Explains the current activity in plain words and shows what a terminal would show at that moment.
import { memo } from 'react';
import type { Trace, TraceMessage } from '../sim/trace/types';
import type { Pod } from '../sim/k8s/pod';
import type { KubeObject } from '../sim/scenario';
import { getPodTable } from '../sim/kubectl';
import { terminalAt } from '../sim/trace/at';
import { activityText } from './narration/activities';
import { subStepText } from './narration/substeps';
import { narrationContext } from './narration/context';
import { HttpDetail } from './narration/HttpDetail';

export interface NarrationProps {
  trace: Trace | null;
  message: TraceMessage | null;
  delivered: number;
  pod: KubeObject | null | undefined;
}

function terminalLines(
  trace: Trace,
  delivered: number,
  pod: KubeObject | null | undefined,
  nowMs: number,
): string[] {
  const lines: string[] = [];
  let command = '';
  for (const l of terminalAt(trace, delivered)) {
    if (l.command !== command) lines.push(`$ ${l.command}`);
    command = l.command;
    lines.push(l.text);
  }
  if (pod) {
    lines.push(`$ kubectl get pod ${pod.metadata.name ?? ''}`);
    lines.push(
      ...getPodTable([pod as unknown as Pod], nowMs)
        .split('\n')
        .filter(Boolean),
    );
  }
  return lines;
}

/** Memoised: it changes with whole steps, not with every animation frame. */
export const Narration = memo(function Narration({ trace, message, delivered, pod }: NarrationProps) {
  const ctx = message ? narrationContext(trace, message) : undefined;
  const text = activityText(message?.activity ?? null, message?.phase, ctx);
  const heading = message
    ? message.activity === null
      ? text.title
      : `Activity ${message.activity} · ${text.title}`
    : 'Press Play to walk through the pod’s life';
  const lines = trace ? terminalLines(trace, delivered, pod, message?.t ?? 0) : [];
  return (
    <section className="pw-narration" aria-label="Narration">
      <h2>{heading}</h2>
      {message ? (
        <p className="pw-now">
          <span className="pw-now-route">
            {message.from} → {message.to}
          </span>{' '}
          <code>{message.label}</code>
        </p>
      ) : null}
      <p>
        {message
          ? text.text
          : 'Each arrow is one message between two components of a real cluster, numbered by the activity it belongs to. Step with → and ←, or play with Space.'}
      </p>
      {message ? (
        <p className="pw-substep">
          <strong>Step {message.seq}:</strong> {subStepText(message)}
        </p>
      ) : null}
      {message ? <HttpDetail message={message} /> : null}
      {message && text.differs ? <p className="pw-differs">{text.differs}</p> : null}
      {message ? (
        <p className="pw-link">
          <a href={text.link.href} target="_blank" rel="noreferrer">
            {text.link.label}
          </a>
        </p>
      ) : null}
      <div className="pw-terminal" role="region" aria-label="Terminal" tabIndex={0}>
        {lines.length === 0 ? <span className="pw-terminal-empty">$ </span> : null}
        {lines.map((l, i) => (
          <div key={i} className={l.startsWith('$ ') ? 'pw-term-cmd' : 'pw-term-out'}>
            {l}
          </div>
        ))}
      </div>
    </section>
  );
});
