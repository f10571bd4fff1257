import { describe, expect, it } from 'vitest';
import { groupDigits, pathKey } from './plain';
import { parseScenario } from './index';

describe('pathKey', () => {
  it('joins identifiers with dots and quotes keys that are not identifiers', () => {
    expect(pathKey(['spec', 'containers', 0, 'image'])).toBe('spec.containers[0].image');
    expect(pathKey(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe(
      'metadata.labels["app.kubernetes.io/name"]',
    );
  });
});

describe('groupDigits', () => {
  it('groups thousands with commas', () => {
    expect([groupDigits(500), groupDigits(10000), groupDigits(1234567)]).toEqual([
      '500',
      '10,000',
      '1,234,567',
    ]);
  });
});

describe('reading YAML values', () => {
  it('points at a dotted label key with its quoted path', () => {
    const result = parseScenario(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app.kubernetes.io/name: [x]\n',
    );
    expect(result.ok ? null : result.error).toMatchObject({
      field: 'metadata.labels["app.kubernetes.io/name"]',
      line: 6,
      column: 29,
    });
  });

  it('passes an unknown tag on as a warning with its position', () => {
    const result = parseScenario('apiVersion: v1\nkind: Pod\nmetadata:\n  name: !shout a\n');
    expect(result.ok && result.warnings).toEqual(['Line 4, column 9: Unresolved tag: !shout']);
  });
});
