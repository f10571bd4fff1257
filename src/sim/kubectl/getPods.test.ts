// `kubectl get pod` and `get pod -w` against the transcripts of lifecycle.md §9.2 and §9.3.
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../time/timestamps';
import {
  boundPod,
  completedPod,
  createdPod,
  creatingPod,
  runningPod,
  terminatingPod,
  type MutablePod,
} from './__fixtures__/nginx';
import { createWatchPrinter, getPodTable, type WatchEventType } from './getPods';

function withStatus(pod: Pod, status: Partial<ContainerStatus>, name = pod.metadata?.name): MutablePod {
  const base = creatingPod().status!.containerStatuses![0]!;
  return {
    ...pod,
    metadata: { ...pod.metadata, name },
    status: { ...pod.status, containerStatuses: [{ ...base, ...status }] },
  };
}

function watch(events: [WatchEventType, Pod, number][], outputWatchEvents = false): string {
  const printer = createWatchPrinter({ outputWatchEvents });
  return events.flatMap(([type, pod, now]) => printer.print(type, pod, now)).join('\n');
}

describe('createWatchPrinter', () => {
  it('prints the §9.2 staircase while `kubectl apply` creates the pod', () => {
    const out = watch([
      ['ADDED', createdPod(), 300],
      ['MODIFIED', boundPod(), 600],
      ['MODIFIED', creatingPod(), 900],
      ['MODIFIED', runningPod(), 4_000],
    ]);
    expect(out).toBe(`NAME    READY   STATUS    RESTARTS   AGE
nginx   0/1     Pending   0          0s
nginx   0/1     Pending   0          0s
nginx   0/1     ContainerCreating   0          0s
nginx   1/1     Running             0          4s`);
  });

  it('puts the watch event type first with --output-watch-events', () => {
    const out = watch(
      [
        ['ADDED', createdPod(), 300],
        ['MODIFIED', boundPod(), 600],
        ['MODIFIED', creatingPod(), 900],
        ['MODIFIED', runningPod(), 4_000],
      ],
      true,
    );
    expect(out).toBe(`EVENT   NAME    READY   STATUS    RESTARTS   AGE
ADDED   nginx   0/1     Pending   0          0s
MODIFIED   nginx   0/1     Pending   0          0s
MODIFIED   nginx   0/1     ContainerCreating   0          0s
MODIFIED   nginx   1/1     Running             0          4s`);
  });

  it('alternates ErrImagePull and ImagePullBackOff for a missing image', () => {
    const out = watch([
      ['MODIFIED', creatingPod(), 0],
      ['MODIFIED', withStatus(creatingPod(), { state: { waiting: { reason: 'ErrImagePull' } } }), 3_000],
      ['MODIFIED', withStatus(creatingPod(), { state: { waiting: { reason: 'ImagePullBackOff' } } }), 15_000],
      ['MODIFIED', withStatus(creatingPod(), { state: { waiting: { reason: 'ErrImagePull' } } }), 30_000],
    ]);
    expect(out.split('\n').slice(1).join('\n')).toBe(`nginx   0/1     ContainerCreating   0          0s
nginx   0/1     ErrImagePull        0          3s
nginx   0/1     ImagePullBackOff    0          15s
nginx   0/1     ErrImagePull        0          30s`);
  });

  it('goes Init:0/1, PodInitializing, Running for a pod with one init container', () => {
    const withInit = (
      init: Partial<ContainerStatus>,
      app: Partial<ContainerStatus>,
      initialized: boolean,
      phase = 'Pending',
    ): Pod => {
      const pod = withStatus(creatingPod(), app);
      pod.spec = { ...pod.spec!, initContainers: [{ name: 'init', image: 'busybox' }] };
      const base = { name: 'init', image: 'busybox', imageID: '', ready: false, restartCount: 0 };
      const conditions = [{ type: 'Initialized', status: initialized ? 'True' : 'False' }];
      pod.status = { ...pod.status, phase, conditions, initContainerStatuses: [{ ...base, ...init }] };
      return pod;
    };
    const waitingApp = { state: { waiting: { reason: 'PodInitializing' } } };
    const done = { state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    const out = watch([
      ['MODIFIED', withInit({ state: { running: { startedAt: rfc3339(0) } } }, waitingApp, false), 0],
      ['MODIFIED', withInit(done, waitingApp, true), 5_000],
      ['MODIFIED', withInit(done, runningPod().status!.containerStatuses![0]!, true, 'Running'), 7_000],
    ]);
    expect(out.split('\n').slice(1).join('\n')).toBe(`nginx   0/1     Init:0/1   0          0s
nginx   0/1     PodInitializing   0          5s
nginx   1/1     Running           0          7s`);
  });

  it('grows the RESTARTS cell for a container that exits 1 at once', () => {
    const error = { exitCode: 1, reason: 'Error', startedAt: rfc3339(2_000), finishedAt: rfc3339(3_000) };
    const crash = (status: Partial<ContainerStatus>): Pod => withStatus(creatingPod(), status, 'crash');
    const out = watch([
      ['MODIFIED', crash({}), 0],
      ['MODIFIED', crash({ state: { terminated: error } }), 3_000],
      [
        'MODIFIED',
        crash({ restartCount: 1, lastState: { terminated: error }, state: { terminated: error } }),
        5_000,
      ],
      [
        'MODIFIED',
        crash({
          restartCount: 1,
          lastState: { terminated: error },
          state: { waiting: { reason: 'CrashLoopBackOff' } },
        }),
        6_000,
      ],
    ]);
    expect(out.split('\n').slice(2).join('\n')).toBe(`crash   0/1     Error               0          3s
crash   0/1     Error               1 (2s ago)   5s
crash   0/1     CrashLoopBackOff    1 (3s ago)   6s`);
  });

  it('prints the §9.3 rows across `kubectl delete pod nginx`, one per watch event', () => {
    const gone = completedPod(134_000);
    gone.metadata = { ...gone.metadata, deletionGracePeriodSeconds: 0 };
    const out = watch([
      ['ADDED', runningPod(), 130_000],
      ['MODIFIED', terminatingPod(134_000), 134_000],
      ['MODIFIED', completedPod(134_000), 135_000],
      ['MODIFIED', gone, 135_000],
      ['DELETED', gone, 135_000],
    ]);
    expect(out).toBe(`NAME    READY   STATUS    RESTARTS   AGE
nginx   1/1     Running   0          2m10s
nginx   1/1     Terminating   0          2m14s
nginx   0/1     Completed     0          2m15s
nginx   0/1     Completed     0          2m15s
nginx   0/1     Completed     0          2m15s`);
  });
});

describe('getPodTable', () => {
  it('prints one header and one row for a terminating pod', () => {
    expect(getPodTable([terminatingPod(134_000)], 134_000)).toBe(
      'NAME    READY   STATUS        RESTARTS   AGE\nnginx   1/1     Terminating   0          2m14s\n',
    );
  });

  it('adds IP, NODE, NOMINATED NODE and READINESS GATES with -o wide, <none> when empty', () => {
    expect(
      getPodTable(
        [runningPod(), { ...createdPod(), metadata: { ...createdPod().metadata, name: 'web' } }],
        4_000,
        { wide: true },
      ),
    ).toBe(`NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
nginx   1/1     Running   0          4s    10.244.1.5   node-1   <none>           <none>
web     0/1     Pending   0          4s    <none>       <none>   <none>           <none>
`);
  });

  it('counts passed readiness gates in the READINESS GATES column', () => {
    const pod = runningPod();
    pod.spec = {
      ...pod.spec!,
      readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/db' }],
    };
    pod.status = {
      ...pod.status,
      conditions: [...pod.status!.conditions!, { type: 'example.com/lb', status: 'True' }],
    };
    expect(getPodTable([pod], 4_000, { wide: true }).split('\n')[1]?.endsWith('<none>           1/2')).toBe(
      true,
    );
  });

  it('prints nothing on stdout when there are no pods', () => {
    expect(getPodTable([], 0)).toBe('');
  });
});
