// `podwalk kubectl`: run a scenario, then one kubectl command at its end (or right after message --at), and
// print what kubectl prints against that cluster. Commands that change the cluster (apply, create, delete, scale)
// are appended to the scenario as an action and the run is repeated, so the kubectl machine answers them;
// read-only ones (get, describe) are the kubectl printers over the stored objects at that moment.
import { stringify } from 'yaml';
import { defaultCluster, parseScenario } from '../../src/scenario';
import { simulate } from '../../src/sim/cluster/simulate';
import type { Pod } from '../../src/sim/k8s/pod';
import {
  createWatchPrinter,
  describeDeployment,
  describePod,
  getDeploymentTable,
  getReplicaSetTable,
  formatEventsTable,
  getPodTable,
  type AnyEvent,
} from '../../src/sim/kubectl';
import {
  DEFAULT_OPTIONS,
  DEFAULT_SEED,
  MANIFEST_FILE,
  type Action,
  type KubeObject,
  type Scenario,
} from '../../src/sim/scenario';
import type { Trace } from '../../src/sim/trace/types';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Io } from '../io';
import { describeParseError, loadScenario } from './load';

export interface KubectlOptions {
  scenario: string | null;
  at: number | 'end';
  args: readonly string[];
}

/** What one kubectl command printed, line by line, on which stream, and how it exited. */
export interface KubectlResult {
  lines: { stream: 'stdout' | 'stderr'; text: string }[];
  code: number;
}

/** A podwalk-level failure (bad options, a command podwalk does not simulate): stderr `podwalk: …`, exit 2. */
class UsageError extends Error {}

// kubectl's flags that take a value (as in src/sim/machines/client/kubectlArgs.ts, plus get's own).
const VALUED = new Set(['-n', '--namespace', '-f', '--filename', '--as', '--as-group', '--token', '--kubeconfig',
  '-s', '--server', '--user', '--dry-run', '-o', '--output', '--field-manager', '--grace-period', '--context',
  '--certificate-authority', '-l', '--selector', '--field-selector', '--timeout', '--replicas']); // prettier-ignore

interface KubectlWords {
  words: string[];
  flags: Map<string, string>;
}

function parseKubectl(args: readonly string[]): KubectlWords {
  const words: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('-') || a === '-') words.push(a);
    else if (a.startsWith('--') && a.includes('='))
      flags.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else if (VALUED.has(a)) flags.set(a, args[++i] ?? '');
    else if (/^-[nfo]./.test(a))
      flags.set(a.slice(0, 2), a.slice(2)); // -ndefault, -oyaml
    else flags.set(a, 'true');
  }
  return { words, flags };
}

const flagOf = (p: KubectlWords, ...names: string[]): string | undefined =>
  names.map((n) => p.flags.get(n)).find((v) => v !== undefined);

const POD_WORDS = new Set(['pod', 'pods', 'po']);
const EVENT_WORDS = new Set(['event', 'events', 'ev']);

/** `pod nginx`, `pods/nginx` or `pod/nginx` → the resource word and the names after it. */
function resourceAndNames(words: readonly string[]): { resource: string; names: string[] } {
  const [first = '', ...rest] = words;
  const slash = first.indexOf('/');
  if (slash > 0) return { resource: first.slice(0, slash), names: [first.slice(slash + 1), ...rest] };
  return { resource: first, names: rest };
}

function defaultScenario(): Scenario {
  return {
    name: 'default cluster',
    cluster: defaultCluster(),
    manifests: [],
    actions: [],
    options: { ...DEFAULT_OPTIONS },
    seed: DEFAULT_SEED,
  };
}

// ---- the moment the command runs at ----

interface Moment {
  /** Messages delivered before the command runs. */
  seq: number;
  /** Virtual time the command runs at. */
  t: number;
}

function momentOf(trace: Trace, at: number | 'end'): Moment {
  if (at === 'end') return { seq: trace.messages.length, t: trace.end.t };
  const m = trace.messages[at - 1];
  if (!m) throw new UsageError(`--at ${at}: the run has only ${trace.messages.length} messages.`);
  return { seq: at, t: m.t };
}

/** The newest stored version of every object under `prefix` after `seq` messages (deleted ones left out). */
function objectsAt(trace: Trace, seq: number, prefix: string): KubeObject[] {
  const latest = new Map<string, KubeObject | null>();
  for (const o of trace.objects) {
    if (o.seq > seq) break;
    if (o.key.startsWith(prefix)) latest.set(o.key, o.object as KubeObject | null);
  }
  return [...latest.values()].filter((o): o is KubeObject => o !== null);
}

const podsAt = (trace: Trace, seq: number, ns: string): Pod[] =>
  objectsAt(trace, seq, `/registry/pods/${ns}/`) as unknown as Pod[];
const eventsIn = (trace: Trace, seq: number, ns: string): AnyEvent[] =>
  objectsAt(trace, seq, `/registry/events/${ns}/`) as unknown as AnyEvent[];

// ---- output helpers ----

const out = (text: string): KubectlResult['lines'][number] => ({ stream: 'stdout', text });
const err = (text: string): KubectlResult['lines'][number] => ({ stream: 'stderr', text });
/** Splits printer output (newline-terminated lines) into lines. */
const outLines = (text: string): KubectlResult['lines'] => text.replace(/\n$/, '').split('\n').map(out);
const notFound = (name: string): KubectlResult => ({
  lines: [err(`Error from server (NotFound): pods "${name}" not found`)],
  code: EXIT_FAILURE,
});
const noResources = (ns: string): KubectlResult => ({
  lines: [err(`No resources found in ${ns} namespace.`)],
  code: EXIT_OK,
});

/** kubectl -o yaml/json print objects with sorted keys (they go through a map) and without managedFields. */
function forOutput(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forOutput);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, forOutput(v)]));
}

function stripManagedFields(o: KubeObject): KubeObject {
  const { managedFields: _dropped, ...metadata } = o.metadata;
  return { ...o, metadata };
}

function printObjects(objects: readonly KubeObject[], single: boolean, format: 'yaml' | 'json'): string {
  const value = single
    ? stripManagedFields(objects[0]!)
    : {
        apiVersion: 'v1',
        items: objects.map(stripManagedFields),
        kind: 'List',
        metadata: { resourceVersion: '' },
      };
  const sorted = forOutput(value);
  if (format === 'json') return JSON.stringify(sorted, null, 4) + '\n';
  // YAML 1.1 quotes what go-yaml quotes: timestamps, yes/no/on/off, numbers.
  return stringify(sorted, { indentSeq: false, lineWidth: 0, version: '1.1' });
}

const storageOrder = (a: KubeObject, b: KubeObject): number => {
  const an = a.metadata.name ?? '';
  const bn = b.metadata.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
};

// ---- get / describe ----

const OUTPUTS = ['wide', 'yaml', 'json', 'name'] as const;
type Output = (typeof OUTPUTS)[number] | 'table';

function outputOf(p: KubectlWords): Output {
  const o = flagOf(p, '-o', '--output');
  if (o === undefined || o === '') return 'table';
  if ((OUTPUTS as readonly string[]).includes(o)) return o as Output;
  throw new UsageError(`kubectl -o ${o} is not simulated; use wide, yaml, json or name.`);
}

function getPods(trace: Trace, at: Moment, p: KubectlWords, ns: string, names: string[]): KubectlResult {
  const output = outputOf(p);
  if (names.length > 1) throw new UsageError('get pod takes at most one name here.');
  const name = names[0];
  if (flagOf(p, '-w', '--watch') === 'true') return watchPods(trace, at, p, ns, name, output);
  const all = podsAt(trace, at.seq, ns) as unknown as KubeObject[];
  const pods = (name === undefined ? all : all.filter((o) => o.metadata.name === name)).sort(storageOrder);
  if (name !== undefined && pods.length === 0) return notFound(name);
  if (output === 'yaml' || output === 'json')
    return { lines: outLines(printObjects(pods, name !== undefined, output)), code: EXIT_OK };
  if (pods.length === 0) return noResources(ns);
  if (output === 'name')
    return { lines: pods.map((o) => out(`pod/${o.metadata.name ?? ''}`)), code: EXIT_OK };
  const table = getPodTable(pods as unknown as Pod[], at.t, { wide: output === 'wide' });
  return { lines: outLines(table), code: EXIT_OK };
}

/**
 * `get pod [name] -w` as if started before the run: one row per stored revision up to the moment (the
 * staircase of lifecycle.md §9.2–9.3), then the ^C. An empty watch prints nothing.
 */
function watchPods(
  trace: Trace,
  at: Moment,
  p: KubectlWords,
  ns: string,
  name: string | undefined,
  output: Output,
): KubectlResult {
  if (output !== 'table' && output !== 'wide')
    throw new UsageError('get pod -w is simulated for tables only.');
  const prefix = name === undefined ? `/registry/pods/${ns}/` : `/registry/pods/${ns}/${name}`;
  const watched = (key: string): boolean => (name === undefined ? key.startsWith(prefix) : key === prefix);
  const events = trace.objects.filter((o) => o.seq <= at.seq && watched(o.key));
  if (name !== undefined && events.length === 0) return notFound(name);
  const printer = createWatchPrinter({
    wide: output === 'wide',
    outputWatchEvents: flagOf(p, '--output-watch-events') === 'true',
  });
  const last = new Map<string, Pod>();
  const lines: string[] = [];
  for (const o of events) {
    const before = last.get(o.key);
    if (o.object === null) {
      if (before) lines.push(...printer.print('DELETED', before, o.t));
      last.delete(o.key);
      continue;
    }
    const pod = o.object as unknown as Pod;
    lines.push(...printer.print(before ? 'MODIFIED' : 'ADDED', pod, o.t));
    last.set(o.key, pod);
  }
  return { lines: lines.map(out), code: EXIT_OK };
}

function getEvents(trace: Trace, at: Moment, p: KubectlWords, ns: string, names: string[]): KubectlResult {
  const output = outputOf(p);
  if (flagOf(p, '-w', '--watch') === 'true') throw new UsageError('get events -w is not simulated.');
  const all = eventsIn(trace, at.seq, ns) as unknown as KubeObject[];
  const events = names.length === 0 ? all : all.filter((e) => names.includes(e.metadata.name ?? ''));
  const missing = names.find((n) => !events.some((e) => e.metadata.name === n));
  if (missing !== undefined)
    return {
      lines: [err(`Error from server (NotFound): events "${missing}" not found`)],
      code: EXIT_FAILURE,
    };
  if (output === 'yaml' || output === 'json')
    return { lines: outLines(printObjects(events, names.length === 1, output)), code: EXIT_OK };
  if (events.length === 0) return noResources(ns);
  if (output === 'name')
    return { lines: events.map((e) => out(`event/${e.metadata.name ?? ''}`)), code: EXIT_OK };
  return { lines: outLines(formatEventsTable(events as unknown as AnyEvent[], at.t)), code: EXIT_OK };
}

function describePods(trace: Trace, at: Moment, ns: string, names: string[]): KubectlResult {
  const all = podsAt(trace, at.seq, ns) as unknown as KubeObject[];
  const events = eventsIn(trace, at.seq, ns);
  const missing = names.find((n) => !all.some((o) => o.metadata.name === n));
  if (missing !== undefined) return notFound(missing);
  const pods =
    names.length === 0
      ? [...all].sort(storageOrder)
      : all.filter((o) => names.includes(o.metadata.name ?? ''));
  if (pods.length === 0) return noResources(ns);
  // kubectl separates several descriptions with a blank line.
  const text = pods.map((o) => describePod(o as unknown as Pod, events, at.t)).join('\n\n');
  return { lines: outLines(text), code: EXIT_OK };
}

// ---- workloads: get rs, get deployments, describe deployment ----

const RS_WORDS = new Set(['rs', 'replicaset', 'replicasets']);
const DEPLOY_WORDS = new Set(['deploy', 'deployment', 'deployments']);

function workloadView(
  trace: Trace,
  at: Moment,
  p: KubectlWords,
  verb: string,
  resource: string,
  ns: string,
  names: string[],
): KubectlResult | null {
  const plural = RS_WORDS.has(resource) ? 'replicasets' : DEPLOY_WORDS.has(resource) ? 'deployments' : null;
  if (!plural || (verb === 'describe' && plural !== 'deployments')) return null;
  if (outputOf(p) !== 'table') throw new UsageError(`kubectl ${verb} ${resource} -o is not simulated here.`);
  const all = objectsAt(trace, at.seq, `/registry/${plural}/${ns}/`).sort(storageOrder);
  const chosen = names.length === 0 ? all : all.filter((o) => names.includes(o.metadata.name ?? ''));
  const missing = names.find((n) => !all.some((o) => o.metadata.name === n));
  if (missing !== undefined)
    return {
      lines: [err(`Error from server (NotFound): ${plural}.apps "${missing}" not found`)],
      code: EXIT_FAILURE,
    };
  if (chosen.length === 0) return noResources(ns);
  if (verb === 'get') {
    const text =
      plural === 'replicasets' ? getReplicaSetTable(chosen, at.t) : getDeploymentTable(chosen, at.t);
    return { lines: outLines(text), code: EXIT_OK };
  }
  const rss = objectsAt(trace, at.seq, `/registry/replicasets/${ns}/`);
  const events = objectsAt(trace, at.seq, `/registry/events/${ns}/`) as unknown as AnyEvent[];
  const text = chosen.map((d) => describeDeployment(d, rss, events, at.t)).join('\n\n');
  return { lines: outLines(text), code: EXIT_OK };
}

// ---- apply / create / delete ----

/** Reads `-f FILE` the way kubectl would complain about it, and takes the objects to apply from it. */
function manifestsFrom(io: Io, p: KubectlWords): KubeObject[] | KubectlResult {
  const file = flagOf(p, '-f', '--filename');
  if (file === undefined || file === '')
    return { lines: [err('error: must specify one of -f and -k')], code: EXIT_FAILURE };
  let text: string;
  try {
    text = io.readFile(file);
  } catch {
    return { lines: [err(`error: the path "${file}" does not exist`)], code: EXIT_FAILURE };
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new UsageError(describeParseError(file, parsed.error));
  const manifests = parsed.scenario.manifests;
  if (manifests.length === 0)
    return { lines: [err('error: no objects passed to apply')], code: EXIT_FAILURE };
  return manifests;
}

/**
 * The scenario with one more kubectl action, whose `apply`/`create` reads `manifests`. simulate() hands every
 * action `scenario.manifests`, so each action is wrapped to point that property at its own manifests at the
 * moment simulate() reads the action's args (it reads args, then manifests, when it sends the command).
 */
function withAction(
  scenario: Scenario,
  action: Action,
  file: { name: string; manifests: KubeObject[] },
  horizonMs: number,
): Scenario {
  const own = { name: scenario.manifestFile ?? MANIFEST_FILE, manifests: scenario.manifests };
  let current = own;
  const wrap = (a: Action, f: typeof own): Action =>
    a.kind !== 'kubectl'
      ? a
      : {
          kind: a.kind,
          trigger: a.trigger,
          get args() {
            current = f;
            return a.args;
          },
        };
  const next: Scenario = {
    ...scenario,
    actions: [...scenario.actions.map((a) => wrap(a, own)), wrap(action, file)],
    options: { ...scenario.options, horizonMs },
  };
  Object.defineProperty(next, 'manifests', { get: () => current.manifests, enumerable: true });
  Object.defineProperty(next, 'manifestFile', { get: () => current.name, enumerable: true });
  return next;
}

function mutate(
  io: Io,
  scenario: Scenario,
  trace: Trace,
  at: Moment,
  verb: string,
  args: string[],
): KubectlResult {
  const p = parseKubectl(args);
  let manifests: KubeObject[] = [];
  // The file -f names: kubectl's error lines quote it (`error when creating "x.yaml": …`).
  const file = flagOf(p, '-f', '--filename') ?? MANIFEST_FILE;
  if (verb === 'delete') {
    const { resource, names } = resourceAndNames(p.words.slice(1));
    if (resource === '') throw new UsageError('kubectl delete is simulated for pods only: delete pod NAME.');
    if (!POD_WORDS.has(resource))
      throw new UsageError(`kubectl delete ${resource} is not simulated; only pods are.`);
    if (names.length === 0)
      return {
        lines: [err('error: resource(s) were provided, but no name was specified')],
        code: EXIT_FAILURE,
      };
    if (names.length > 1) throw new UsageError('delete pod takes one name here.');
    // The kubectl machine reads `pod NAME`; `pod/NAME` means the same to kubectl.
    args = args.flatMap((a) => (a === `${resource}/${names[0]}` ? ['pod', names[0] ?? ''] : [a]));
  } else if (verb !== 'scale') {
    const read = manifestsFrom(io, p);
    if (!Array.isArray(read)) return read;
    manifests = read;
  }
  // The terminal tells commands apart by their text only; when the scenario runs the same command, a trailing
  // empty argument (which kubectl's parser skips) keeps this one's lines apart.
  while (scenario.actions.some((a) => a.kind === 'kubectl' && a.args.join(' ') === args.join(' ')))
    args = [...args, ''];
  const atMs = Math.max(0, at.t - trace.clusterReadyAt);
  const action: Action = { kind: 'kubectl', trigger: { atMs }, args };
  // Leave the command a whole horizon of its own, even when the first run stopped at its horizon.
  const horizonMs = Math.max(scenario.options.horizonMs, at.t + DEFAULT_OPTIONS.horizonMs);
  const rerun = simulate(withAction(scenario, action, { name: file, manifests }, horizonMs));
  const command = `kubectl ${args.join(' ')}`;
  const lines = rerun.terminal
    .filter((l) => l.command === command && l.t >= at.t)
    .map((l) => ({ stream: l.stream, text: l.text }));
  // kubectl exits 1 on an error; a `Warning: …` on stderr (e.g. --force) is not one.
  const failed = lines.some((l) => l.stream === 'stderr' && !l.text.startsWith('Warning:'));
  return { lines, code: failed ? EXIT_FAILURE : EXIT_OK };
}

// ---- the command ----

/** Runs the scenario and the kubectl command; throws UsageError for what podwalk cannot do. */
export function runKubectl(
  io: Io,
  scenario: Scenario,
  at: number | 'end',
  args: readonly string[],
): KubectlResult {
  const p = parseKubectl(args);
  const verb = p.words[0] ?? '';
  const trace = simulate(scenario);
  const moment = momentOf(trace, at);
  if (verb === 'apply' || verb === 'create' || verb === 'delete' || verb === 'scale')
    return mutate(io, scenario, trace, moment, verb, [...args]);
  const ns = flagOf(p, '-n', '--namespace') || 'default';
  if (flagOf(p, '-A', '--all-namespaces') === 'true')
    throw new UsageError('--all-namespaces is not simulated.');
  const { resource, names } = resourceAndNames(p.words.slice(1));
  if (verb === 'get' && POD_WORDS.has(resource)) return getPods(trace, moment, p, ns, names);
  if (verb === 'get' && EVENT_WORDS.has(resource)) return getEvents(trace, moment, p, ns, names);
  if (verb === 'describe' && POD_WORDS.has(resource)) return describePods(trace, moment, ns, names);
  const workload = workloadView(trace, moment, p, verb, resource, ns, names);
  if (workload) return workload;
  if (verb === 'get' || verb === 'describe') {
    if (resource === '')
      return { lines: [err('error: Required resource not specified.')], code: EXIT_FAILURE };
    throw new UsageError(`kubectl ${verb} ${resource} is not simulated; pods (and get events) are.`);
  }
  throw new UsageError(
    `kubectl ${verb} is not simulated; use apply, create, delete pod, scale, get pod, get events or describe pod.`,
  );
}

export function kubectlCommand(io: Io, opts: KubectlOptions): number {
  let scenario = defaultScenario();
  if (opts.scenario !== null) {
    // Warnings are left out: the output is meant to read exactly like a terminal session.
    const loaded = loadScenario(io, opts.scenario, null);
    if (!loaded.ok) {
      io.stderr(`podwalk: ${loaded.error}\n`);
      return EXIT_USAGE;
    }
    scenario = loaded.scenario;
  }
  try {
    const result = runKubectl(io, scenario, opts.at, opts.args);
    for (const l of result.lines) (l.stream === 'stdout' ? io.stdout : io.stderr)(`${l.text}\n`);
    return result.code;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`podwalk: ${e.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`podwalk: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_FAILURE;
  }
}
