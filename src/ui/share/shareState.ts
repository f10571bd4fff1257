// What a share link carries (version 1), and the check every decoded payload must pass before the page
// uses any of it. The payload is untrusted input: only plain data of the expected shapes gets through.
import type { Action } from '../../sim/scenario';
import { SPEEDS } from '../store';

export interface ShareState {
  /** The editor text (manifests, cluster, Scenario document). */
  text: string;
  /** Delivered messages at the playhead (1-based step, 0 = before the first message). */
  step: number;
  speed: number;
  /** The seed the run used; kept so the link still reproduces if the default seed ever changes. */
  seed?: number;
  /** The run's actions, interventions (Delete pod) included. */
  actions?: Action[];
}

export const MAX_TEXT_CHARS = 2 * 1024 * 1024;
const MAX_STEP = 10_000_000;
const MAX_ACTIONS = 64;
const MAX_ARGS = 32;
const MAX_ARG_CHARS = 512;

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSafeCount = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;

function readTrigger(v: unknown): Action['trigger'] | null {
  if (!isPlain(v)) return null;
  if (typeof v.atMs === 'number' && Number.isFinite(v.atMs) && v.atMs >= 0) return { atMs: v.atMs };
  const pod = v.whenPodRunning;
  if (typeof pod === 'string' && pod.length > 0 && pod.length <= 512) return { whenPodRunning: pod };
  return null;
}

const CONTAINER_OPS: readonly string[] = ['kill', 'pause', 'resume'];
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 512;

/** An intervention at a container (runc kill|pause|resume by a person at the node). */
function readContainerAction(v: Plain, trigger: Action['trigger']): Action | null {
  if (typeof v.op !== 'string' || !CONTAINER_OPS.includes(v.op)) return null;
  if (!isName(v.pod) || !isName(v.container)) return null;
  if (v.signal !== undefined && v.signal !== 'KILL' && v.signal !== 'TERM') return null;
  const op = v.op as 'kill' | 'pause' | 'resume';
  const signal = v.signal;
  return {
    kind: 'container',
    trigger,
    op,
    pod: v.pod,
    container: v.container,
    ...(signal ? { signal } : {}),
  };
}

/** An added node: a plain Node object; the simulation reads it as any cluster Node. */
function readAddNode(v: Plain, trigger: Action['trigger']): Action | null {
  const node = v.node;
  if (!isPlain(node) || node.kind !== 'Node' || !isPlain(node.metadata) || !isName(node.metadata.name))
    return null;
  if (JSON.stringify(node).length > 64 * 1024) return null;
  return { kind: 'addNode', trigger, node: node as unknown as Extract<Action, { kind: 'addNode' }>['node'] };
}

function readAction(v: unknown): Action | null {
  if (isPlain(v) && v.kind === 'checkpoint') {
    const trigger = readTrigger(v.trigger);
    if (!trigger || !isName(v.pod) || !isName(v.container)) return null;
    return { kind: 'checkpoint', trigger, pod: v.pod, container: v.container };
  }
  if (isPlain(v) && (v.kind === 'container' || v.kind === 'addNode')) {
    const trigger = readTrigger(v.trigger);
    if (!trigger) return null;
    return v.kind === 'container' ? readContainerAction(v, trigger) : readAddNode(v, trigger);
  }
  if (!isPlain(v) || v.kind !== 'kubectl' || !Array.isArray(v.args)) return null;
  const args: unknown[] = v.args;
  if (args.length === 0 || args.length > MAX_ARGS) return null;
  if (!args.every((a) => typeof a === 'string' && a.length <= MAX_ARG_CHARS)) return null;
  const trigger = readTrigger(v.trigger);
  return trigger ? { kind: 'kubectl', trigger, args: args as string[] } : null;
}

function readActions(v: unknown): Action[] | null {
  if (!Array.isArray(v) || v.length > MAX_ACTIONS) return null;
  const out: Action[] = [];
  for (const item of v as unknown[]) {
    const a = readAction(item);
    if (!a) return null;
    out.push(a);
  }
  return out;
}

/** The payload as a ShareState, or null when any field has the wrong shape. Unknown fields are ignored. */
export function readShareState(v: unknown): ShareState | null {
  if (!isPlain(v)) return null;
  const { text, step, speed } = v;
  if (typeof text !== 'string' || text.length > MAX_TEXT_CHARS) return null;
  if (!isSafeCount(step, MAX_STEP)) return null;
  if (typeof speed !== 'number' || !(SPEEDS as readonly number[]).includes(speed)) return null;
  const out: ShareState = { text, step, speed };
  if (v.seed !== undefined) {
    if (typeof v.seed !== 'number' || !Number.isSafeInteger(v.seed)) return null;
    out.seed = v.seed;
  }
  if (v.actions !== undefined) {
    const actions = readActions(v.actions);
    if (!actions) return null;
    out.actions = actions;
  }
  return out;
}
