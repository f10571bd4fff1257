import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../scenario';
import { nominatedPodsOf, observeNominated } from './listers';

const pod = (name: string, nominated?: string, node?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...(node ? { nodeName: node } : {}) },
  status: nominated ? { nominatedNodeName: nominated } : {},
});
const names = (pods: { metadata?: { name?: string } }[]) => pods.map((p) => p.metadata?.name).sort();

describe('nominatedPodsOf', () => {
  it('keeps, in place, the same pods a scan finds as the informer nominates, binds and deletes them', () => {
    const pods: Record<string, KubeObject> = { 'default/a': pod('a', 'n1'), 'default/b': pod('b') };
    const set = (key: string, obj: KubeObject | null) => {
      if (obj) pods[key] = obj;
      else delete pods[key];
      observeNominated(pods, key, obj);
    };
    const agree = () => expect(names(nominatedPodsOf(pods, true))).toEqual(names(nominatedPodsOf(pods)));
    expect(names(nominatedPodsOf(pods, true))).toEqual(['a']);
    set('default/b', pod('b', 'n2'));
    agree();
    set('default/c', pod('c', 'n1'));
    agree();
    set('default/a', pod('a', 'n1', 'n1')); // bound: no longer a nominated pod
    agree();
    set('default/b', pod('b')); // nomination cleared
    agree();
    set('default/c', null);
    agree();
    expect(nominatedPodsOf(pods, true)).toEqual([]);
  });
});
