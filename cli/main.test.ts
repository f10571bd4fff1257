import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANES, OPTIONAL_LANES } from '../src/sim/trace/types';
import type { Io } from './io';
import { run, VERSION } from './run';

const root = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = 'src/sim/scheduler/__fixtures__/01-kind-nginx-scored';
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`;

/** The keys the shared expected.json files hold: the output's extra keys (issue #3 allows them) dropped. */
function asExpected(out: unknown): unknown {
  const d = out as { decisions: Record<string, unknown>[] };
  return {
    decisions: d.decisions.map(({ nominatedNode: _n, victims: _v, nodes, ...rest }) => ({
      ...rest,
      nodes: Object.fromEntries(
        Object.entries(nodes as Record<string, Record<string, unknown>>).map(([k, { scores: _s, ...v }]) => [
          k,
          v,
        ]),
      ),
    })),
  };
}

/** Runs the CLI in-process over a fake file system; files are read from the repo unless given here. */
function cli(
  argv: string[],
  files: Record<string, string> = {},
): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (path) => files[path] ?? readFileSync(join(root, path), 'utf8'),
  };
  const code = run(argv, io);
  return { code, stdout, stderr };
}

describe('podwalk trace', () => {
  it('prints the trace as aligned text by default', () => {
    const r = cli(['trace', 'pod.yaml'], { 'pod.yaml': POD });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^# podwalk trace: nginx \(seed 1, version 1\)\n/);
    expect(r.stdout).toMatch(
      /\n\s+\d+\s+[\d.]+ms\s+5 {2}kube-apiserver → kube-scheduler\s+watch ADDED pod nginx\n/,
    );
    expect(r.stdout).toMatch(/\nend: idle/);
  });

  it('prints JSON that parses as a version 1 trace with messages', () => {
    const r = cli(['trace', 'pod.yaml', '--format', 'json'], { 'pod.yaml': POD });
    const trace = JSON.parse(r.stdout) as { version: number; messages: { seq: number }[] };
    expect(trace.version).toBe(1);
    expect(trace.messages.length).toBeGreaterThan(50);
    expect(trace.messages[0]?.seq).toBe(1);
  });

  it('prints a Mermaid sequence diagram that names the eight lanes a bare Pod uses', () => {
    const r = cli(['trace', 'pod.yaml', '--format=mermaid'], { 'pod.yaml': POD });
    expect(r.stdout.startsWith('sequenceDiagram\n')).toBe(true);
    const used = LANES.filter((l) => !OPTIONAL_LANES.includes(l));
    for (const lane of used) expect(r.stdout).toContain(`as ${lane}\n`);
    expect(used).toHaveLength(8);
    expect(r.stdout).not.toContain('kube-controller-manager');
  });

  it('uses --seed instead of the scenario seed', () => {
    const r = cli(['trace', 'pod.yaml', '--seed', '42', '--format', 'json'], { 'pod.yaml': POD });
    expect((JSON.parse(r.stdout) as { scenario: { seed: number } }).scenario.seed).toBe(42);
  });

  it('reports malformed YAML on stderr with its line and column, prints nothing on stdout, and exits 2', () => {
    const r = cli(['trace', 'bad.yaml'], { 'bad.yaml': 'kind: Pod\nmetadata: [1,\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^podwalk: bad\.yaml: Line \d+, column \d+: Document 1: .+\n$/);
  });

  it('names the document and field of a scenario that parses as YAML but is not a valid Pod', () => {
    const bad = POD.replace('image: nginx:1.27', 'image: 5');
    const r = cli(['trace', 'bad.yaml'], { 'bad.yaml': bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'podwalk: bad.yaml: Line 8, column 12: Document 1 (Pod nginx): spec.containers[0].image must be a string, not the number 5.\n',
    );
  });

  it('says the file is missing and exits 2 when it does not exist', () => {
    const r = cli(['trace', 'no/such/file.yaml']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'podwalk: no/such/file.yaml: no such file.\n' });
  });
});

describe('podwalk schedule', () => {
  it('gives the expected node, message and per-node verdicts for the kind fixture as JSON', () => {
    const r = cli(['schedule', `${FIXTURE}.yaml`, '--format', 'json']);
    const expected = JSON.parse(readFileSync(join(root, `${FIXTURE}.expected.json`), 'utf8')) as {
      why?: string;
    };
    delete expected.why;
    expect(r.code).toBe(0);
    expect(asExpected(JSON.parse(r.stdout))).toEqual(expected);
  });

  it('prints the chosen node and a row per node as text by default', () => {
    const r = cli(['schedule', `${FIXTURE}.yaml`]);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'web/nginx-5869d7778c-x2q8m → kind-worker2',
      '  NODE                FEASIBLE  TOTAL  WHY NOT',
      '  kind-control-plane  no        -      TaintToleration: node(s) had untolerated taint(s)',
    ]);
  });

  it('gives every shared scenario its expected decision as JSON (a tie may go to any tied node)', () => {
    const dir = join(root, 'src/sim/scheduler/__fixtures__');
    const names = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(names).toHaveLength(10);
    for (const name of names) {
      const r = cli(['schedule', join('src/sim/scheduler/__fixtures__', name), '--format', 'json']);
      expect(r.code, name).toBe(0);
      type Decisions = { decisions: { node: string | null; acceptableNodes: string[] }[] };
      const got = asExpected(JSON.parse(r.stdout)) as Decisions;
      const want = JSON.parse(
        readFileSync(join(dir, name.replace(/\.yaml$/, '.expected.json')), 'utf8'),
      ) as Decisions;
      const withoutNode = (d: Decisions) => d.decisions.map(({ node: _node, ...rest }) => rest);
      expect(withoutNode(got), name).toEqual(withoutNode(want));
      got.decisions.forEach((d, i) => {
        if (d.node === null) expect(want.decisions[i]?.node, name).toBeNull();
        else expect(d.acceptableNodes, name).toContain(d.node);
      });
    }
  });

  it('spreads a ReplicaSet’s replicas with the system-default PodTopologySpread (fixture 11)', () => {
    const base = 'src/sim/scheduler/__fixtures__/system-default-spread/11-deployment-replicas-spread';
    const r = cli(['schedule', `${base}.yaml`, '--format', 'json']);
    const expected = JSON.parse(readFileSync(join(root, `${base}.expected.json`), 'utf8')) as {
      why?: string;
    };
    delete expected.why;
    expect(r.code).toBe(0);
    expect(asExpected(JSON.parse(r.stdout))).toEqual(expected);
  });

  it('prints one pod and its node per line with --format bindings', () => {
    const r = cli(['schedule', `${FIXTURE}.yaml`, '--format', 'bindings']);
    expect(r).toEqual({ code: 0, stdout: 'web/nginx-5869d7778c-x2q8m kind-worker2\n', stderr: '' });
  });

  it('prints the readable table for --format table, the same as text', () => {
    const table = cli(['schedule', `${FIXTURE}.yaml`, '--format', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('kind-worker2');
    expect(table).toEqual(cli(['schedule', `${FIXTURE}.yaml`, '--format', 'text']));
  });

  it('prints Pending in bindings for a pod that fits nowhere', () => {
    const file = 'src/sim/scheduler/__fixtures__/02-request-exceeds-every-node.yaml';
    const r = cli(['schedule', file, '--format', 'bindings']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\S+\/\S+ Pending\n$/);
  });

  it('refuses the mermaid format with usage on stderr and exit 2', () => {
    const r = cli(['schedule', `${FIXTURE}.yaml`, '--format', 'mermaid']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage:');
  });
});

describe('podwalk usage', () => {
  it('prints usage on stdout for --help and exits 0', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('podwalk trace <scenario.yaml>');
  });

  it('prints the package version for --version', () => {
    expect(cli(['--version']).stdout).toBe(`podwalk ${VERSION}\n`);
  });

  it('answers an unknown command with usage on stderr and exit 2', () => {
    const r = cli(['deploy', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^podwalk: unknown command 'deploy'\.\n\nUsage:/);
  });
});

describe('the tsx entry point', () => {
  it('runs as a process, writing the trace to stdout and exiting 0', () => {
    const r = spawnSync('npx', ['tsx', 'cli/main.ts', 'trace', `${FIXTURE}.yaml`, '--format', 'mermaid'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^sequenceDiagram\n/);
  }, 30_000);
});
