// Effective pod requests as the scheduler computes them (sidecars, init containers, overhead, pod-level
// resources), and the non-zero variant used only for scoring.
// upstream: staging/src/k8s.io/component-helpers/resource/helpers.go PodRequests, AggregateContainerRequests
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { resourceUnits } from '../k8s/quantity';
import type { ResourceMap } from './types';

/** upstream: pkg/scheduler/util/pod_resources.go DefaultMilliCPURequest / DefaultMemoryRequest */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

type QuantityMap = Record<string, string | number>;
/** kubernetes-types 1.30 lacks pod-level resources (PodLevelResources, beta and on by default since 1.34). */
interface PodSpecExtras {
  resources?: { requests?: QuantityMap };
}

// Quantities repeat across pods and nodes ("100m", "32Gi"); parsing one is BigInt work, so each distinct
// (resource, quantity) pair is parsed once. A memo of a pure function: results are the same either way.
const MAX_MEMO = 4096;
const unitsMemo = new Map<string, number>();

function unitsOf(name: string, q: string | number): number {
  const key = `${name}\u0000${typeof q}\u0000${q}`;
  let v = unitsMemo.get(key);
  if (v === undefined) {
    v = resourceUnits(name, q);
    if (unitsMemo.size >= MAX_MEMO) unitsMemo.clear();
    unitsMemo.set(key, v);
  }
  return v;
}

function toUnits(list: QuantityMap | undefined): ResourceMap {
  const out: ResourceMap = {};
  if (list === undefined || list === null) return out;
  for (const name in list)
    if (Object.hasOwn(list, name)) out[name] = unitsOf(name, list[name] as string | number);
  return out;
}

function add(into: ResourceMap, from: ResourceMap): void {
  for (const [name, v] of Object.entries(from)) into[name] = (into[name] ?? 0) + v;
}

function maxInto(into: ResourceMap, from: ResourceMap): void {
  for (const [name, v] of Object.entries(from)) into[name] = Math.max(into[name] ?? 0, v);
}

/** A container's requests; with defaults, a resource with no key at all counts as the default. */
// upstream: helpers.go applyNonMissing
function containerRequests(c: Container, defaults: ResourceMap): ResourceMap {
  const reqs = toUnits(c.resources?.requests);
  for (const [name, v] of Object.entries(defaults)) if (!(name in reqs)) reqs[name] = v;
  return reqs;
}

/** max(Σ app + Σ sidecars, max over inits of their peak) — sidecars declared before an init run beside it. */
// upstream: helpers.go AggregateContainerRequests
function aggregateContainers(pod: Pod, defaults: ResourceMap): ResourceMap {
  const reqs: ResourceMap = {};
  for (const c of pod.spec?.containers ?? []) add(reqs, containerRequests(c, defaults));
  const sidecars: ResourceMap = {};
  const initPeak: ResourceMap = {};
  for (const c of pod.spec?.initContainers ?? []) {
    const own = containerRequests(c, defaults);
    if (c.restartPolicy === 'Always') {
      add(reqs, own);
      add(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const use = { ...own };
      add(use, sidecars);
      maxInto(initPeak, use);
    }
  }
  maxInto(reqs, initPeak);
  return reqs;
}

function podLevelRequests(pod: Pod): ResourceMap {
  const spec: unknown = pod.spec;
  const extras =
    typeof spec === 'object' && spec !== null && 'resources' in spec ? (spec as PodSpecExtras) : {};
  const all = toUnits(extras.resources?.requests);
  // upstream: helpers.go IsSupportedPodLevelResource — only cpu and memory
  const out: ResourceMap = {};
  for (const name of ['cpu', 'memory']) if (all[name] !== undefined) out[name] = all[name];
  return out;
}

const cache = new WeakMap<Pod, { actual: ResourceMap; nonZero: ResourceMap }>();

function compute(pod: Pod): { actual: ResourceMap; nonZero: ResourceMap } {
  const podLevel = podLevelRequests(pod);
  const overhead = toUnits(pod.spec?.overhead);
  const build = (defaults: ResourceMap): ResourceMap => {
    const reqs = { ...aggregateContainers(pod, defaults), ...podLevel };
    add(reqs, overhead);
    return reqs;
  };
  // upstream: pkg/scheduler/framework/types.go getNonMissingContainerRequests — with pod-level requests,
  // only a resource missing at the pod level gets the container default.
  const defaults: ResourceMap = {};
  if (podLevel.cpu === undefined) defaults.cpu = DEFAULT_MILLI_CPU_REQUEST;
  if (podLevel.memory === undefined) defaults.memory = DEFAULT_MEMORY_REQUEST;
  return { actual: build({}), nonZero: build(defaults) };
}

/**
 * Effective requests of a pod: cpu in millicores, memory/storage in bytes, extended resources in units.
 * With `nonZero`, a container with no cpu/memory key counts as 100m/200Mi (scoring only).
 */
export function podRequests(pod: Pod, opts?: { nonZero?: boolean }): ResourceMap {
  let entry = cache.get(pod);
  if (entry === undefined) {
    entry = compute(pod);
    cache.set(pod, entry);
  }
  return { ...(opts?.nonZero === true ? entry.nonZero : entry.actual) };
}

/** `copy` has `pod`'s requests (e.g. the same pod with spec.nodeName set): reuse them instead of re-parsing. */
export function shareRequests(pod: Pod, copy: Pod): void {
  const entry = cache.get(pod);
  if (entry !== undefined) cache.set(copy, entry);
}

/** Node allocatable in the scheduler's units. upstream: pkg/scheduler/framework/types.go NodeInfo.SetNode */
export function nodeAllocatable(alloc: QuantityMap | undefined): ResourceMap {
  return toUnits(alloc);
}

/** Extended, hugepages and prefixed resources are "scalar"; bare unknown names are ignored. */
// upstream: pkg/scheduler/util/utils.go IsScalarResourceName
export function isScalarResource(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('requests.');
}
