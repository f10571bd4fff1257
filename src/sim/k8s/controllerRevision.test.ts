import { describe, expect, it } from 'vitest';
import { fnv1, goJson, newControllerRevision, revisionHash } from './controllerRevision';

describe('ControllerRevision hashing (controller_history.go)', () => {
  it('is FNV-1, not FNV-1a: the 32-bit test vectors of Go’s hash/fnv', () => {
    // go/src/hash/fnv/fnv_test.go golden32: "" → 0x811c9dc5, "a" → 0x050c5d7e, "ab" → 0x70772d38, "abc" → 0x439c2f4b
    const bytes = (s: string) => [...s].map((c) => c.charCodeAt(0));
    expect(['', 'a', 'ab', 'abc'].map((s) => fnv1(bytes(s)))).toEqual([
      0x811c9dc5, 0x050c5d7e, 0x70772d38, 0x439c2f4b,
    ]);
  });

  it('writes JSON as Go’s json.Marshal of a map does: sorted keys, HTML-safe', () => {
    expect(goJson({ b: 1, a: { d: 'x<y', c: [true, null] } })).toBe(
      '{"a":{"c":[true,null],"d":"x\\u003cy"},"b":1}',
    );
  });

  it('names the revision <set>-<hash> with the template labels, the hash label and the set as controller', () => {
    const set = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default', uid: 'u1' },
      spec: {
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
        },
      },
    };
    const cr = newControllerRevision(set, 1);
    const hash = revisionHash(set);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(cr.metadata.name).toBe(`web-${hash}`);
    expect(cr.metadata.labels).toEqual({ app: 'nginx', 'controller.kubernetes.io/hash': hash });
    expect(cr.revision).toBe(1);
    expect((cr.data as { spec: { template: { $patch: string } } }).spec.template.$patch).toBe('replace');
    const changed = structuredClone(set);
    changed.spec.template.spec.containers[0]!.image = 'nginx:1.28';
    expect(revisionHash(changed)).not.toBe(hash);
  });
});
