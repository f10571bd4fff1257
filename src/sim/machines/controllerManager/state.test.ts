import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../scenario';
import { initialCmContext, owned, ownedCounts, storeObject, type CmContext } from './state';

function ctx(inPlace: boolean): CmContext {
  return initialCmContext({ now: () => 0, inPlace });
}

const rs = (uid: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: uid, uid },
});

function pod(name: string, owner: string, phase: string, ready = false): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ownerReferences: [{ uid: owner, controller: true }] as never },
    status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

describe('the owner index of the controller-manager informers', () => {
  it('gives what a scan of the table gives, in the same order, through adds, updates and deletes', () => {
    const live = ctx(true);
    const scan = ctx(false);
    const writes: [string, KubeObject | null][] = [
      ['default/a', pod('a', 'rs-1', 'Pending')],
      ['default/b', pod('b', 'rs-2', 'Running', true)],
      ['default/c', pod('c', 'rs-1', 'Running', true)],
      ['default/a', pod('a', 'rs-1', 'Running', true)],
      ['default/d', pod('d', 'rs-1', 'Failed')],
      ['default/c', null],
      ['default/e', pod('e', 'rs-1', 'Running')],
      ['default/c', pod('c', 'rs-1', 'Pending')],
    ];
    for (const [i, [key, obj]] of writes.entries()) {
      storeObject(live.cache.pods, key, obj);
      storeObject(scan.cache.pods, key, obj);
      if (i === 1) owned(live, 'pods', rs('rs-1')); // the index exists from here on
    }
    for (const uid of ['rs-1', 'rs-2', 'rs-3']) {
      expect(owned(live, 'pods', rs(uid))).toEqual(owned(scan, 'pods', rs(uid)));
      expect(ownedCounts(live, rs(uid))).toEqual(ownedCounts(scan, rs(uid)));
    }
    expect(ownedCounts(live, rs('rs-1'))).toEqual({ active: 3, ready: 1 });
    expect(owned(live, 'pods', rs('rs-1')).map((p) => p.metadata.name)).toEqual(['a', 'd', 'e', 'c']);
  });
});
