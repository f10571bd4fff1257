import { describe, expect, it } from 'vitest';
import { baseUrl, embedUrl, iframeSnippet, shareLink, shareStateOf } from './links';
import { decodeShare } from './codec';
import type { Scenario } from '../../sim/scenario';

const scenario = {
  seed: 7,
  actions: [{ kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply'] }],
} as Scenario;
const store = { text: 'kind: Pod', playhead: 12.6, speed: 2, scenario, running: false, parseError: null };

describe('share links', () => {
  it('share the whole step under the playhead, and the seed and actions of a settled run', () => {
    expect(shareStateOf(store)).toEqual({
      text: 'kind: Pod',
      step: 12,
      speed: 2,
      seed: 7,
      actions: scenario.actions,
    });
  });

  it('leave out seed and actions while the run on screen is not the text’s', () => {
    expect(shareStateOf({ ...store, running: true })).toEqual({ text: 'kind: Pod', step: 12, speed: 2 });
  });

  it('keep the sub-path and drop query and hash', () => {
    expect(baseUrl({ origin: 'https://x.example', pathname: '/course/podwalk/' })).toBe(
      'https://x.example/course/podwalk/',
    );
  });

  it('round-trip through the hash of the link', async () => {
    const link = await shareLink('https://x.example/', shareStateOf(store));
    if (!link.ok) throw new Error(link.message);
    const decoded = await decodeShare(new URL(link.url).hash);
    expect(decoded).toMatchObject({ ok: true, state: { text: 'kind: Pod', step: 12 } });
  });

  it('build embed addresses with autoplay and a lane subset in diagram order', () => {
    const url = embedUrl('https://x.example/', 'v1:abc', { autoplay: true, lanes: ['etcd', 'kubectl'] });
    expect(url).toBe('https://x.example/?embed=1&autoplay=1&lanes=kubectl,etcd#v1:abc');
    expect(embedUrl('https://x.example/', 'v1:abc', { autoplay: false, lanes: null })).toBe(
      'https://x.example/?embed=1#v1:abc',
    );
  });

  it('escape the address in the iframe snippet', () => {
    const snippet = iframeSnippet('https://x.example/?a=1&b="2"><script>');
    expect(snippet).toContain('src="https://x.example/?a=1&amp;b=&quot;2&quot;&gt;&lt;script&gt;"');
    expect(snippet).not.toContain('<script>');
  });
});
