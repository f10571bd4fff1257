import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  encodeShare,
  fromBase64Url,
  MAX_HASH_CHARS,
  MAX_INFLATED_BYTES,
  toBase64Url,
} from './codec';
import { readShareState, type ShareState } from './shareState';
import { DEFAULT_MANIFEST_TEXT } from '../../scenario/presetTexts';

const STATE: ShareState = {
  text: DEFAULT_MANIFEST_TEXT,
  step: 44,
  speed: 2,
  seed: 1,
  actions: [
    { kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply', '-f', 'pod.yaml'] },
    { kind: 'kubectl', trigger: { atMs: 1234.5 }, args: ['delete', 'pod', 'nginx'] },
  ],
};

async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function hashOf(json: string): Promise<string> {
  return `v1:${toBase64Url(await deflateRaw(new TextEncoder().encode(json)))}`;
}

describe('share link codec', () => {
  it('round-trips a state exactly', async () => {
    const hash = await encodeShare(STATE);
    expect(hash).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(await decodeShare(`#${hash}`)).toEqual({ ok: true, state: STATE });
  });

  it('round-trips non-ASCII text and a state without seed or actions', async () => {
    const state: ShareState = { text: '# café ✓ 日本 😀\nkind: Pod\n', step: 0, speed: 0.25 };
    expect(await decodeShare(await encodeShare(state))).toEqual({ ok: true, state });
  });

  it('keeps the default manifest short enough for a chat message', async () => {
    expect((await encodeShare(STATE)).length).toBeLessThan(1200);
  });

  it('base64url round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(fromBase64Url('a+b/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });

  it('says an anchor or garbage is not a share link', async () => {
    for (const hash of ['#top', '#', '<script>alert(1)</script>', 'javascript:alert(1)']) {
      expect(await decodeShare(hash)).toMatchObject({ ok: false, reason: 'not-share' });
    }
  });

  it('refuses other versions with a clear message', async () => {
    const result = await decodeShare('#v2:AAAA');
    expect(result).toMatchObject({ ok: false, reason: 'version' });
    if (!result.ok) expect(result.message).toMatch(/newer version/);
  });

  it('refuses a truncated link', async () => {
    const hash = await encodeShare(STATE);
    expect(await decodeShare(hash.slice(0, Math.floor(hash.length / 2)))).toMatchObject({ ok: false });
    expect(await decodeShare('v1:')).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('refuses a tampered link', async () => {
    const hash = await encodeShare(STATE);
    for (const at of [5, 20, hash.length - 3]) {
      const c = hash[at] === 'A' ? 'B' : 'A';
      const tampered = hash.slice(0, at) + c + hash.slice(at + 1);
      const result = await decodeShare(tampered);
      // A flipped bit can still inflate to valid JSON of the right shape only by extraordinary luck.
      expect(result.ok).toBe(false);
    }
    expect(await decodeShare('v1:not*base64')).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('refuses a hash over 64 KB before decoding it', async () => {
    const result = await decodeShare(`v1:${'A'.repeat(MAX_HASH_CHARS)}`);
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('stops inflating a deflate bomb at 2 MB', async () => {
    const json = JSON.stringify({ text: ' '.repeat(MAX_INFLATED_BYTES + 10), step: 0, speed: 1 });
    const hash = await hashOf(json);
    expect(hash.length).toBeLessThan(MAX_HASH_CHARS);
    expect(await decodeShare(hash)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('refuses JSON of the wrong shape', async () => {
    for (const json of [
      '[]',
      'null',
      '{"text":1,"step":0,"speed":1}',
      '{"text":"","step":-1,"speed":1}',
      '{"text":"","step":1.5,"speed":1}',
      '{"text":"","step":0,"speed":3}',
      '{"text":"","step":0,"speed":1,"seed":"1"}',
      '{"text":"","step":0,"speed":1,"actions":[{"kind":"exec","args":["x"],"trigger":{"atMs":0}}]}',
      '{"text":"","step":0,"speed":1,"actions":[{"kind":"kubectl","args":[],"trigger":{"atMs":0}}]}',
      '{"text":"","step":0,"speed":1,"actions":[{"kind":"kubectl","args":["a"],"trigger":{"atMs":-1}}]}',
    ]) {
      expect(await decodeShare(await hashOf(json)), json).toMatchObject({ ok: false, reason: 'invalid' });
    }
    expect(await decodeShare(await hashOf('{"text":'))).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('ignores unknown fields and never returns anything but plain data', () => {
    const state = readShareState({ text: 'x', step: 1, speed: 1, __proto__: { evil: 1 }, extra: () => 1 });
    expect(state).toEqual({ text: 'x', step: 1, speed: 1 });
  });
});
