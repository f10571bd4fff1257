// Part 1: wall-clock time of simulate(DEFAULT_SCENARIO) in Node. Node 20 cannot run .ts, so a tiny
// entry is bundled with esbuild to a temporary .mjs, imported, then timed.
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { quantile, fmt, heading } from './util.mjs';

const WARMUP = 20;
const RUNS = 200;

export async function benchSim(root) {
  heading('1. Simulation of the default scenario (Node)');
  const entry = [
    `export { simulate } from ${JSON.stringify(join(root, 'src/sim/cluster/simulate.ts'))};`,
    `export { DEFAULT_SCENARIO } from ${JSON.stringify(join(root, 'src/scenario/index.ts'))};`,
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'bench-sim-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    absWorkingDir: root,
    // CommonJS dependencies (yaml) call require('process'); give the ESM bundle a real require.
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'podwalk-bench-'));
  const file = join(dir, 'sim.mjs');
  let mod;
  try {
    writeFileSync(file, result.outputFiles[0].contents);
    mod = await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { simulate, DEFAULT_SCENARIO } = mod;

  let messages = 0;
  let endReason = '';
  for (let i = 0; i < WARMUP; i++) simulate(DEFAULT_SCENARIO);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const trace = simulate(DEFAULT_SCENARIO);
    times.push(performance.now() - t0);
    messages = trace.messages.length;
    endReason = trace.end?.reason ?? '';
  }
  const median = quantile(times, 0.5);
  const p95 = quantile(times, 0.95);
  console.log(`runs: ${WARMUP} warm-up + ${RUNS} timed (Node ${process.version})`);
  console.log(
    `median ${fmt(median, 3)} ms   p95 ${fmt(p95, 3)} ms   min ${fmt(Math.min(...times), 3)} ms   max ${fmt(Math.max(...times), 3)} ms`,
  );
  console.log(`messages per run: ${messages}   end: ${endReason}`);
  return { median, p95, messages };
}
