// Part 7 (issue #5 item 10): wall-clock time to simulate 600 s of virtual time of 100 crash-looping pods
// (a Deployment of 100 busybox replicas whose shell exits 1 at once, restartPolicy Always, on 10 nodes):
// the kubelet restarts each with back-off (10 s, 20 s, … capped at 5 min) until the horizon. Bundled like
// part 1.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { importSources } from './bundle.node.mjs';
import { deploymentText } from './workloads.mjs';
import { quantile, fmt, heading } from './util.mjs';

const RUNS = Number(process.env.BENCH_CRASHLOOP_RUNS ?? 3);

/** The workloads part's cluster and Deployment, with a container that exits 1, and a 600 s horizon. */
export function crashLoopText(nodes, horizon = '600s') {
  const deployment = deploymentText(1, nodes).replace(
    'image: nginx:1.27',
    'image: busybox\n        command: ["sh", "-c", "exit 1"]',
  );
  return `${deployment}---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: crash-loop-${horizon}
spec:
  horizon: ${horizon}
  actions:
  - at: 0s
    kubectl: apply -f pod.yaml
`;
}

export async function benchCrashLoop(root, pods = 100, nodes = 10) {
  heading(`7. ${pods} crash-looping pods on ${nodes} nodes, 600 s of virtual time (Node)`);
  const { simulate, parseScenario } = await importSources(root, 'crashloop', {
    'src/sim/cluster/simulate.ts': '{ simulate }',
    'src/scenario/index.ts': '{ parseScenario }',
  });
  const parsed = parseScenario(crashLoopText(nodes));
  if (!parsed.ok) throw new Error(parsed.error.message);
  // Set on the parsed object, as the workloads part does, so only the simulation is measured.
  parsed.scenario.manifests.find((m) => m.kind === 'Deployment').spec.replicas = pods;
  const times = [];
  let trace = null;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    trace = simulate(parsed.scenario, { maxMessages: 5_000_000 });
    times.push(performance.now() - t0);
  }
  const restarts = trace.messages.filter((m) => /^execve: sh -c/.test(m.label)).length - pods;
  const median = quantile(times, 0.5);
  console.log(`runs: ${RUNS} (Node ${process.version})`);
  console.log(
    `median ${fmt(median)} ms   min ${fmt(Math.min(...times))} ms   max ${fmt(Math.max(...times))} ms`,
  );
  console.log(
    `messages per run: ${trace.messages.length}   container restarts: ${restarts}   end: ${trace.end.reason} at ${fmt(trace.end.t)} virtual ms`,
  );
  return { median, messages: trace.messages.length, restarts };
}

// `node scripts/bench/crashloop.mjs [pods] [nodes]` runs this part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = join(new URL('.', import.meta.url).pathname, '../..');
  await benchCrashLoop(root, Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 10));
}
