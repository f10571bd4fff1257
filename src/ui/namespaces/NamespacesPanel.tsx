// The pod's kernel namespaces and cgroups at the playhead: which namespaces each container shares with
// the pause container, which it has of its own, and which are the node's.
import type { Trace } from '../../sim/trace/types';
import { NS_TYPES, namespacesAt, sharing, type NamespaceView } from './viewModel';
import './namespaces.css';

const WORD = { host: 'node', pause: 'pause', own: 'own' } as const;
const TITLE = {
  host: 'the node’s own namespace',
  pause: 'shared with the pause container',
  own: 'a namespace of its own',
} as const;

function CgroupTree({ view }: { view: NamespaceView }) {
  if (!view.podCgroup) return null;
  const qos = /^kubepods-(burstable|besteffort)-/.exec(view.podCgroup)?.[1];
  const lines = ['kubepods.slice', ...(qos ? [`└─ kubepods-${qos}.slice`] : [])];
  const indent = qos ? '   ' : '';
  lines.push(`${indent}└─ ${view.podCgroup}`);
  view.processes.forEach((p, i) => {
    const last = i === view.processes.length - 1;
    lines.push(`${indent}   ${last ? '└─' : '├─'} cri-containerd-${p.id.slice(0, 12)}….scope (${p.name})`);
  });
  return (
    <pre className="pw-cgroups" aria-label="cgroup tree">
      {lines.join('\n')}
    </pre>
  );
}

export function NamespacesPanel({
  trace,
  delivered,
  node,
}: {
  trace: Trace;
  delivered: number;
  node: string | null;
}) {
  const view = namespacesAt(trace, delivered, node);
  if (view.processes.length === 0)
    return (
      <p className="pw-ns-empty">
        No container has started yet: namespaces appear when runc creates the pause container.
      </p>
    );
  return (
    <div className="pw-ns" tabIndex={0} role="region" aria-label="Namespaces table">
      <table className="pw-ns-table">
        <caption>
          Namespaces on {node ?? 'the node'}: inode numbers as in /proc/&lt;pid&gt;/ns; “pause” marks one
          shared with the pause container
        </caption>
        <thead>
          <tr>
            <th scope="col">namespace</th>
            <th scope="col">node</th>
            {view.processes.map((p) => (
              <th key={p.id} scope="col" title={p.id}>
                {p.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {NS_TYPES.map((ns) => (
            <tr key={ns}>
              <th scope="row">{ns}</th>
              <td className="pw-ns-host">{view.host[ns]}</td>
              {view.processes.map((p) => {
                const how = sharing(view, p, ns);
                return (
                  <td key={p.id} className={`pw-ns-${how}`} title={TITLE[how]}>
                    {p.namespaces[ns] ?? '—'}
                    <span className="pw-ns-word"> {WORD[how]}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <CgroupTree view={view} />
    </div>
  );
}
