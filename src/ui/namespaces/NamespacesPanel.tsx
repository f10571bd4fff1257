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
  // A Kata pod's slice holds the VM's host processes (the shim, qemu); the containers' cgroups are
  // the guest kernel's. upstream: kata-containers docs/design/host-cgroups.md (sandbox_cgroup_only)
  if (view.vm)
    lines.push(`${indent}   └─ the VM: containerd-shim-kata-v2, qemu (containers’ cgroups are in the guest)`);
  else
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

const vmCaption = (node: string | null) =>
  `Namespaces inside the pod’s Kata VM (guest kernel), as the kata-agent made them: the kernel of ` +
  `${node ?? 'the node'} sees only the VM’s processes (qemu), so these containers have no namespaces ` +
  `on the node; “pause” marks one shared with the pause container`;

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
  const word = view.vm ? { ...WORD, host: 'guest' } : WORD;
  const title = view.vm ? { ...TITLE, host: 'the guest kernel’s own namespace' } : TITLE;
  if (view.processes.length === 0)
    return (
      <p className="pw-ns-empty">
        No container has started yet: namespaces appear when runc creates the pause container.
      </p>
    );
  return (
    <div className="pw-ns" tabIndex={0} role="region" aria-label="Namespaces table">
      <table className="pw-ns-table">
        {view.vm ? (
          <caption>{vmCaption(node)}</caption>
        ) : (
          <caption>
            Namespaces on {node ?? 'the node'}: inode numbers as in /proc/&lt;pid&gt;/ns; “pause” marks one
            shared with the pause container
          </caption>
        )}
        <thead>
          <tr>
            <th scope="col">namespace</th>
            <th scope="col">{view.vm ? 'guest VM' : 'node'}</th>
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
                  <td key={p.id} className={`pw-ns-${how}`} title={title[how]}>
                    {p.namespaces[ns] ?? '—'}
                    <span className="pw-ns-word"> {word[how]}</span>
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
