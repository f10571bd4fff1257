// printPod's READY / STATUS / RESTARTS rules (lifecycle.md §9.1, printers.go printPod).
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../time/timestamps';
import { completedPod, createdPod, runningPod, terminatingPod, type MutablePod } from './__fixtures__/nginx';
import { podReadyColumn, podRestartsColumn, podStatusColumn } from './podColumns';

const running = runningPod().status!.containerStatuses![0]!;

function status(name: string, s: Partial<ContainerStatus>): ContainerStatus {
  return { name, image: 'x', imageID: '', ready: false, restartCount: 0, ...s };
}

/** A two-container pod (a, b) with the given statuses and phase. */
function twoContainers(
  a: Partial<ContainerStatus>,
  b: Partial<ContainerStatus>,
  phase = 'Running',
): MutablePod {
  const pod = runningPod();
  pod.spec = {
    ...pod.spec!,
    containers: [
      { name: 'a', image: 'x' },
      { name: 'b', image: 'x' },
    ],
  };
  pod.status = { ...pod.status, phase, containerStatuses: [status('a', a), status('b', b)] };
  return pod;
}

function withInit(init: Partial<ContainerStatus>, initialized = false): Pod {
  const pod = createdPod();
  pod.spec = { ...pod.spec!, initContainers: [{ name: 'init', image: 'busybox' }] };
  const conditions = [{ type: 'Initialized', status: initialized ? 'True' : 'False' }];
  pod.status = { ...pod.status, conditions, initContainerStatuses: [status('init', init)] };
  return pod;
}

describe('podStatusColumn', () => {
  it('starts from the phase', () => {
    expect([podStatusColumn(createdPod()), podStatusColumn(runningPod())]).toEqual(['Pending', 'Running']);
  });

  it('prefers status.reason over the phase', () => {
    const pod = createdPod();
    pod.status = { phase: 'Failed', reason: 'Evicted' };
    expect(podStatusColumn(pod)).toBe('Evicted');
  });

  it('says SchedulingGated when PodScheduled carries that reason', () => {
    const pod = createdPod();
    pod.status = {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    };
    expect(podStatusColumn(pod)).toBe('SchedulingGated');
  });

  it('prefixes init container reasons, exit codes and signals with Init:', () => {
    expect([
      podStatusColumn(withInit({ state: { waiting: { reason: 'ErrImagePull' } } })),
      podStatusColumn(withInit({ state: { terminated: { exitCode: 1 } } })),
      podStatusColumn(withInit({ state: { terminated: { exitCode: 137, signal: 9 } } })),
      podStatusColumn(withInit({ state: { terminated: { exitCode: 1, reason: 'Error' } } })),
      podStatusColumn(withInit({ state: { waiting: { reason: 'PodInitializing' } } })),
    ]).toEqual(['Init:ErrImagePull', 'Init:ExitCode:1', 'Init:Signal:9', 'Init:Error', 'Init:0/1']);
  });

  it('lets the first app container win because the scan runs from last to first', () => {
    const pod = twoContainers(
      { state: { waiting: { reason: 'CrashLoopBackOff' } } },
      { state: { waiting: { reason: 'ErrImagePull' } } },
    );
    expect(podStatusColumn(pod)).toBe('CrashLoopBackOff');
  });

  it('prints ExitCode:N or Signal:N for a terminated container without a reason', () => {
    const exit = twoContainers({ ...running, name: 'a' }, { state: { terminated: { exitCode: 2 } } });
    const signal = twoContainers(
      { ...running, name: 'a' },
      { state: { terminated: { exitCode: 143, signal: 15 } } },
    );
    expect([podStatusColumn(exit), podStatusColumn(signal)]).toEqual(['ExitCode:2', 'Signal:15']);
  });

  it('turns Completed back into Running, or NotReady without the Ready condition, while another container runs', () => {
    const done = { state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    const ready = twoContainers(done, { ...running, name: 'b' });
    const notReady = twoContainers(done, { ...running, name: 'b' });
    notReady.status = { ...notReady.status, conditions: [] };
    expect([podStatusColumn(ready), podStatusColumn(notReady)]).toEqual(['Running', 'NotReady']);
  });

  it('says Terminating while the phase is not terminal, then the container reason', () => {
    expect([podStatusColumn(terminatingPod(10_000)), podStatusColumn(completedPod(10_000))]).toEqual([
      'Terminating',
      'Completed',
    ]);
  });

  it('says Unknown for a deleted pod on a lost node', () => {
    const pod = terminatingPod(10_000);
    pod.status = { ...pod.status, reason: 'NodeLost' };
    expect(podStatusColumn(pod)).toBe('Unknown');
  });
});

describe('podReadyColumn', () => {
  it('counts ready running containers over spec.containers', () => {
    expect([podReadyColumn(createdPod()), podReadyColumn(runningPod())]).toEqual(['0/1', '1/1']);
  });

  it('counts a started restartable init container (sidecar) in both numbers', () => {
    const pod = runningPod();
    pod.spec = { ...pod.spec!, initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] };
    pod.status = {
      ...pod.status,
      initContainerStatuses: [status('proxy', { started: true, ready: true, state: running.state })],
    };
    expect(podReadyColumn(pod)).toBe('2/2');
  });
});

describe('podRestartsColumn', () => {
  it('adds the age of the last restart once there is one', () => {
    const pod = runningPod();
    const last = { terminated: { exitCode: 1, reason: 'Error', finishedAt: rfc3339(3_000) } };
    pod.status = { ...pod.status, containerStatuses: [{ ...running, restartCount: 1, lastState: last }] };
    expect([podRestartsColumn(runningPod(), 5_000), podRestartsColumn(pod, 5_000)]).toEqual([
      '0',
      '1 (2s ago)',
    ]);
  });

  it('counts only sidecar restarts from init containers once the pod is initialised', () => {
    const pod = withInit(
      { restartCount: 3, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      true,
    );
    expect(podRestartsColumn(pod, 0)).toBe('0');
  });

  it('counts init container restarts while initialising', () => {
    const last = { terminated: { exitCode: 1, reason: 'Error', finishedAt: rfc3339(1_000) } };
    const pod = withInit({
      restartCount: 2,
      lastState: last,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
    });
    expect([podRestartsColumn(pod, 4_000), podStatusColumn(pod)]).toEqual([
      '2 (3s ago)',
      'Init:CrashLoopBackOff',
    ]);
  });
});
