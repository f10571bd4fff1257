// Part: the scheduling framework in Node. (a) pods scheduled per second on 5,000 nodes × 10,000 pending
// pods, the shape of upstream's SchedulingBasic scheduler_perf test (nodes 4 CPU / 32 Gi / 110 pods, pods
// requesting 100m / 500 Mi), through the code `podwalk schedule --format bindings` runs (pods in queue order, each placed
// pod counting against its node for the next); (b) the edit-to-decision time for a 100-node cluster: from
// the scenario's YAML text to the decision for its pending pod, and to the full simulated trace the page
// shows (the worker's runRequest: parse + simulate).
// upstream: test/integration/scheduler_perf/config/performance-config.yaml (SchedulingBasic),
// config/templates/node-default.yaml, pod-default.yaml
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { importSources } from './bundle.node.mjs';
import { quantile, fmt, heading } from './util.mjs';

const NODES = 5000;
// SCHED_BENCH_PODS shortens the queue (a slow path can take minutes on the full one).
const PODS = Number(process.env.SCHED_BENCH_PODS ?? 10000);
const EDIT_WARMUP = 10;
const EDIT_RUNS = 30;

function load(root) {
  return importSources(root, 'sched', {
    'cli/commands/schedule.ts': '{ scheduleScenario, scheduleBindings }',
    'src/scenario/index.ts': '{ parseScenario }',
    'src/scenario/clusterPresets.ts': '{ bigClusterText }',
    'src/sim/cluster/simulate.ts': '{ simulate }',
    'src/sim/scheduler/index.ts': '* as sched',
  });
}

/** upstream node-default.yaml: 4 CPU, 32Gi, 110 pods; no taints, no images. */
function perfNode(i) {
  const name = `scheduler-perf-${String(i).padStart(5, '0')}`;
  const allocatable = { cpu: '4', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: { capacity: allocatable, allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** upstream pod-default.yaml: one pause container requesting 100m / 500Mi. */
function perfPod(i) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default', labels: {} },
    spec: {
      priority: 0,
      containers: [
        {
          name: 'pause',
          image: 'registry.k8s.io/pause:3.10',
          resources: { requests: { cpu: '100m', memory: '500Mi' } },
        },
      ],
    },
  };
}

function perfScenario(pods) {
  return {
    name: 'scheduling-basic',
    cluster: Array.from({ length: NODES }, (_, i) => perfNode(i)),
    manifests: Array.from({ length: pods }, (_, i) => perfPod(i)),
    actions: [],
    options: { horizonMs: 600000 },
    seed: 1,
  };
}

/** Pods/s through scheduleBindings: the whole queue in one call, as `podwalk schedule --format bindings` runs it. */
function throughput(mod) {
  // Warm the JIT on a small cluster first.
  mod.scheduleBindings({ ...perfScenario(200), cluster: perfScenario(0).cluster.slice(0, 500) });
  const scenario = perfScenario(PODS);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = mod.scheduleBindings(scenario);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of the process (GC threads included): on a busy machine, closer to what an idle one would take.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const placed = results.filter((r) => r.node !== null).length;
  return { podsPerSec: PODS / seconds, podsPerCpuSec: PODS / cpuSeconds, done: PODS, placed, seconds };
}

function timeRuns(fn) {
  for (let i = 0; i < EDIT_WARMUP; i++) fn();
  const times = [];
  for (let i = 0; i < EDIT_RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

function editToDecision(mod) {
  const text = mod.bigClusterText(100);
  // Each run is a new keystroke in the pod's document (a label no selector reads, so the decision stays):
  // the parser keeps documents it has read by their text, and only the edited one is new, as in the page.
  let keystroke = 0;
  const parse = () => {
    const r = mod.parseScenario(
      text.replace('labels: {app: web}', `labels: {app: web, edit: e${++keystroke}}`),
    );
    if (!r.ok) throw new Error(r.error.message);
    return r.scenario;
  };
  let node = null;
  const parseOnly = timeRuns(parse);
  const parsed = parse();
  const scheduleOnly = timeRuns(() => mod.scheduleScenario(parsed));
  const simulateOnly = timeRuns(() => mod.simulate(parsed));
  const decision = timeRuns(() => {
    node = mod.scheduleScenario(parse())[0]?.node ?? null;
  });
  let messages = 0;
  const trace = timeRuns(() => {
    messages = mod.simulate(parse()).messages.length;
  });
  return { parseOnly, scheduleOnly, simulateOnly, decision, trace, node, messages };
}

export async function benchScheduler(root) {
  heading(
    `Scheduler: ${NODES.toLocaleString('en-US')} nodes × ${PODS.toLocaleString('en-US')} pods; 100-node edit`,
  );
  const mod = await load(root);
  const t = throughput(mod);
  console.log(
    `${t.done} pods (${t.placed} placed) in ${fmt(t.seconds, 2)} s → ${fmt(t.podsPerSec, 0)} pods/s wall-clock, ${fmt(t.podsPerCpuSec, 0)} pods per CPU-second`,
  );
  const e = editToDecision(mod);
  console.log(
    `100 nodes: parse p50 ${fmt(e.parseOnly.p50, 2)} ms; schedule (parsed) p50 ${fmt(e.scheduleOnly.p50, 2)} ms; simulate (parsed) p50 ${fmt(e.simulateOnly.p50, 2)} ms`,
  );
  console.log(
    `100 nodes: text → decision p50 ${fmt(e.decision.p50, 2)} ms, p95 ${fmt(e.decision.p95, 2)} ms (→ ${e.node})`,
  );
  console.log(
    `100 nodes: text → full trace p50 ${fmt(e.trace.p50, 2)} ms, p95 ${fmt(e.trace.p95, 2)} ms (${e.messages} messages)`,
  );
  return { ...t, edit: e };
}

// `node scripts/bench/scheduler.mjs` runs this part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { fileURLToPath } = await import('node:url');
  const { dirname } = await import('node:path');
  await benchScheduler(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
}
