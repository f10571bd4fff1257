import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { apiServerMachine } from '../sim/machines/apiServer/apiServerMachine';
import { kubectlMachine } from '../sim/machines/client/kubectlMachine';
import { containerdMachine } from '../sim/machines/containerd/containerdMachine';
import { controllerManagerMachine } from '../sim/machines/controllerManager/controllerManagerMachine';
import { conmonMachine } from '../sim/machines/crio/conmonMachine';
import { etcdMachine } from '../sim/machines/etcd/etcdMachine';
import { guestKernelMachine } from '../sim/machines/kata/guestKernelMachine';
import { kataAgentMachine } from '../sim/machines/kata/kataAgentMachine';
import { kataShimMachine } from '../sim/machines/kata/kataShimMachine';
import { qemuMachine } from '../sim/machines/kata/qemuMachine';
import { kernelMachine } from '../sim/machines/kernel/kernelMachine';
import { kubeletMachine } from '../sim/machines/kubelet/kubeletMachine';
import { podWorkerMachine } from '../sim/machines/kubelet/podWorkerMachine';
import { operatorMachine } from '../sim/machines/operator/operatorMachine';
import { runcMachine } from '../sim/machines/runc/runcMachine';
import { schedulerMachine } from '../sim/machines/scheduler/schedulerMachine';
import { hasStateWords, stateWords } from './stateWords';

const MACHINES: Record<string, AnyStateMachine> = {
  apiServerMachine,
  kubectlMachine,
  containerdMachine,
  controllerManagerMachine,
  conmonMachine,
  etcdMachine,
  guestKernelMachine,
  kataAgentMachine,
  kataShimMachine,
  qemuMachine,
  kernelMachine,
  kubeletMachine,
  podWorkerMachine,
  operatorMachine,
  runcMachine,
  schedulerMachine,
};

/** Every state key of a machine, nested ones included, read from its definition. */
function stateKeys(node: { states: Record<string, unknown> }): string[] {
  return Object.entries(node.states).flatMap(([key, child]) => [
    key,
    ...stateKeys(child as { states: Record<string, unknown> }),
  ]);
}

describe('stateWords', () => {
  it('has plain words for every state of every machine', () => {
    const missing: string[] = [];
    for (const [name, machine] of Object.entries(MACHINES)) {
      const keys = stateKeys(machine.root);
      expect(keys.length, name).toBeGreaterThan(0);
      for (const key of keys) if (!hasStateWords(key)) missing.push(`${name}: ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps every word short enough for a head at 1280 px', () => {
    for (const machine of Object.values(MACHINES))
      for (const key of stateKeys(machine.root)) expect(stateWords(key).length, key).toBeLessThanOrEqual(16);
  });

  it('turns raw state values into plain words', () => {
    expect(stateWords('creatingSandbox')).toBe('creating sandbox');
    expect(stateWords('RunPodSandbox')).toBe('creating sandbox');
    expect(stateWords('syncing')).toBe('syncing pod');
    expect(stateWords('binding')).toBe('binding');
  });

  it('uses the innermost state of a nested value and keeps unknown values raw', () => {
    expect(stateWords('running.pullingImage')).toBe('pulling image');
    expect(stateWords('someNewState')).toBe('someNewState');
  });
});
