import { describe, expect, it } from 'vitest';
import { inlineHtml, scriptSafe, withoutPreloadMarker } from './offlineHtml';
import { STATE_PLACEHOLDER } from '../../src/ui/share/embeddedState';

const HTML = `<html><head><title>t</title>
<script type="module" crossorigin src="./assets/index-A.js"></script>
<link rel="stylesheet" crossorigin href="./assets/index-B.css">
</head><body></body></html>`;

describe('the offline single-file page', () => {
  it('inlines the script and the stylesheet and puts the state placeholder before the script', () => {
    const out = inlineHtml(
      HTML,
      new Map([['assets/index-A.js', 'console.log("</script>")']]),
      new Map([['assets/index-B.css', 'body{color:red}']]),
    );
    expect(out).toContain('<style>body{color:red}</style>');
    expect(out).toContain('<script type="module">console.log("<\\/script>")</script>');
    expect(out.indexOf(STATE_PLACEHOLDER)).toBeLessThan(out.indexOf('<script type="module">'));
    expect(out).not.toMatch(/src=|href="\.\//);
  });

  it('refuses to leave a reference to a file beside it', () => {
    expect(() => inlineHtml(HTML, new Map(), new Map())).toThrow(/no chunk/);
    const extra = HTML.replace('</head>', '<script src="./x.js"></script></head>');
    expect(() =>
      inlineHtml(extra, new Map([['assets/index-A.js', '']]), new Map([['assets/index-B.css', '']])),
    ).toThrow(/refers to a file/);
  });

  it('keeps inlined JavaScript from closing its element and empties the preload marker', () => {
    expect(scriptSafe('a="</SCRIPT>";b="<!--"')).toBe('a="<\\/SCRIPT>";b="<\\!--"');
    expect(withoutPreloadMarker('D(f,__VITE_PRELOAD__,import.meta.url)')).toBe('D(f,void 0,import.meta.url)');
  });
});
