import { describe, expect, it } from 'vitest';
import { BEHAVIOURS, behaviourOf } from './behaviour';

describe('behaviourOf', () => {
  it('makes busybox sh -c "exit 1" exit 1 at once', () => {
    expect(behaviourOf({ name: 'a', image: 'busybox', command: ['sh', '-c', 'exit 1'] }).exit).toEqual({
      afterMs: 10,
      code: 1,
      oom: false,
    });
  });

  it('adds up the sleeps of a script before its exit', () => {
    expect(
      behaviourOf({ name: 'a', image: 'busybox', command: ['sh', '-c', 'sleep 5; exit 3'] }).exit?.afterMs,
    ).toBe(5010);
  });

  it('runs sleep 3600 for an hour as a PID 1 that ignores the stop signal', () => {
    const b = behaviourOf({ name: 'a', image: 'busybox', command: ['sleep', '3600'] });
    expect(b.exit).toMatchObject({ afterMs: 3_600_000, code: 0 });
    expect(b.onStopSignal).toBeNull();
  });

  it('lets nginx serve until stopped and exit 0 on its stop signal', () => {
    const b = behaviourOf({ name: 'a', image: 'nginx:1.27' });
    expect(b.exit).toBeNull();
    expect(b.onStopSignal).toBe(0);
  });

  it('OOM-kills stress allocating 250M under a 100Mi limit with exit code 137', () => {
    const b = behaviourOf({
      name: 'a',
      image: 'polinux/stress',
      command: ['stress'],
      args: ['--vm', '1', '--vm-bytes', '250M'],
      resources: { limits: { memory: '100Mi' } },
    });
    expect(b.exit).toMatchObject({ code: 137, oom: true });
  });

  it('lets stress run when its allocation fits the limit', () => {
    const b = behaviourOf({
      name: 'a',
      image: 'polinux/stress',
      args: ['--vm-bytes', '50M'],
      resources: { limits: { memory: '100Mi' } },
    });
    expect(b.exit).toBeNull();
  });

  it('lists every understood behaviour with an example and its effect', () => {
    expect(BEHAVIOURS.length).toBeGreaterThanOrEqual(6);
    for (const b of BEHAVIOURS) expect(b.example && b.effect).toBeTruthy();
  });
});
