// `npm test`: every check, in order, without stopping at the first failure. Each step writes a JSON
// report under reports/; the run ends with one plain "N passed, N failed" line (what CI reads) and a
// non-zero exit on any failure. Checks count one each; unit and e2e count their tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';

mkdirSync('reports', { recursive: true });
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
const e2eEnv = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
delete e2eEnv.NO_COLOR;

/** @type {{name: string, cmd: string[], env?: NodeJS.ProcessEnv, count?: () => {passed: number, failed: number} | null}[]} */
const steps = [
  { name: 'format', cmd: ['npx', 'prettier', '--check', '.'] },
  { name: 'typecheck', cmd: ['npm', 'run', '-s', 'typecheck'] },
  {
    name: 'lint',
    cmd: ['npx', 'eslint', '.', '--max-warnings=0', '--format', 'json', '--output-file', 'reports/lint.json'],
  },
  { name: 'cycles', cmd: ['npm', 'run', '-s', 'cycles'] },
  { name: 'unit', cmd: ['npx', 'vitest', 'run'], count: () => countVitest('reports/unit.json') },
  { name: 'build', cmd: ['npm', 'run', '-s', 'build'] },
  {
    name: 'e2e',
    cmd: ['npx', 'playwright', 'test'],
    env: e2eEnv,
    count: () => countPlaywright('reports/e2e.json'),
  },
];

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}
function countVitest(path) {
  const r = readJson(path);
  if (!r) return null;
  return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0) };
}
function countPlaywright(path) {
  const r = readJson(path);
  if (!r?.stats) return null;
  return { passed: r.stats.expected ?? 0, failed: (r.stats.unexpected ?? 0) + (r.stats.flaky ?? 0) };
}

const summary = [];
let passed = 0;
let failed = 0;
for (const step of steps) {
  const started = process.hrtime.bigint();
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const res = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: step.env ?? env });
  const ok = res.status === 0;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let counted = step.count ? step.count() : null;
  // A failing step whose report shows no failure (a crash before tests ran) still counts as one failure.
  if (counted && !ok && counted.failed === 0) counted = { ...counted, failed: 1 };
  const result = counted ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
  passed += result.passed;
  failed += result.failed;
  summary.push({ step: step.name, ok, seconds: Math.round(seconds * 10) / 10, ...result });
  writeFileSync(
    `reports/${step.name}.step.json`,
    JSON.stringify({ step: step.name, ok, exitCode: res.status, seconds }, null, 2),
  );
}
writeFileSync('reports/summary.json', JSON.stringify({ passed, failed, steps: summary }, null, 2));
console.log(
  '\n' +
    summary
      .map(
        (s) =>
          `${s.ok ? 'ok  ' : 'FAIL'} ${s.step.padEnd(10)} ${s.passed} passed, ${s.failed} failed (${s.seconds}s)`,
      )
      .join('\n'),
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
