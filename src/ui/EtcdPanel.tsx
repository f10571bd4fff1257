// etcd at the playhead: every key under /registry/ with its revisions; the key the current message wrote
// is marked.
import type { Trace } from '../sim/trace/types';
import { etcdRowsAt } from './etcdView';

export function EtcdPanel({ trace, delivered }: { trace: Trace; delivered: number }) {
  const { rows, revision } = etcdRowsAt(trace, delivered);
  return (
    <div className="pw-etcd" tabIndex={0} role="region" aria-label="etcd keys">
      <table className="pw-etcd-table">
        <caption>etcd keys at revision {revision}</caption>
        <thead>
          <tr>
            <th scope="col">create</th>
            <th scope="col">mod</th>
            <th scope="col">key</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.touched ? 'pw-etcd-touched' : undefined}>
              <td>{r.createRevision}</td>
              <td>{r.modRevision}</td>
              <th scope="row">
                {r.key}
                {r.touched ? <span className="pw-etcd-mark"> (just written)</span> : null}
              </th>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
