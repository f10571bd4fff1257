import { describe, expect, it } from 'vitest';
import {
  embedState,
  embeddedShareHash,
  scriptSafeJson,
  STATE_PLACEHOLDER,
  STATE_SCRIPT_ID,
} from './embeddedState';
import { encodeShare, decodeShare } from './codec';

const docWith = (text: string | null) => ({
  getElementById: (id: string) =>
    id === STATE_SCRIPT_ID && text !== null ? ({ textContent: text } as HTMLElement) : null,
});

describe('the state an offline HTML file carries', () => {
  it('replaces the placeholder, once, with the hash as a JSON string', () => {
    const template = `<head>${STATE_PLACEHOLDER}<script type="module">x</script></head>`;
    const html = embedState(template, 'v1:abc_-');
    expect(html).toBe(
      `<head><script type="application/json" id="podwalk-state">"v1:abc_-"</script><script type="module">x</script></head>`,
    );
    expect(() => embedState('<head></head>', 'v1:a')).toThrow(/no place/);
  });

  it('cannot break out of the script element, whatever the string holds', () => {
    const hostile = '</script><script>alert(1)</script><!-- \u2028 & >';
    const json = scriptSafeJson(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toBe(hostile);
    const html = embedState(STATE_PLACEHOLDER, hostile);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
  });

  it('is read back as the hash the page opens with, and round-trips through the share codec', async () => {
    const hash = await encodeShare({ text: 'kind: Pod', step: 7, speed: 2 });
    const html = embedState(STATE_PLACEHOLDER, hash);
    const text = /^<script[^>]*>(.*)<\/script>$/.exec(html)?.[1] ?? '';
    const read = embeddedShareHash(docWith(text));
    expect(read).toBe(`#${hash}`);
    expect(await decodeShare(read)).toMatchObject({ ok: true, state: { text: 'kind: Pod', step: 7 } });
  });

  it('gives no hash for the web page, the empty template, or anything that is not a string', () => {
    expect(embeddedShareHash(docWith(null))).toBe('');
    for (const text of ['null', '', '{', '42', '{"a":1}', '""'])
      expect(embeddedShareHash(docWith(text))).toBe('');
  });
});
