import { describe, expect, it } from 'vitest';
import { podRequests } from './index';
import { pod } from './testkit';

const MI = 1024 * 1024;

describe('podRequests', () => {
  const ledger = pod('ledger', {
    spec: {
      overhead: { cpu: '200m', memory: '128Mi' },
      initContainers: [
        { name: 'migrate', resources: { requests: { cpu: '1200m', memory: '256Mi' } } },
        { name: 'envoy', restartPolicy: 'Always', resources: { requests: { cpu: '300m', memory: '192Mi' } } },
      ],
      containers: [{ name: 'api', resources: { requests: { cpu: '700m', memory: '1Gi' } } }],
    },
  });

  it('takes max(app + sidecars, init peaks) and adds the RuntimeClass overhead', () => {
    expect(podRequests(ledger)).toEqual({ cpu: 1400, memory: 1344 * MI });
  });

  it('adds sidecars declared before a regular init container to that init container’s peak', () => {
    const p = pod('p', {
      spec: {
        initContainers: [
          { name: 'side', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
          { name: 'init', resources: { requests: { cpu: '1' } } },
        ],
        containers: [{ name: 'app', resources: { requests: { cpu: '100m' } } }],
      },
    });
    expect(podRequests(p).cpu).toBe(1500);
  });

  it('counts a missing cpu or memory key as 100m / 200Mi only in the non-zero variant', () => {
    const p = pod('p', { requests: { memory: '0' } });
    expect(podRequests(p)).toEqual({ memory: 0 });
    expect(podRequests(p, { nonZero: true })).toEqual({ cpu: 100, memory: 0 });
  });

  it('lets pod-level requests replace the container sum for cpu and memory', () => {
    const p = pod('p', { requests: { cpu: '100m', memory: '1Gi' } });
    (p.spec as unknown as { resources: unknown }).resources = { requests: { cpu: '2' } };
    expect(podRequests(p)).toEqual({ cpu: 2000, memory: 1024 * MI });
  });

  it('keeps extended resources in whole units', () => {
    expect(podRequests(pod('g', { requests: { 'nvidia.com/gpu': '1', cpu: '4' } }))).toEqual({
      'nvidia.com/gpu': 1,
      cpu: 4000,
    });
  });
});
