import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from './codec';
import { readShareState, type ShareState } from './shareState';
import { DEFAULT_MANIFEST_TEXT } from '../../scenario/presetTexts';
import { nextWorkerNode } from '../../scenario/addNode';
import { defaultCluster } from '../../scenario/defaultCluster';

const STATE: ShareState = {
  text: DEFAULT_MANIFEST_TEXT,
  step: 120,
  speed: 1,
  seed: 1,
  actions: [
    { kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply', '-f', 'pod.yaml'] },
    {
      kind: 'container',
      trigger: { atMs: 2300 },
      op: 'kill',
      pod: 'default/nginx',
      container: 'nginx',
      signal: 'KILL',
    },
    { kind: 'container', trigger: { atMs: 2400 }, op: 'pause', pod: 'default/nginx', container: 'nginx' },
    { kind: 'addNode', trigger: { atMs: 2500 }, node: nextWorkerNode(defaultCluster(), { disktype: 'ssd' }) },
  ],
};

describe('share links with interventions', () => {
  it('round-trip container interventions and an added node exactly', async () => {
    expect(await decodeShare(`#${await encodeShare(STATE)}`)).toEqual({ ok: true, state: STATE });
  });

  it('refuse a container intervention with an unknown op, a missing container or a bad signal', () => {
    const base = { text: '', step: 0, speed: 1 };
    const c = { kind: 'container', trigger: { atMs: 0 }, pod: 'default/nginx', container: 'nginx' };
    for (const bad of [
      { ...c, op: 'checkpoint' },
      { ...c, op: 'kill', container: '' },
      { ...c, op: 'kill', signal: 'HUP' },
      { ...c, op: 'kill', trigger: { atMs: -5 } },
    ])
      expect(readShareState({ ...base, actions: [bad] }), JSON.stringify(bad)).toBeNull();
  });

  it('refuse an added node that is not a named Node', () => {
    const base = { text: '', step: 0, speed: 1 };
    const add = (node: unknown) => ({ kind: 'addNode', trigger: { atMs: 0 }, node });
    for (const node of [null, { kind: 'Pod', metadata: { name: 'x' } }, { kind: 'Node', metadata: {} }])
      expect(readShareState({ ...base, actions: [add(node)] })).toBeNull();
  });
});
