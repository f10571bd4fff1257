import { describe, expect, it } from 'vitest';
import { parseDuration, parseScenario, type ParseResult } from './index';

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: nginx}\nspec: {containers: [{name: c, image: nginx}]}\n';
function withScenario(spec: string): ParseResult {
  return parseScenario(
    `${POD}---\napiVersion: podwalk.dev/v1alpha1\nkind: Scenario\nmetadata: {name: s1}\n${spec}`,
  );
}
function message(result: ParseResult): string {
  return result.ok ? 'ok' : result.error.message;
}

describe('parseDuration', () => {
  it('reads Go-style durations into milliseconds', () => {
    expect([parseDuration('0s'), parseDuration('500ms'), parseDuration('2m'), parseDuration('10m')]).toEqual([
      0, 500, 120_000, 600_000,
    ]);
    expect([parseDuration('1h'), parseDuration('1m30s'), parseDuration('1.5s'), parseDuration('0')]).toEqual([
      3_600_000, 90_000, 1500, 0,
    ]);
  });

  it('rejects text that is not a duration', () => {
    expect([
      parseDuration('10'),
      parseDuration('-1s'),
      parseDuration('5 minutes'),
      parseDuration(''),
    ]).toEqual([null, null, null, null]);
  });
});

describe('the Scenario document', () => {
  it('sets name, seed, horizon and actions, with kubectl strings split into args', () => {
    const result = withScenario(
      'spec:\n  seed: 7\n  horizon: 2m\n  actions:\n  - {at: 500ms, kubectl: "apply -f pod.yaml"}\n' +
        '  - {when: PodRunning, pod: nginx, kubectl: "kubectl  delete pod nginx"}\n',
    );
    expect(result.ok && result.scenario).toMatchObject({
      name: 's1',
      seed: 7,
      options: { horizonMs: 120_000 },
      actions: [
        { kind: 'kubectl', trigger: { atMs: 500 }, args: ['apply', '-f', 'pod.yaml'] },
        { kind: 'kubectl', trigger: { whenPodRunning: 'default/nginx' }, args: ['delete', 'pod', 'nginx'] },
      ],
    });
  });

  it('takes the pod namespace from namespace: or from a ns/name pod reference', () => {
    const result = withScenario(
      'spec:\n  actions:\n  - {when: PodRunning, pod: nginx, namespace: web, kubectl: "get pods"}\n' +
        '  - {when: PodRunning, pod: shop/redis-0, kubectl: "get pods"}\n',
    );
    expect(result.ok && result.scenario.actions.map((a) => a.trigger)).toEqual([
      { whenPodRunning: 'web/nginx' },
      { whenPodRunning: 'shop/redis-0' },
    ]);
  });

  it('keeps the default timeline when the document has no actions', () => {
    const result = withScenario('spec:\n  seed: 3\n');
    expect(
      result.ok && result.scenario.actions.map((a) => (a.kind === 'kubectl' ? a.args[0] : a.kind)),
    ).toEqual(['apply', 'delete']);
  });

  it('runs on the default cluster when the file has no Nodes', () => {
    const result = withScenario('spec: {seed: 3}\n');
    expect(result.ok && result.scenario.cluster.filter((o) => o.kind === 'Node')).toHaveLength(3);
  });

  it('points at a horizon that is not a duration', () => {
    const result = withScenario('spec:\n  horizon: 10\n');
    expect(result.ok ? null : result.error).toMatchObject({
      line: 10,
      column: 12,
      document: 2,
      field: 'spec.horizon',
      message: 'Document 2: spec.horizon must be a duration such as 0s, 500ms, 2m or 1h, not the number 10.',
    });
  });

  it('refuses an unknown field in its own format, since a typo would otherwise pass silently', () => {
    expect(message(withScenario('spec:\n  horizn: 10m\n'))).toBe(
      'Document 2: unknown field "horizn"; this mapping takes seed, horizon, actions, files, containerRuntime.',
    );
  });

  it('refuses an action with both or neither of at and when', () => {
    const expected =
      'Document 2: spec.actions[0] needs exactly one of "at" (a time such as 0s) or "when" (PodRunning).';
    expect(message(withScenario('spec:\n  actions:\n  - {kubectl: "get pods"}\n'))).toBe(expected);
    expect(
      message(
        withScenario('spec:\n  actions:\n  - {at: 0s, when: PodRunning, pod: a, kubectl: "get pods"}\n'),
      ),
    ).toBe(expected);
  });

  it('refuses a trigger other than PodRunning and an empty kubectl command', () => {
    expect(
      message(withScenario('spec:\n  actions:\n  - {when: PodReady, pod: a, kubectl: "get pods"}\n')),
    ).toBe('Document 2: spec.actions[0].when must be PodRunning, not the string "PodReady".');
    expect(message(withScenario('spec:\n  actions:\n  - {at: 0s, kubectl: " kubectl "}\n'))).toMatch(
      /kubectl is empty/,
    );
  });

  it('refuses a Scenario with another apiVersion, and a second Scenario', () => {
    const wrong = parseScenario(`${POD}---\napiVersion: v1\nkind: Scenario\n`);
    expect(message(wrong)).toBe('Document 2: a Podwalk Scenario has "apiVersion: podwalk.dev/v1alpha1".');
    const doc = 'apiVersion: podwalk.dev/v1alpha1\nkind: Scenario\n';
    expect(message(parseScenario(`${POD}---\n${doc}---\n${doc}`))).toBe(
      'Document 3 is a second Scenario; the first is document 2. Keep one.',
    );
  });

  it('warns when an action waits for a pod no document defines', () => {
    const result = withScenario(
      'spec:\n  actions:\n  - {when: PodRunning, pod: ghost, kubectl: "get pods"}\n',
    );
    expect(result.ok && result.warnings).toEqual([
      'An action waits for pod default/ghost, which no document here defines.',
    ]);
  });
});
