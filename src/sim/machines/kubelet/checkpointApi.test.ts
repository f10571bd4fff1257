import { describe, expect, it } from 'vitest';
import {
  checkpointAnswer,
  checkpointLocation,
  checkpointRequest,
  parseCheckpointPath,
  podContainers,
} from './checkpointApi';
import { criResponse, httpRequest, type Of } from '../../testing/events';
import { checkpointContainer } from '../containerd/criCheckpoint';
import type { ContainerdState, Job } from '../containerd/criJobs';
import { testNote } from '../../testing/events';

const env = { now: () => 10_000 };
const pods = { 'default/nginx': { names: ['nginx'], ids: { nginx: 'abc123' } } };
const post = (path: string): Of<'http.request'> => httpRequest({ method: 'POST', path, replyTo: 'operator' });
const answers = (out: { event: unknown }[]) =>
  out.map((o) => (o.event as Of<'http.response'>).response).map((r) => [r.code, r.body]);

describe('the kubelet checkpoint API', () => {
  it('names the archive checkpoint-<pod>_<namespace>-<container>-<RFC 3339>.tar under /var/lib/kubelet/checkpoints', () => {
    expect(checkpointLocation('nginx', 'default', 'nginx', 10_000)).toMatch(
      /^\/var\/lib\/kubelet\/checkpoints\/checkpoint-nginx_default-nginx-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.tar$/,
    );
    expect(parseCheckpointPath('/checkpoint/default/nginx/nginx')).toEqual({
      namespace: 'default',
      pod: 'nginx',
      container: 'nginx',
    });
  });

  it('answers 404 for a pod or a container it does not have, as server.go writes them', () => {
    expect(
      answers(checkpointRequest('worker-2', env, pods, post('/checkpoint/default/redis/redis')).out),
    ).toEqual([[404, 'pod does not exist']]);
    expect(
      answers(checkpointRequest('worker-2', env, pods, post('/checkpoint/default/nginx/sidecar')).out),
    ).toEqual([[404, 'container sidecar does not exist']]);
  });

  it('asks the runtime for CheckpointContainer of the running container, then answers {"items":[…]}', () => {
    const r = checkpointRequest('worker-2', env, pods, post('/checkpoint/default/nginx/nginx'));
    const cri = r.out[0]!.event as Of<'cri.request'>;
    expect(cri.call).toMatchObject({ method: 'CheckpointContainer', containerId: 'abc123' });
    const ok = checkpointAnswer('worker-2', r.pending![1], criResponse(true, {}, cri.callId));
    expect((ok.event as Of<'http.response'>).response.body).toBe(`{"items":["${r.pending![1].location}"]}`);
    const bad = checkpointAnswer(
      'worker-2',
      r.pending![1],
      criResponse(false, { error: 'boom' }, cri.callId),
    );
    expect((bad.event as Of<'http.response'>).response).toMatchObject({
      code: 500,
      body: 'checkpointing of default/nginx/nginx failed (rpc error: code = Unknown desc = boom)',
    });
  });

  it("finds only running containers, as the kubelet's findContainer does", () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx' },
      spec: { containers: [{ name: 'nginx' }, { name: 'done' }] },
      status: {
        containerStatuses: [
          { name: 'nginx', containerID: 'containerd://abc', state: { running: {} } },
          { name: 'done', containerID: 'containerd://def', state: { terminated: {} } },
        ],
      },
    };
    expect(podContainers(pod)).toEqual({ names: ['nginx', 'done'], ids: { nginx: 'abc' } });
  });
});

describe('containerd CheckpointContainer', () => {
  const state = (st: 'CONTAINER_RUNNING' | 'CONTAINER_EXITED'): ContainerdState => ({
    node: 'worker-2',
    rng: 1,
    sandboxes: {},
    images: {},
    containers: { abc: { sandboxId: 'sb', name: 'nginx', image: 'nginx', state: st, exitCode: null } },
  });
  const job: Job = {
    callId: 'c',
    call: {
      method: 'CheckpointContainer',
      containerId: 'abc',
      location: '/var/lib/kubelet/checkpoints/x.tar',
    },
    replyTo: 'kubelet:worker-2',
    note: testNote(14),
    step: 0,
    data: {},
  };

  it("refuses a container that is not CONTAINER_RUNNING with containerd's message", () => {
    const r = checkpointContainer(state('CONTAINER_EXITED'), job, null);
    expect((r.out[0]!.event as Of<'cri.response'>).result.error).toBe(
      'container "abc" is in CONTAINER_EXITED state. only CONTAINER_RUNNING containers can be checkpointed',
    );
  });

  it("runs runc checkpoint --leave-running, and wraps runc's refusal", () => {
    const r = checkpointContainer(state('CONTAINER_RUNNING'), job, null);
    const cmd = r.out[0]!.event as Of<'oci.command'>;
    expect([r.out[0]!.to, cmd.command, cmd.replyTo]).toEqual([
      'runc:abc',
      'checkpoint',
      'containerd:worker-2',
    ]);
    const err: Of<'oci.error'> = {
      type: 'oci.error',
      note: testNote(14),
      containerId: 'abc',
      error: 'Container cannot be checkpointed in stopped state',
    };
    const failed = checkpointContainer(state('CONTAINER_RUNNING'), r.job, err);
    expect((failed.out[0]!.event as Of<'cri.response'>).result.error).toBe(
      'checkpointing container "abc" failed: Container cannot be checkpointed in stopped state',
    );
  });
});
