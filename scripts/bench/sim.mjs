// Part 1: wall-clock time of simulate(DEFAULT_SCENARIO) in Node. Node 20 cannot run .ts, so a tiny
// entry is bundled with esbuild to a temporary .mjs, imported, then timed.
import { performance } from 'node:perf_hooks';
import { importSources } from './bundle.node.mjs';
import { quantile, fmt, heading } from './util.mjs';

const WARMUP = 20;
const RUNS = 200;

export async function benchSim(root) {
  heading('1. Simulation of the default scenario (Node)');
  const { simulate, DEFAULT_SCENARIO } = await importSources(root, 'sim', {
    'src/sim/cluster/simulate.ts': '{ simulate }',
    'src/scenario/index.ts': '{ DEFAULT_SCENARIO }',
  });

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
