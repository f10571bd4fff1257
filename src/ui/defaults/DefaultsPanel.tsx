// Defaulting made visible: the Pod kubectl sent against the Pod the API server stored, as a YAML diff.
// Every line the server added is marked + (in text, not colour alone); a credit line above each added
// block names the defaulter or admission plugin that added it.
import { Fragment, useMemo } from 'react';
import type { Trace } from '../../sim/trace/types';
import { defaultsAt, type DiffLine } from './defaultsModel';
import './defaults.css';

/** A long line kubectl sent unchanged (the last-applied annotation) is cut; the diff is what matters. */
const ELIDE_AT = 48;
const SIGN_WORD = { '+': 'added', '-': 'replaced', ' ': 'unchanged' } as const;

/** `defaults (SetDefaults_PodSpec)` → the function and what kind of step it is. */
function credit(by: string): { name: string; kind: string } {
  const d = /^defaults \((.+)\)$/.exec(by);
  if (d) return { name: d[1]!, kind: 'defaulting' };
  const a = /^(.+) admission$/.exec(by);
  if (a) return { name: a[1]!, kind: 'admission plugin' };
  return { name: by, kind: '' };
}

function Row({ line }: { line: DiffLine }) {
  const cls = line.sign === '+' ? 'pw-def-add' : line.sign === '-' ? 'pw-def-del' : undefined;
  // The indentation becomes padding so a wrapped line stays in its column (with a hanging indent).
  const body = line.text.trimStart();
  const indent = line.text.length - body.length;
  const long = line.sign === ' ' && body.length > ELIDE_AT + 10;
  const c = line.by ? credit(line.by) : null;
  return (
    <Fragment>
      {c ? (
        <tr className="pw-def-credit">
          <td />
          <td style={{ paddingLeft: `${indent + 2}ch` }}>
            <span>
              added by <strong>{c.name}</strong>
              {c.kind ? ` (${c.kind})` : ''}
            </span>
          </td>
        </tr>
      ) : null}
      <tr className={cls}>
        <td className="pw-def-sign">
          <span aria-hidden="true">{line.sign}</span>
          {line.sign === ' ' ? null : <span className="pw-visually-hidden">{SIGN_WORD[line.sign]}</span>}
        </td>
        <td
          className="pw-def-line"
          style={{ paddingLeft: `${indent + 2}ch` }}
          title={long ? body : undefined}
        >
          {long ? `${body.slice(0, ELIDE_AT)}…` : body}
        </td>
      </tr>
    </Fragment>
  );
}

export function DefaultsPanel({
  trace,
  delivered,
  podKey,
}: {
  trace: Trace;
  delivered: number;
  podKey: string;
}) {
  const view = useMemo(() => defaultsAt(trace, delivered, podKey), [trace, delivered, podKey]);
  const name = podKey.split('/')[1] ?? podKey;
  if (view.state === 'none')
    return <p className="pw-inspector-empty">Pod {name} is not created by kubectl in this run.</p>;
  if (view.state === 'pending')
    return (
      <p className="pw-inspector-empty">
        The API server has not stored pod {name} yet. Step past the etcd write (activity 3) to see what it
        added to the manifest.
      </p>
    );
  return (
    <div className="pw-def" role="region" aria-label="Defaults: submitted and stored pod" tabIndex={0}>
      <p className="pw-def-summary">
        The API server added {view.added} lines to what kubectl sent before it stored pod {name}.
      </p>
      <p className="pw-def-legend">
        <span className="pw-def-key pw-def-add">+</span> added by the server,{' '}
        <span className="pw-def-key pw-def-del">−</span> value replaced, unmarked: as kubectl sent it.
      </p>
      <table className="pw-def-table">
        <caption className="pw-visually-hidden">
          Pod {name} as stored, line by line, compared with what kubectl sent
        </caption>
        <colgroup>
          <col className="pw-def-col-sign" />
          <col />
        </colgroup>
        <thead className="pw-visually-hidden">
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Stored object (YAML)</th>
          </tr>
        </thead>
        <tbody>
          {view.lines.map((l, i) => (
            <Row key={i} line={l} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
