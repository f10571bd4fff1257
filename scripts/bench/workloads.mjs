// Part 6: wall-clock time to simulate a Deployment of 1,000 replicas on a 100-node cluster, from the
// apply until every pod is Running (the run's end: nothing is left to do). Bundled like part 1.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { importSources } from './bundle.node.mjs';
import { quantile, fmt, heading } from './util.mjs';

const RUNS = Number(process.env.BENCH_WORKLOAD_RUNS ?? 1);

/** `nodes` workers of 16 CPU and 64Gi, and a Deployment of `replicas` nginx pods asking 100m each. */
export function deploymentText(replicas, nodes) {
  const docs = [];
  for (let i = 1; i <= nodes; i++) {
    const name = `node-${i}`;
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels: {kubernetes.io/hostname: ${name}, kubernetes.io/os: linux}
spec:
  podCIDR: 10.${Math.floor(i / 256)}.${i % 256}.0/24
status:
  capacity: {cpu: "16", memory: 64Gi, pods: "110"}
  allocatable: {cpu: "16", memory: 64Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
  addresses: [{type: InternalIP, address: 172.18.${Math.floor(i / 250)}.${(i % 250) + 2}}]`);
  }
  docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests: {cpu: 100m, memory: 64Mi}`);
  return docs.join('\n---\n') + '\n';
}

function load(root) {
  return importSources(root, 'workloads', {
    'src/sim/cluster/simulate.ts': '{ simulate }',
    'src/scenario/index.ts': '{ parseScenario }',
  });
}

export async function benchWorkloads(root, replicas = 1000, nodes = 100) {
  heading(`6. Deployment of ${replicas.toLocaleString('en')} replicas on ${nodes} nodes (Node)`);
  const { simulate, parseScenario } = await load(root);
  // The editor refuses more than MAX_REPLICAS (a browser run stops after 15 s); the bench parses one
  // replica and sets the count on the parsed object, so the simulation itself is what gets measured.
  const parsed = parseScenario(deploymentText(1, nodes));
  if (!parsed.ok) throw new Error(parsed.error.message);
  parsed.scenario.manifests[0].spec.replicas = replicas;
  const times = [];
  let trace = null;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    trace = simulate(parsed.scenario, { maxMessages: 5_000_000 });
    times.push(performance.now() - t0);
  }
  const running = new Map();
  for (const o of trace.objects)
    if (o.key.startsWith('/registry/pods/default/web-'))
      running.set(o.key, o.object?.status?.phase === 'Running');
  const allRunning = [...running.values()].filter(Boolean).length;
  const median = quantile(times, 0.5);
  console.log(
    `runs: ${RUNS} (Node ${process.version}), each from boot through apply to the last pod Running`,
  );
  console.log(
    `median ${fmt(median)} ms   min ${fmt(Math.min(...times))} ms   max ${fmt(Math.max(...times))} ms`,
  );
  console.log(
    `messages per run: ${trace.messages.length}   pods Running: ${allRunning}/${replicas}   end: ${trace.end.reason} at ${fmt(trace.end.t)} virtual ms`,
  );
  return { median, messages: trace.messages.length, running: allRunning };
}

// `node scripts/bench/workloads.mjs [replicas] [nodes]` runs this part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = join(new URL('.', import.meta.url).pathname, '../..');
  await benchWorkloads(root, Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 100));
}
