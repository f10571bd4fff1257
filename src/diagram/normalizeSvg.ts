// Golden SVG comparisons should fail on a changed drawing, not on React's generated ids, indentation
// or float noise (after Observable Plot's test/plot-snapshot.js).

/** Strips ids and id references, collapses whitespace and rounds long decimals to 2 places. */
export function normalizeSvg(svg: string): string {
  return svg
    .replace(/\s(?:id|aria-labelledby|aria-describedby)="[^"]*"/g, '')
    .replace(/url\(#[^)]*\)/g, 'url(#)')
    .replace(/(href)="#[^"]*"/g, '$1="#"')
    .replace(/-?\d+\.\d{3,}(?:e-?\d+)?/g, (n) => formatNumber(Number(n)))
    .replace(/>\s+</g, '><')
    .replace(/\s+/g, ' ')
    .trim();
}

function formatNumber(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  // Avoid "-0", which differs from "0" only in noise.
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
