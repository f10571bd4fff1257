import { describe, expect, it } from 'vitest';
import { generatePodStatus, type StatusInput } from './podStatus';
import { podCgroup } from './podWorkerSteps';
import { asPod } from '../../k8s/pod';
import { nginxPod } from '../../testing/events';

const UID = '5cf803f6-f60f-461c-b6c6-e3a3c7766f44';
const pod = asPod({
  ...nginxPod(),
  status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] },
});

function input(extra: Partial<StatusInput>): StatusInput {
  return {
    pod,
    hostIP: '172.18.0.3',
    startTimeMs: 0,
    podIP: '10.244.2.2',
    sandboxReady: true,
    containers: [
      { name: 'nginx', image: 'docker.io/library/nginx:1.27', state: 'waiting', reason: 'ContainerCreating' },
    ],
    terminal: null,
    transitions: {},
    ...extra,
  };
}
type Cond = { type: string; status: string; reason?: string; message?: string };
const conds = (s: Record<string, unknown>) => s.conditions as Cond[];

describe('podCgroup', () => {
  it('names a Burstable pod kubepods-burstable-pod<uid with underscores>.slice', () => {
    expect(podCgroup(pod, UID)).toBe('kubepods-burstable-pod5cf803f6_f60f_461c_b6c6_e3a3c7766f44.slice');
  });

  it('puts a BestEffort pod under kubepods-besteffort and a Guaranteed one directly under kubepods', () => {
    const bare = asPod({ ...nginxPod(), spec: { containers: [{ name: 'n', image: 'nginx' }] } });
    const limits = { cpu: '1', memory: '1Gi' };
    const guaranteed = asPod({
      ...nginxPod(),
      spec: { containers: [{ name: 'n', image: 'nginx', resources: { requests: limits, limits } }] },
    });
    expect(podCgroup(bare, 'a-b')).toBe('kubepods-besteffort-poda_b.slice');
    expect(podCgroup(guaranteed, 'a-b')).toBe('kubepods-poda_b.slice');
  });
});

describe('generatePodStatus', () => {
  it('writes the conditions in the kubelet order PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled', () => {
    expect(conds(generatePodStatus(input({}))).map((c) => c.type)).toEqual([
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ]);
  });

  it('reports Pending with ContainersNotReady and the unready container list while a container waits', () => {
    const s = generatePodStatus(input({}));
    expect(s.phase).toBe('Pending');
    const ready = conds(s).find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [nginx]',
    });
    expect(conds(s).find((c) => c.type === 'ContainersReady')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
    });
  });

  it('lists several unready containers separated by spaces, as Go prints a []string', () => {
    const containers = ['a', 'b'].map((name) => ({
      name,
      image: 'x',
      state: 'waiting' as const,
      reason: 'ContainerCreating',
    }));
    expect(conds(generatePodStatus(input({ containers }))).find((c) => c.type === 'Ready')?.message).toBe(
      'containers with unready status: [a b]',
    );
  });

  it('reports Running with every condition True once the container runs', () => {
    const s = generatePodStatus(
      input({
        containers: [
          { name: 'nginx', image: 'nginx', state: 'running', startedAtMs: 5, containerId: 'c', imageId: 'i' },
        ],
      }),
    );
    expect(s.phase).toBe('Running');
    expect(conds(s).every((c) => c.status === 'True')).toBe(true);
    expect(s.podIPs).toEqual([{ ip: '10.244.2.2' }]);
  });

  it('marks PodReadyToStartContainers False before the sandbox is ready and leaves out podIP', () => {
    const s = generatePodStatus(input({ sandboxReady: false, podIP: null }));
    expect(conds(s)[0]).toMatchObject({ type: 'PodReadyToStartContainers', status: 'False' });
    expect(s).not.toHaveProperty('podIP');
  });

  it('reports a Succeeded pod with reason PodCompleted and no unready message', () => {
    const s = generatePodStatus(input({ terminal: 'Succeeded' }));
    expect(s.phase).toBe('Succeeded');
    const ready = conds(s).find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(ready).not.toHaveProperty('message');
  });
});
