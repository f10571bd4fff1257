import { describe, expect, it } from 'vitest';
import { diffPatch, strategicMerge } from './strategicMerge';

const v1 = {
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] },
          { name: 'log', image: 'busybox' },
        ],
      },
    },
  },
};
const v2 = structuredClone(v1);
v2.spec.template.spec.containers[0]!.image = 'nginx:1.28';

describe('strategic merge patch (apimachinery strategicpatch)', () => {
  it('sends only the changed container, by name, with $setElementOrder, as kubectl apply does', () => {
    expect(diffPatch(v1, v2)).toEqual({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'log' }],
            containers: [{ image: 'nginx:1.28', name: 'nginx' }],
          },
        },
      },
    });
  });

  it('merges that patch back into the whole object, keeping the other container and fields', () => {
    expect(strategicMerge(v1, diffPatch(v1, v2))).toEqual(v2);
  });

  it('deletes a container with $patch: delete and a field with null', () => {
    const one = structuredClone(v1);
    one.spec.template.spec.containers.pop();
    const patch = diffPatch(v1, one);
    expect(JSON.stringify(patch)).toContain('"$patch":"delete"');
    expect(strategicMerge(v1, patch)).toEqual(one);
    expect(strategicMerge({ a: 1, b: 2 }, { b: null })).toEqual({ a: 1 });
  });

  it('replaces lists without a name key whole', () => {
    expect(strategicMerge({ args: ['a', 'b'] }, { args: ['c'] })).toEqual({ args: ['c'] });
  });

  it('finds nothing to send for equal objects', () => {
    expect(diffPatch(v1, structuredClone(v1))).toBeUndefined();
  });
});
