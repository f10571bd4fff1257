import { describe, expect, it } from 'vitest';
import { generatePodStatus, type StatusInput } from './podStatus';
import type { ContainerRuntime, Instance } from './containerRuntime';
import { podCgroup } from './podWorkerSteps';
import { asPod } from '../../k8s/pod';
import { nginxPod } from '../../testing/events';

const UID = '5cf803f6-f60f-461c-b6c6-e3a3c7766f44';
const pod = asPod({
  ...nginxPod(),
  status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] },
});

const waiting = (name: string, init = false): ContainerRuntime => ({
  name,
  image: `docker.io/library/${name}:1.27`,
  init,
  current: null,
  previous: null,
});
const inst = (extra: Partial<Instance> = {}): Instance => ({
  containerId: 'c1',
  imageId: 'i1',
  attempt: 0,
  startedAtMs: 5,
  finishedAtMs: null,
  exitCode: null,
  reason: null,
  ...extra,
});
const exitedWith = (code: number, reason: string, attempt = 0) =>
  inst({ exitCode: code, reason, finishedAtMs: 9, attempt });

function input(extra: Partial<StatusInput>): StatusInput {
  return {
    pod,
    hostIP: '172.18.0.3',
    startTimeMs: 0,
    podIP: '10.244.2.2',
    sandboxReady: true,
    containers: [waiting('nginx')],
    reasons: {},
    lastPhase: 'Pending',
    podIsTerminal: false,
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
    const containers = ['a', 'b'].map((name) => waiting(name));
    expect(conds(generatePodStatus(input({ containers }))).find((c) => c.type === 'Ready')?.message).toBe(
      'containers with unready status: [a b]',
    );
  });

  it('reports Running with every condition True once the container runs', () => {
    const s = generatePodStatus(
      input({
        containers: [{ ...waiting('nginx'), current: inst() }],
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
    const done = { ...waiting('nginx'), current: exitedWith(0, 'Completed') };
    const s = generatePodStatus(input({ containers: [done], podIsTerminal: true }));
    expect(s.phase).toBe('Succeeded');
    const ready = conds(s).find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(ready).not.toHaveProperty('message');
  });

  it('shows CrashLoopBackOff from the reason cache, with the exited instance as lastState and its restartCount', () => {
    const crashed = { ...waiting('app'), current: exitedWith(1, 'Error', 2) };
    const message = 'back-off 20s restarting failed container=app pod=crasher_default(u)';
    const s = generatePodStatus(
      input({ containers: [crashed], reasons: { app: { reason: 'CrashLoopBackOff', message } } }),
    );
    const cs = (s.containerStatuses as Record<string, unknown>[])[0]!;
    expect(s.phase).toBe('Running');
    expect(cs.state).toEqual({ waiting: { reason: 'CrashLoopBackOff', message } });
    expect(cs.lastState).toMatchObject({ terminated: { exitCode: 1, reason: 'Error' } });
    expect(cs.restartCount).toBe(2);
  });

  it('keeps the last phase with Ready=False(PodFailed) until the sandbox is stopped, then writes Failed', () => {
    const failed = { ...waiting('app'), current: exitedWith(1, 'Error') };
    const never = { ...pod, spec: { ...pod.spec!, restartPolicy: 'Never' } };
    const before = generatePodStatus(input({ pod: never, containers: [failed], lastPhase: 'Pending' }));
    expect(before.phase).toBe('Pending');
    expect(conds(before).find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'PodFailed',
    });
    expect(generatePodStatus(input({ pod: never, containers: [failed], podIsTerminal: true })).phase).toBe(
      'Failed',
    );
  });

  it('reports an unfinished init container as Initialized=False with the incomplete list, and every container PodInitializing', () => {
    const s = generatePodStatus(input({ containers: [waiting('setup', true), waiting('app')] }));
    expect(conds(s).find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [setup]',
    });
    const init = (s.initContainerStatuses as { state: unknown }[])[0]!;
    expect(init.state).toEqual({ waiting: { reason: 'PodInitializing' } });
  });

  it('marks an OOM-killed container terminated with reason OOMKilled and exit code 137', () => {
    const oom = { ...waiting('app'), current: exitedWith(137, 'OOMKilled') };
    const cs = (
      generatePodStatus(input({ containers: [oom] })).containerStatuses as { state: unknown }[]
    )[0]!;
    expect(cs.state).toMatchObject({ terminated: { exitCode: 137, reason: 'OOMKilled' } });
  });
});

describe('generatePodStatus with a native sidecar', () => {
  const sidecar = (current: Instance | null): ContainerRuntime => ({
    ...waiting('shipper', true),
    sidecar: true,
    current,
  });

  it('a running sidecar without a startup probe is started and ready; Initialized True; the app waits PodInitializing', () => {
    const s = generatePodStatus(input({ containers: [sidecar(inst()), waiting('nginx')] }));
    expect(s.phase).toBe('Pending');
    expect((s.initContainerStatuses as { started: boolean; ready: boolean }[])[0]).toMatchObject({
      started: true,
      ready: true,
    });
    expect(conds(s).find((c) => c.type === 'Initialized')).toMatchObject({ status: 'True' });
    expect(conds(s).find((c) => c.type === 'ContainersReady')).toMatchObject({
      message: 'containers with unready status: [nginx]',
    });
  });

  it('until its startup probe succeeds: started false, not ready, Initialized False with the sidecar listed', () => {
    const s = generatePodStatus(
      input({ containers: [sidecar(inst()), waiting('nginx')], started: { shipper: false } }),
    );
    expect((s.initContainerStatuses as { started: boolean; ready: boolean }[])[0]).toMatchObject({
      started: false,
      ready: false,
    });
    expect(conds(s).find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [shipper]',
    });
    expect(conds(s).find((c) => c.type === 'ContainersReady')).toMatchObject({
      message: 'containers with unready status: [shipper nginx]',
    });
  });

  it('Running with both ready; an app container with a startup probe not yet passed is running but not started nor ready', () => {
    const both = generatePodStatus(
      input({ containers: [sidecar(inst()), { ...waiting('nginx'), current: inst({ containerId: 'c2' }) }] }),
    );
    expect(both.phase).toBe('Running');
    expect(conds(both).every((c) => c.status === 'True')).toBe(true);
    const s = generatePodStatus(
      input({
        containers: [{ ...waiting('nginx'), current: inst() }],
        started: { nginx: false },
      }),
    );
    expect((s.containerStatuses as { started: boolean; ready: boolean }[])[0]).toMatchObject({
      started: false,
      ready: false,
    });
    expect(s.phase).toBe('Running');
  });
});
