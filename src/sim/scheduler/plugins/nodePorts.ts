// NodePorts: a wanted (hostIP, protocol, hostPort) must not collide with one already bound on the node.
import type { HostPort, NodeInfo, Status } from '../types';

export const NODE_PORTS = 'NodePorts';
// upstream: pkg/scheduler/framework/plugins/nodeports/node_ports.go ErrReason
export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

/** 0.0.0.0 collides with every address; otherwise only the same address (or 0.0.0.0) collides. */
// upstream: pkg/scheduler/framework/types.go HostPortInfo.CheckConflict
function conflicts(want: HostPort, used: HostPort[]): boolean {
  return used.some(
    (u) =>
      u.port === want.port &&
      u.protocol === want.protocol &&
      (want.ip === '0.0.0.0' || u.ip === '0.0.0.0' || u.ip === want.ip),
  );
}

// upstream: nodeports/node_ports.go Fits
export function nodePortsFilter(wanted: HostPort[], node: NodeInfo): Status | null {
  if (!wanted.some((w) => conflicts(w, node.usedPorts))) return null;
  return { plugin: NODE_PORTS, code: 'Unschedulable', reasons: [ERR_REASON_PORTS] };
}
