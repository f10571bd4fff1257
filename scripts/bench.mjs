// `npm run bench`: prints performance figures for Podwalk. It never asserts: it exits 0 unless the bench
// itself crashes. Options: --build (always run vite build), --no-build (use dist/ as is; default: build
// only when dist/ is missing or older than the sources), --skip=sim,sched,bundle,frames,response,big,workloads,crashloop,
// BENCH_PORT (4174).
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadavg, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { benchSim } from './bench/sim.mjs';
import { benchScheduler } from './bench/scheduler.mjs';
import { benchBundle, GZIP_LEVEL } from './bench/bundle.mjs';
import { benchFrames } from './bench/frames.mjs';
import { benchResponse } from './bench/response.mjs';
import { benchBigTrace } from './bench/bigtrace.mjs';
import { benchWorkloads } from './bench/workloads.mjs';
import { benchCrashLoop } from './bench/crashloop.mjs';
import { fmt, table, heading } from './bench/util.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const buildMode = argv.includes('--build') ? 'always' : argv.includes('--no-build') ? 'never' : 'auto';
const skip = new Set((argv.find((a) => a.startsWith('--skip='))?.slice(7) ?? '').split(',').filter(Boolean));
const port = Number(process.env.BENCH_PORT ?? 4174);
const started = Date.now();
const load = () => loadavg()[0].toFixed(2);
console.log(`machine: ${cpus().length} cores, load average (1 min) ${load()} at start`);

// Each part is independent: one failing is reported and the others still run.
async function part(name, fn) {
  if (skip.has(name)) return null;
  try {
    return await fn();
  } catch (err) {
    console.log(`\n[bench] ${name} failed: ${err?.stack ?? err}`);
    return null;
  }
}

const sim = await part('sim', () => benchSim(root));
const sched = await part('sched', () => benchScheduler(root));
const bundle = await part('bundle', () => benchBundle(root, buildMode));
const frames = await part('frames', () => benchFrames(root, port));
const response = await part('response', () => benchResponse(root, port));
const big = await part('big', () => benchBigTrace(root, port));
const workloads = await part('workloads', () => benchWorkloads(root));
const crashloop = await part('crashloop', () => benchCrashLoop(root));

const na = 'n/a';
// What the page really fetched before the diagram appeared (lazy chunks included), gzipped the same way.
function firstLoadKiB(files) {
  let total = 0;
  for (const f of files) {
    const p = join(root, 'dist', f.split('?')[0]);
    if (existsSync(p)) total += gzipSync(readFileSync(p), { level: GZIP_LEVEL }).length;
  }
  return total / 1024;
}
const verdict = (value, ok) => (value === null || !Number.isFinite(value) ? na : ok ? 'ok' : 'over');
const rows = [
  [
    'sim median',
    sim ? `${fmt(sim.median, 3)} ms` : na,
    '< 5 ms',
    verdict(sim?.median ?? null, sim?.median < 5),
  ],
  ['sim p95', sim ? `${fmt(sim.p95, 3)} ms` : na, '< 5 ms', verdict(sim?.p95 ?? null, sim?.p95 < 5)],
  ['sim messages', sim ? String(sim.messages) : na, '-', '-'],
  [
    'scheduler 5,000 nodes × 10,000 pods',
    sched ? `${fmt(sched.podsPerSec, 0)} pods/s (${fmt(sched.podsPerCpuSec, 0)} per CPU-s)` : na,
    '>= 10,000 pods/s',
    verdict(sched?.podsPerSec ?? null, sched?.podsPerSec >= 10000),
  ],
  [
    '100-node edit → decision p50 / p95',
    sched ? `${fmt(sched.edit.decision.p50, 1)} / ${fmt(sched.edit.decision.p95, 1)} ms` : na,
    '< 50 ms',
    verdict(sched?.edit.decision.p95 ?? null, sched?.edit.decision.p95 < 50),
  ],
  [
    '100-node edit → full trace p50 / p95',
    sched ? `${fmt(sched.edit.trace.p50, 1)} / ${fmt(sched.edit.trace.p95, 1)} ms` : na,
    '< 50 ms',
    verdict(sched?.edit.trace.p95 ?? null, sched?.edit.trace.p95 < 50),
  ],
  [
    `initial JS (gzip -${GZIP_LEVEL})`,
    bundle && Number.isFinite(bundle.initialKiB) ? `${fmt(bundle.initialKiB)} KiB` : na,
    '<= 140 KiB',
    verdict(bundle?.initialKiB ?? null, bundle?.initialKiB <= 140),
  ],
  ['frame p50 empty / play', frames ? `${fmt(frames.empty.p50)} / ${fmt(frames.play.p50)} ms` : na, '-', '-'],
  ['frame p95 empty / play', frames ? `${fmt(frames.empty.p95)} / ${fmt(frames.play.p95)} ms` : na, '-', '-'],
  [
    'p95(play)/p95(empty)',
    frames ? fmt(frames.ratio, 3) : na,
    '<= 1.10',
    verdict(frames?.ratio ?? null, frames?.ratio <= 1.1),
  ],
  [
    'JS fetched before diagram (gzip)',
    frames?.fetchedFirst?.length ? `${fmt(firstLoadKiB(frames.fetchedFirst))} KiB` : na,
    'info',
    '-',
  ],
  [
    'LoAF >50 ms while playing',
    frames ? `${frames.play.loafCount} (max ${fmt(frames.play.loafMax, 1)} ms)` : na,
    'info',
    '-',
  ],
  [
    'step (→) response p50 / p95',
    response ? `${fmt(response.stepFirst.p50, 1)} / ${fmt(response.stepFirst.p95, 1)} ms` : na,
    '<= 50 ms',
    verdict(response?.stepFirst.p95 ?? null, response?.stepFirst.p95 <= 50),
  ],
  [
    'step (→) reduced motion p50 / p95',
    response ? `${fmt(response.stepReduced.p50, 1)} / ${fmt(response.stepReduced.p95, 1)} ms` : na,
    '<= 50 ms',
    verdict(response?.stepReduced.p95 ?? null, response?.stepReduced.p95 <= 50),
  ],
  [
    'End key response p50 / p95',
    response ? `${fmt(response.end.p50, 1)} / ${fmt(response.end.p95, 1)} ms` : na,
    '<= 50 ms',
    verdict(response?.end.p95 ?? null, response?.end.p95 <= 50),
  ],
  [
    'scrub (input) response p50 / p95',
    response ? `${fmt(response.scrub.p50, 1)} / ${fmt(response.scrub.p95, 1)} ms` : na,
    '<= 50 ms',
    verdict(response?.scrub.p95 ?? null, response?.scrub.p95 <= 50),
  ],
  [
    `big trace (${big?.total ?? '~10k'} msgs) painted`,
    big
      ? `${fmt(big.paintMs, 0)} ms (sim ${fmt(big.simMs ?? NaN, 0)}, render ${fmt(big.renderMs ?? NaN, 0)})`
      : na,
    '< 1000 ms',
    verdict(big?.paintMs ?? null, big?.paintMs < 1000),
  ],
  [
    'big trace p95 scroll / empty',
    big ? `${fmt(big.scroll.p95)} / ${fmt(big.empty.p95)} ms = ${fmt(big.scroll.ratio, 3)}` : na,
    '<= 1.10',
    verdict(big?.scroll.ratio ?? null, big?.scroll.ratio <= 1.1),
  ],
  [
    'big trace p95 scrub / empty',
    big ? `${fmt(big.scrub.p95)} / ${fmt(big.empty2.p95)} ms = ${fmt(big.scrub.ratio, 3)}` : na,
    '<= 1.10',
    verdict(big?.scrub.ratio ?? null, big?.scrub.ratio <= 1.1),
  ],
  [
    'Deployment 1,000 replicas on 100 nodes: apply → all Running, wall ms',
    workloads
      ? `${fmt(workloads.median, 0)} ms (${workloads.messages} msgs, ${workloads.running} Running)`
      : na,
    '< 200 ms',
    verdict(workloads?.median ?? null, workloads?.median < 200),
  ],
  [
    '100 crash-looping pods, 600 s virtual: wall ms',
    crashloop
      ? `${fmt(crashloop.median, 0)} ms (${crashloop.messages} msgs, ${crashloop.restarts} restarts)`
      : na,
    '< 100 ms',
    verdict(crashloop?.median ?? null, crashloop?.median < 100),
  ],
];
heading('Summary');
console.log(table(rows, ['metric', 'measured', 'goal', 'status']));
const busy = loadavg()[0] > cpus().length;
console.log(
  `\nload average (1 min) ${load()} on ${cpus().length} cores at the end${busy ? ': the machine is busy, timings are noisy' : ''}`,
);
console.log(`bench took ${((Date.now() - started) / 1000).toFixed(1)} s (figures only; nothing is asserted)`);
process.exit(0);
