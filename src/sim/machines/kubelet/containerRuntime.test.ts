import { describe, expect, it } from 'vitest';
import { computePodActions, shouldRestart, type ContainerRuntime } from './containerRuntime';

const rt = (name: string, init: boolean, exitCode: number | null | 'none'): ContainerRuntime => ({
  name,
  image: 'x',
  init,
  previous: null,
  current:
    exitCode === 'none'
      ? null
      : {
          containerId: name,
          imageId: '',
          attempt: 0,
          startedAtMs: 0,
          finishedAtMs: 1,
          exitCode,
          reason: null,
        },
});

describe('computePodActions', () => {
  it('starts init containers one at a time before any app container', () => {
    expect(
      computePodActions([rt('i1', true, 'none'), rt('i2', true, 'none'), rt('a', false, 'none')], 'Always')
        .start,
    ).toEqual([0]);
    expect(
      computePodActions([rt('i1', true, 0), rt('i2', true, 'none'), rt('a', false, 'none')], 'Always').start,
    ).toEqual([1]);
  });

  it('restarts a failed init container unless the policy is Never, where the pod is finished', () => {
    expect(computePodActions([rt('i', true, 1), rt('a', false, 'none')], 'Always').start).toEqual([0]);
    expect(computePodActions([rt('i', true, 1), rt('a', false, 'none')], 'Never')).toEqual({
      start: [],
      finished: true,
    });
  });

  it('finishes a Never pod once its container exited, and an OnFailure pod only after exit 0', () => {
    expect(computePodActions([rt('a', false, 1)], 'Never').finished).toBe(true);
    expect(computePodActions([rt('a', false, 1)], 'OnFailure').start).toEqual([1 - 1]);
    expect(computePodActions([rt('a', false, 0)], 'OnFailure').finished).toBe(true);
  });
});

describe('shouldRestart', () => {
  it('restarts under Always whatever the exit code', () => {
    expect(shouldRestart(rt('a', false, 0), 'Always')).toBe(true);
    expect(shouldRestart(rt('a', false, 137), 'Always')).toBe(true);
  });

  it('does not restart a running container', () => {
    expect(shouldRestart(rt('a', false, null), 'Always')).toBe(false);
  });
});

describe('computePodActions with native sidecars', () => {
  const sidecar = (name: string, exitCode: number | null | 'none') => ({
    ...rt(name, true, exitCode),
    sidecar: true,
  });

  it('starts a sidecar, then the next container once it runs, without waiting for it to exit', () => {
    expect(computePodActions([sidecar('s', 'none'), rt('a', false, 'none')], 'Always').start).toEqual([0]);
    expect(computePodActions([sidecar('s', null), rt('a', false, 'none')], 'Always').start).toEqual([1]);
    expect(
      computePodActions([sidecar('s', null), rt('i', true, 'none'), rt('a', false, 'none')], 'Always').start,
    ).toEqual([1]);
  });

  it('waits for a sidecar whose startup probe has not succeeded', () => {
    const notStarted = () => false;
    expect(
      computePodActions([sidecar('s', null), rt('a', false, 'none')], 'Always', notStarted).start,
    ).toEqual([]);
  });

  it('restarts an exited sidecar beside running app containers, even under restartPolicy Never', () => {
    expect(computePodActions([sidecar('s', 1), rt('a', false, null)], 'Never')).toEqual({
      start: [0],
      finished: false,
    });
  });

  it('a Never pod whose app container exited is finished; its sidecar is not started again', () => {
    expect(computePodActions([sidecar('s', 137), rt('a', false, 0)], 'Never')).toEqual({
      start: [],
      finished: true,
    });
    expect(computePodActions([sidecar('s', null), rt('a', false, 0)], 'Never').finished).toBe(true);
  });
});
