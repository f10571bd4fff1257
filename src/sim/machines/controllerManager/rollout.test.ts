import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../scenario';
import {
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  planRecreate,
  planRolling,
  resolveFenceposts,
  type RolloutStep,
} from './rollout';

function deployment(
  replicas: number,
  maxSurge: unknown,
  maxUnavailable: unknown,
  type = 'RollingUpdate',
): KubeObject {
  const strategy =
    type === 'RollingUpdate' ? { type, rollingUpdate: { maxSurge, maxUnavailable } } : { type };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas, strategy },
  };
}

function rs(name: string, replicas: number, available: number, created = name): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, creationTimestamp: created },
    spec: { replicas },
    status: { replicas, availableReplicas: available },
  };
}

const brief = (s: RolloutStep | null) =>
  s === null ? null : s.kind === 'create' ? `create ${s.replicas}` : `${s.rs.metadata.name} → ${s.to}`;

describe('maxSurge and maxUnavailable (deployment_util.go ResolveFenceposts, intstr rounding)', () => {
  // [replicas, maxSurge, maxUnavailable] → [surge, unavailable]: percentages round surge up, unavailable down.
  const table: [number, unknown, unknown, number, number][] = [
    [3, '25%', '25%', 1, 0],
    [4, '25%', '25%', 1, 1],
    [10, '25%', '25%', 3, 2],
    [1, '25%', '25%', 1, 0],
    [100, '25%', '25%', 25, 25],
    [10, 2, 1, 2, 1],
    [10, '0%', '10%', 0, 1],
    // Both resolve to 0: unavailable becomes 1 so the rollout can move.
    [3, '0%', '0%', 0, 1],
    [3, 0, '25%', 0, 1],
    // maxUnavailable never exceeds replicas.
    [2, 0, 5, 0, 2],
    // No replicas: nothing may be unavailable.
    [0, '25%', '25%', 0, 0],
  ];
  it.each(table)(
    'replicas %i, maxSurge %s, maxUnavailable %s → surge %i, unavailable %i',
    (n, s, u, surge, un) => {
      const d = deployment(n, s, u);
      expect(maxSurge(d)).toBe(surge);
      expect(maxUnavailable(d)).toBe(un);
    },
  );

  it('gives Recreate no surge and no unavailability', () => {
    const d = deployment(3, undefined, undefined, 'Recreate');
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([0, 0]);
    expect(resolveFenceposts(deployment(3, '0%', '0%'))).toEqual({ surge: 0, unavailable: 1 });
  });
});

describe('NewRSNewReplicas', () => {
  // [replicas, old spec total, new spec] → how far the new ReplicaSet may grow now
  const table: [number, number, number, number][] = [
    [3, 3, 0, 1], // 3 + 1 surge - 3 running
    [3, 2, 1, 2],
    [3, 0, 2, 3], // never beyond replicas
    [3, 3, 1, 1], // at 4 pods already: no growth
    [10, 10, 0, 3],
    [10, 8, 3, 5],
  ];
  it.each(table)('replicas %i, old %i, new %i → %i', (n, oldTotal, have, want) => {
    const d = deployment(n, '25%', '25%');
    const all = [rs('old', oldTotal, oldTotal), rs('new', have, have)];
    expect(newRSNewReplicas(d, all, have)).toBe(want);
  });
});

describe('a RollingUpdate, one write at a time (rolling.go)', () => {
  it('creates the new ReplicaSet at the surge size', () => {
    expect(brief(planRolling(deployment(3, '25%', '25%'), null, [rs('old', 3, 3)]))).toBe('create 1');
  });

  it('waits while the new pod is not available (maxUnavailable 0), then scales the old one down by one', () => {
    const d = deployment(3, '25%', '25%');
    expect(brief(planRolling(d, rs('new', 1, 0), [rs('old', 3, 3)]))).toBeNull();
    expect(brief(planRolling(d, rs('new', 1, 1), [rs('old', 3, 3)]))).toBe('old → 2');
  });

  it('grows the new ReplicaSet again once the old one shrank', () => {
    const d = deployment(3, '25%', '25%');
    expect(brief(planRolling(d, rs('new', 1, 1), [rs('old', 2, 2)]))).toBe('new → 2');
  });

  it('walks 3 replicas over: +1, -1, +1, -1, +1, -1', () => {
    const d = deployment(3, '25%', '25%');
    let oldRS = rs('old', 3, 3);
    let newRS: KubeObject | null = null;
    const steps: string[] = [];
    for (let i = 0; i < 12; i++) {
      const s = planRolling(d, newRS, [oldRS]);
      if (!s) break;
      steps.push(brief(s)!);
      // Every pod becomes available before the next sync.
      if (s.kind === 'create') newRS = rs('new', s.replicas, s.replicas);
      else if (s.rs.metadata.name === 'new') newRS = rs('new', s.to, s.to);
      else oldRS = rs('old', s.to, s.to);
    }
    expect(steps).toEqual(['create 1', 'old → 2', 'new → 2', 'old → 1', 'new → 3', 'old → 0']);
  });

  it('with maxUnavailable 25% of 4 takes one old pod down before any new pod is ready', () => {
    const d = deployment(4, '25%', '25%');
    expect(brief(planRolling(d, rs('new', 1, 0), [rs('old', 4, 4)]))).toBe('old → 3');
  });

  it('removes unavailable old pods first, as they cost no availability', () => {
    const d = deployment(3, '25%', '25%');
    // Two old pods unavailable, but maxScaledDown = 4 pods - 3 minAvailable - 0 new unavailable = 1.
    expect(brief(planRolling(d, rs('new', 1, 1), [rs('old', 3, 1)]))).toBe('old → 2');
    // With maxUnavailable 25% of 4 = 1, both unavailable old pods may go in one step.
    const d4 = deployment(4, '25%', '25%');
    expect(brief(planRolling(d4, rs('new', 1, 1), [rs('old', 4, 2)]))).toBe('old → 2');
  });

  it('scales the new ReplicaSet down when the Deployment shrank', () => {
    expect(brief(planRolling(deployment(1, '25%', '25%'), rs('new', 3, 3), []))).toBe('new → 1');
  });

  it('does nothing once the new ReplicaSet is full and the old ones are at 0', () => {
    expect(planRolling(deployment(3, '25%', '25%'), rs('new', 3, 3), [rs('old', 0, 0)])).toBeNull();
  });
});

describe('a Recreate (recreate.go)', () => {
  const d = deployment(3, undefined, undefined, 'Recreate');
  it('scales every old ReplicaSet to 0 first', () => {
    expect(brief(planRecreate(d, null, [rs('old', 3, 3)], true))).toBe('old → 0');
  });
  it('waits while an old pod is still there, even terminating', () => {
    expect(planRecreate(d, null, [rs('old', 0, 0)], true)).toBeNull();
  });
  it('then creates the new ReplicaSet at full size', () => {
    expect(brief(planRecreate(d, null, [rs('old', 0, 0)], false))).toBe('create 3');
  });
});
