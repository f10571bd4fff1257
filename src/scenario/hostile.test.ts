// Inputs written to hurt: alias bombs, deep nesting, prototype keys.
import { describe, expect, it } from 'vitest';
import { formatParseError, parseScenario } from './index';

function billionLaughs(): string {
  const lines = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: lol}',
    'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

function nested(depth: number): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\nspec: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

describe('parseScenario: hostile input', () => {
  // "Quickly" is the test's own timeout: an unguarded bomb would expand for minutes or run out of memory.
  it('stops a billion-laughs alias bomb with a message that names it', () => {
    const result = parseScenario(billionLaughs());
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(formatParseError(result.error)).toMatch(/^Line \d+, column \d+: .*"billion laughs" attack/);
  });

  it('expands a few ordinary aliases into independent copies', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: &l {app: web}\n  annotations: *l\n`;
    const result = parseScenario(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const meta = result.scenario.manifests[0]?.metadata;
    expect(meta?.annotations).toEqual({ app: 'web' });
    expect(meta?.annotations).not.toBe(meta?.labels);
  });

  it('reports an alias with no anchor before it', () => {
    const result = parseScenario('apiVersion: v1\nkind: Pod\nmetadata: {name: *nope}\n');
    expect(!result.ok && result.error.message).toBe(
      'The alias *nope has no anchor &nope before it in this document.',
    );
  });

  it('refuses 1,000-deep nesting without overflowing the stack', () => {
    const result = parseScenario(nested(1000));
    expect(!result.ok && result.error.message).toMatch(/nested (more than 100 levels|too deeply)/);
  });

  it('refuses 200-deep nesting at the point where it passes 100 levels', () => {
    const result = parseScenario(nested(200));
    expect(!result.ok && formatParseError(result.error)).toBe(
      'Line 4, column 107: This YAML is nested more than 100 levels deep; Kubernetes objects never are.',
    );
  });

  it('drops __proto__ keys with a warning and never touches Object.prototype', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    __proto__: {polluted: "yes"}\n    constructor: c\n`;
    const result = parseScenario(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.ok && result.warnings).toEqual([
      'Document 1: ignored the key "__proto__" at metadata.labels.',
    ]);
    const labels = result.ok ? result.scenario.manifests[0]?.metadata.labels : undefined;
    expect(labels).toEqual({ constructor: 'c' });
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });

  it('does not treat a kind named after an Object.prototype member as a List', () => {
    const result = parseScenario('apiVersion: v1\nkind: constructor\nmetadata: {name: a}\n');
    expect(!result.ok && result.error.message).toMatch(
      /^Document 1 is a constructor, which Podwalk does not simulate/,
    );
  });
});
