// CRI ExecSync: a command run in a running container, answered when it ends (the kubelet's preStop exec
// hook; probes are not sent this way in Podwalk). containerd execs the process through the shim (runc exec)
// and waits for it; the reply carries the exit code. A command that never ends gets no reply.
// upstream: containerd internal/cri/server/container_execsync.go execInternal; cri-api ExecSyncRequest
// (timeout "0 (run forever)")
import type { CriCall } from '../../cluster/events';
import { execOutcome } from '../../node/behaviour';
import { reply, short, type ContainerdState, type Job } from './criJobs';

export function execSync(s: ContainerdState, job: Job) {
  const call = job.call as Extract<CriCall, { method: 'ExecSync' }>;
  const c = s.containers[call.containerId];
  const done = { state: s, job, spawn: [], done: true as const };
  if (c?.state !== 'CONTAINER_RUNNING') {
    const msg = `container ${call.containerId} is not in running state`;
    const result = { exec: true, containerId: call.containerId, exitCode: -1, error: msg };
    return { ...done, out: [reply(job, s, false, result, `ExecSync: ${msg}`)] };
  }
  const o = execOutcome(call.cmd);
  if (o.afterMs === null) return { ...done, out: [] };
  const result = { exec: true, containerId: call.containerId, exitCode: o.exitCode };
  const label = `ExecSync in ${short(call.containerId)}: ${o.summary}, exit ${o.exitCode}`;
  return { ...done, out: [reply(job, s, o.exitCode === 0, result, label, o.afterMs)] };
}
