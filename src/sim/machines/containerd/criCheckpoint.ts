// CRI CheckpointContainer (the kubelet's checkpoint API): containerd checks that the container is
// CONTAINER_RUNNING, has the shim run `runc checkpoint --leave-running` (CRIU dumps the process, which goes
// on running), then writes the archive the kubelet named: CRIU's images (checkpoint/), the rootfs diff
// (rootfs-diff.tar), spec.dump, config.dump, status.dump and the container log.
// upstream: containerd internal/cri/server/container_checkpoint_linux.go CheckpointContainer ("container
// %q is in %s state. only %s containers can be checkpointed", "checkpointing container %q failed: %w",
// withCheckpointOpts leaveRunning), "Wrote checkpoint archive to %s for %s"
import type { CriCall } from '../../cluster/events';
import { LATENCY } from '../../time/latencies';
import {
  kataShimOf,
  reply,
  selfOf,
  short,
  toRunc,
  type ContainerdState,
  type Job,
  type Reply,
  type PartialStep,
} from './criJobs';

export function checkpointContainer(s: ContainerdState, job: Job, ev: Reply): PartialStep {
  const call = job.call as Extract<CriCall, { method: 'CheckpointContainer' }>;
  const cid = call.containerId;
  const c = s.containers[cid];
  const fail = (error: string, label: string): PartialStep => ({
    state: s,
    job,
    out: [reply(job, s, false, { error }, label)],
    spawn: [],
    done: true,
  });
  if (job.step === 0) {
    if (!c)
      return fail(
        `an error occurred when trying to find container ${JSON.stringify(cid)}: not found`,
        'CheckpointContainer: not found',
      );
    if (c.state !== 'CONTAINER_RUNNING')
      return fail(
        `container ${JSON.stringify(cid)} is in ${c.state} state. only CONTAINER_RUNNING containers can be checkpointed`,
        `CheckpointContainer: ${c.state}`,
      );
    const command = toRunc(cid, job.note, 'create', `runc checkpoint --leave-running ${short(cid)}`);
    const shim = kataShimOf(s, cid);
    const event = {
      ...command.event,
      command: 'checkpoint' as const,
      imagePath: `/var/lib/containerd/io.containerd.grpc.v1.cri/containers/${cid}/checkpoint`,
      replyTo: selfOf(s),
      ...(shim ? { containerId: cid } : {}),
    };
    const label = shim ? `Checkpoint ${short(cid)}` : event.note.label;
    return {
      state: s,
      job: { ...job, step: 1 },
      out: [{ ...command, to: shim ?? command.to, event: { ...event, note: { ...event.note, label } } }],
      spawn: [],
    };
  }
  if (ev?.type === 'oci.error')
    return fail(
      `checkpointing container ${JSON.stringify(cid)} failed: ${ev.error}`,
      'CheckpointContainer: failed',
    );
  if (ev?.type === 'oci.state' && ev.status === 'stopped')
    return fail(
      `checkpointing container ${JSON.stringify(cid)} failed: container not running`,
      'CheckpointContainer: failed',
    );
  if (ev?.type === 'oci.state')
    return {
      state: s,
      job,
      out: [
        reply(
          job,
          s,
          true,
          { location: call.location },
          `Wrote checkpoint archive to ${call.location} for ${short(cid)}`,
          LATENCY.criuDump,
        ),
      ],
      spawn: [],
      done: true,
    };
  return { state: s, job, out: [], spawn: [] };
}
