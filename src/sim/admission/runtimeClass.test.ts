import { describe, expect, it } from 'vitest';
import { runtimeClassAdmit, handlerOf } from './runtimeClass';
import type { KubeObject } from '../scenario';
import type { Pod } from '../k8s/pod';

const kata: KubeObject = {
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name: 'kata' },
  handler: 'kata',
  overhead: { podFixed: { cpu: '250m', memory: '160Mi' } },
  scheduling: { nodeSelector: { 'katacontainers.io/kata-runtime': 'true' } },
};
const pod = (spec: Record<string, unknown>): Pod => {
  const p: Pod = { metadata: { name: 'nginx' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };
  return { ...p, spec: { ...p.spec!, ...spec } };
};

describe('RuntimeClass admission', () => {
  it('copies the class overhead into spec.overhead and its nodeSelector into the pod', () => {
    const r = runtimeClassAdmit(pod({ runtimeClassName: 'kata' }), [kata]);
    expect(r.rejection).toBeNull();
    expect(r.pod.spec?.overhead).toEqual({ cpu: '250m', memory: '160Mi' });
    expect(r.pod.spec?.nodeSelector).toEqual({ 'katacontainers.io/kata-runtime': 'true' });
    expect(r.summary).toBe('RuntimeClass: kata (handler kata), overhead cpu 250m, memory 160Mi');
  });

  it('rejects a class that does not exist with the upstream 403 message', () => {
    const r = runtimeClassAdmit(pod({ runtimeClassName: 'gvisor' }), [kata]);
    expect(r.rejection?.code).toBe(403);
    expect(r.rejection?.message).toBe(
      'pods "nginx" is forbidden: pod rejected: RuntimeClass "gvisor" not found',
    );
  });

  it('rejects an overhead the class does not define, or one that differs', () => {
    expect(runtimeClassAdmit(pod({ overhead: { cpu: '1' } }), [kata]).rejection?.message).toBe(
      'pods "nginx" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
    );
    expect(
      runtimeClassAdmit(pod({ runtimeClassName: 'kata', overhead: { cpu: '1' } }), [kata]).rejection?.message,
    ).toBe(
      "pods \"nginx\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
    );
  });

  it('refuses a nodeSelector that conflicts with the class', () => {
    const r = runtimeClassAdmit(
      pod({ runtimeClassName: 'kata', nodeSelector: { 'katacontainers.io/kata-runtime': 'false' } }),
      [kata],
    );
    expect(r.rejection?.message).toBe(
      'pods "nginx" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[katacontainers.io/kata-runtime] = true; pod.spec.nodeSelector[katacontainers.io/kata-runtime] = false',
    );
  });

  it('leaves a pod without runtimeClassName alone, and names the handler the kubelet sends', () => {
    expect(runtimeClassAdmit(pod({}), [kata])).toEqual({ pod: pod({}), summary: null, rejection: null });
    expect(handlerOf([kata], 'kata')).toBe('kata');
    expect(handlerOf([kata], undefined)).toBe('');
  });
});
