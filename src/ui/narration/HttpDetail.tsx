// The current HTTP request's query and headers, folded under the narration so they are there when wanted
// and do not push the explanation out of view.
import type { TraceMessage } from '../../sim/trace/types';
import { httpFields, httpSummary } from './httpFields';
import './http.css';

export function HttpDetail({ message }: { message: TraceMessage }) {
  const fields = httpFields(message);
  if (!fields) return null;
  return (
    <details className="pw-http">
      <summary>{httpSummary(fields)}</summary>
      <dl>
        {fields.map((f, i) => (
          <div key={i} className={f.header ? 'pw-http-header' : undefined}>
            <dt>{f.header ? `${f.name}:` : f.name}</dt>
            <dd> {f.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
