import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../scenario';
import { simulate } from '../../sim/cluster/simulate';
import type { KubeObject, Scenario } from '../../sim/scenario';
import { defaultsAt, diffLines, yamlLines, type DiffLine } from './defaultsModel';

const TRACE = simulate(DEFAULT_SCENARIO);
const POD = 'default/nginx';

function ready(trace = TRACE, pod = POD) {
  const v = defaultsAt(trace, trace.messages.length, pod);
  if (v.state !== 'ready') throw new Error(`not ready: ${v.state}`);
  return v;
}
const added = (lines: DiffLine[]) => lines.filter((l) => l.sign === '+').map((l) => l.text.trim());
const creditOf = (lines: DiffLine[], text: string) => {
  const i = lines.findIndex((l) => l.text.trim() === text);
  return lines.slice(0, i + 1).findLast((l) => l.by)?.by;
};

describe('the Defaults view model', () => {
  it('marks what the API server added to the default nginx pod, credited to who added it', () => {
    const { lines } = ready();
    const plus = added(lines);
    for (const l of [
      'restartPolicy: Always',
      'dnsPolicy: ClusterFirst',
      'terminationGracePeriodSeconds: 30',
      'schedulerName: default-scheduler',
      'enableServiceLinks: true',
      'imagePullPolicy: IfNotPresent',
      'serviceAccountName: default',
      'priority: 0',
      '- key: node.kubernetes.io/not-ready',
      '- key: node.kubernetes.io/unreachable',
      'qosClass: Burstable',
      'phase: Pending',
      'mountPath: /var/run/secrets/kubernetes.io/serviceaccount',
    ])
      expect(plus).toContain(l);
    expect(plus.filter((l) => l === 'tolerationSeconds: 300')).toHaveLength(2);
    expect(plus.some((l) => /^- name: kube-api-access-[a-z0-9]{5}$/.test(l))).toBe(true);
    expect(creditOf(lines, 'restartPolicy: Always')).toBe('defaults (SetDefaults_PodSpec)');
    expect(creditOf(lines, 'imagePullPolicy: IfNotPresent')).toBe('defaults (SetDefaults_Container)');
    expect(creditOf(lines, 'serviceAccountName: default')).toBe('ServiceAccount admission');
    expect(creditOf(lines, '- key: node.kubernetes.io/unreachable')).toBe(
      'DefaultTolerationSeconds admission',
    );
    expect(creditOf(lines, 'priority: 0')).toBe('Priority admission');
    expect(creditOf(lines, 'qosClass: Burstable')).toBe('PrepareForCreate');
    expect(creditOf(lines, 'generation: 1')).toBe('the registry on create');
    // What kubectl sent is unchanged: no mark.
    expect(lines.find((l) => l.text.trim() === 'image: nginx:1.27')?.sign).toBe(' ');
    expect(lines.find((l) => l.text.trim() === 'name: nginx')?.sign).toBe(' ');
  });

  it('is pending until the playhead has delivered the create, and none for a pod never created', () => {
    const { createSeq } = ready();
    expect(defaultsAt(TRACE, createSeq - 1, POD).state).toBe('pending');
    expect(defaultsAt(TRACE, createSeq, POD).state).toBe('ready');
    expect(defaultsAt(TRACE, TRACE.messages.length, 'default/other').state).toBe('none');
  });

  it('copies limits into requests and sets Always for an untagged image, by the tag rule', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: '500m', memory: '64Mi' } } }],
      },
    };
    const scenario: Scenario = {
      ...DEFAULT_SCENARIO,
      manifests: [pod],
      actions: [{ kind: 'kubectl', trigger: { atMs: 0 }, args: ['apply', '-f', 'pod.yaml'] }],
    };
    const { lines } = ready(simulate(scenario), 'default/web');
    const i = lines.findIndex((l) => l.text.trim() === 'requests:');
    expect(lines.slice(i, i + 3).map((l) => [l.sign, l.text.trim()])).toEqual([
      ['+', 'requests:'],
      ['+', 'cpu: 500m'],
      ['+', 'memory: 64Mi'],
    ]);
    expect(lines[i]!.by).toBe('defaults (SetDefaults_Pod)');
    expect(added(lines)).toContain('imagePullPolicy: Always');
    expect(added(lines)).toContain('qosClass: Guaranteed');
  });

  it('writes YAML as kubectl -o yaml lays it out, and shows a replaced value as − then +', () => {
    expect(yamlLines({ a: { b: [{ c: 1, d: 'x' }], e: [] } }).map((l) => l.text)).toEqual([
      'a:',
      '  b:',
      '  - c: 1',
      '    d: x',
      '  e: []',
    ]);
    const lines = diffLines({ spec: { x: 1 } }, { spec: { x: 2 } }, [{ path: 'spec.x', by: 'P' }]);
    expect(lines.map((l) => [l.sign, l.text, l.by])).toEqual([
      [' ', 'spec:', null],
      ['-', '  x: 1', null],
      ['+', '  x: 2', 'P'],
    ]);
  });
});
