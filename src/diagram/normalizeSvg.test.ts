import { describe, expect, it } from 'vitest';
import { normalizeSvg } from './normalizeSvg';

describe('normalizeSvg', () => {
  it('strips ids and id references', () => {
    expect(normalizeSvg('<g id="_r_1_" aria-labelledby="x"><use href="#a" fill="url(#«r2»)"/></g>')).toBe(
      '<g><use href="#" fill="url(#)"/></g>',
    );
  });

  it('collapses whitespace between and inside tags', () => {
    expect(normalizeSvg('\n  <svg>\n    <g   class="a"\n  >\n</g>\n</svg>  ')).toBe(
      '<svg><g class="a" ></g></svg>',
    );
  });

  it('rounds float noise to 2 decimals and leaves short numbers alone', () => {
    expect(normalizeSvg('<path d="M0.30000000000000004,1.5L-0.0001,12.345"/>')).toBe(
      '<path d="M0.3,1.5L0,12.35"/>',
    );
  });
});
