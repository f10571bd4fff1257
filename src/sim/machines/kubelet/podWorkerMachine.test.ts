import { describe, expect, it } from 'vitest';
import { podWorkerMachine, type PodWorkerInput } from './podWorkerMachine';
import { criResponse, httpResponse, kernelResult, nginxPod } from '../../testing/events';
import { replay, shortestPaths } from '../../testing/model';
import type { SimEvent } from '../../cluster/events';

const pod = nginxPod({ metadata: { name: 'nginx', namespace: 'default', uid: 'u-1' } });
const input: PodWorkerInput = { env: { now: () => 0 }, node: 'worker-2', hostIP: '172.18.0.3', pod };
const events = (): SimEvent[] => [
  kernelResult({ path: 'x' }),
  criResponse(true, {
    sandboxId: 's1',
    ip: '10.244.2.2',
    containerId: 'c1',
    image: 'docker.io/library/nginx:1.27',
  }),
  criResponse(true, { sandboxId: 's1', ip: '10.244.2.2', containerId: 'c1', image: null }),
  criResponse(false, {}),
  httpResponse('kubelet-worker-2-u-1-9:status', 200),
  httpResponse('kubelet-worker-2-u-1-9:delete', 200),
  { type: 'kubelet.syncLoop', note: kernelResult().note, op: 'DELETE', pod },
  { type: 'xstate.after.untilRelist.podWorker.awaitingRelist' } as unknown as SimEvent,
  { type: 'xstate.after.containerGc.podWorker.awaitingGc' } as unknown as SimEvent,
];

describe('podWorkerMachine model', () => {
  const paths = shortestPaths(podWorkerMachine, events(), input);
  const reached = paths.map((p) => JSON.parse(p.state) as string);

  it('reaches the sync, relist, terminate and clean-up states through to done', () => {
    for (const s of [
      'syncing',
      'creatingSandbox',
      'checkingImage',
      'pullingImage',
      'startingContainer',
      'idle',
      'awaitingRelist',
      'terminating',
      'reportingTerminal',
      'awaitingGc',
      'done',
    ])
      expect(reached).toContain(s);
  });

  it('reaches each path state when the path is replayed on an actor', () => {
    for (const p of paths) expect(replay(podWorkerMachine, input, p)).toBe(p.state);
  });
});
