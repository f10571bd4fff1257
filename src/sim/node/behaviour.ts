// What a container's process does, decided from the manifest as a node would run it: the image's
// default program, or the command and args. Only the behaviours in BEHAVIOURS are understood; anything
// else runs until it is stopped. The kernel uses the result to schedule an exit or an OOM kill.
import type { Container } from '../k8s/pod';
import { lookupImage } from '../k8s/images';
import { parseQuantity, value } from '../k8s/quantity';

export interface ProcessBehaviour {
  /** What the program does by itself: null = runs until signalled. */
  exit: { afterMs: number; code: number; oom: boolean } | null;
  /** Exit code when the stop signal arrives, or null when PID 1 ignores it (SIGKILL at the deadline). */
  onStopSignal: number | null;
  /** Human summary, for the trace and the UI. */
  summary: string;
}

/** The behaviours Podwalk understands, for the UI to list. */
export const BEHAVIOURS: readonly { example: string; effect: string }[] = [
  { example: 'busybox, command: [sh, -c, "exit 1"]', effect: 'exits with that code at once' },
  { example: 'busybox, command: [sh, -c, "sleep 5; exit 3"]', effect: 'sleeps, then exits 3' },
  { example: 'busybox, command: [sleep, "3600"]', effect: 'runs an hour, exits 0; PID 1 ignores SIGTERM' },
  { example: 'busybox, command: ["true"] / ["false"] / [echo, …]', effect: 'exits 0 / 1 / 0 at once' },
  {
    example: 'polinux/stress, args: [--vm, "1", --vm-bytes, 250M]',
    effect: 'OOM-killed (137) above its memory limit',
  },
  {
    example: 'busybox, command: [tail, /dev/zero]',
    effect: 'grows without end: OOM-killed under any memory limit',
  },
  {
    example: 'nginx, redis, postgres (no command)',
    effect: 'serve until stopped; exit 0 on the image STOPSIGNAL',
  },
];

/** A shell or program starts and exits within a few milliseconds. */
const QUICK_EXIT_MS = 10;
/** Allocation runs at roughly 1 GB/s before the cgroup OOM killer fires. */
const ALLOC_BYTES_PER_MS = 1_000_000;

const runs = (summary: string, onStopSignal: number | null): ProcessBehaviour => ({
  exit: null,
  onStopSignal,
  summary,
});
const exits = (afterMs: number, code: number, summary: string): ProcessBehaviour => ({
  exit: { afterMs, code, oom: false },
  onStopSignal: null,
  summary,
});

function memoryLimit(c: Container): number | null {
  const raw = c.resources?.limits?.memory;
  if (raw === undefined) return null;
  const q = parseQuantity(raw);
  return q.ok ? value(q.value) : null;
}

function bytesOf(s: string): number | null {
  const m = /^(\d+)([KMG]?)$/i.exec(s);
  if (!m) return null;
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(m[2] ?? '').toUpperCase()] ?? 1;
  return Number(m[1]) * unit;
}

/** A shell script: its `sleep`s add up, its last `exit N` is the code; without one it exits 0. */
function script(text: string): ProcessBehaviour {
  const sleeps = [...text.matchAll(/\bsleep\s+(\d+)/g)].reduce((s, m) => s + Number(m[1]) * 1000, 0);
  const codes = [...text.matchAll(/\bexit\s+(\d+)/g)];
  const code = codes.length ? Number(codes[codes.length - 1]![1]) % 256 : 0;
  if (/\b(while|until)\s+true\b/.test(text)) return runs(`sh -c: loops forever`, null);
  return exits(sleeps + QUICK_EXIT_MS, code, `sh -c: exits ${code} after ${sleeps / 1000}s`);
}

function allocation(argv: string[], limit: number | null): ProcessBehaviour {
  const i = argv.indexOf('--vm-bytes');
  const bytes = argv[0] === 'tail' ? Infinity : (bytesOf(argv[i + 1] ?? '') ?? 0);
  if (limit === null || bytes <= limit)
    return runs(`allocates ${argv[i + 1] ?? 'memory'} and holds it`, null);
  return {
    exit: { afterMs: Math.round(limit / ALLOC_BYTES_PER_MS) + QUICK_EXIT_MS, code: 137, oom: true },
    onStopSignal: null,
    summary: `allocates past memory.max ${limit}: OOM-killed`,
  };
}

/** The behaviour of `container` (image + command + args). */
export function behaviourOf(c: Container): ProcessBehaviour {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const prog = (argv[0] ?? '').replace(/^.*\//, '');
  if (argv.length === 0) {
    const info = lookupImage(c.image ?? '');
    if (info?.program === 'shell') return exits(QUICK_EXIT_MS, 0, 'sh with no terminal: exits 0');
    return runs(`${info?.program ?? 'entrypoint'} serves until stopped`, 0);
  }
  if ((prog === 'sh' || prog === 'bash') && argv[1] === '-c') return script(argv.slice(2).join(' '));
  if (prog === 'true' || prog === 'echo') return exits(QUICK_EXIT_MS, 0, `${prog}: exits 0`);
  if (prog === 'false') return exits(QUICK_EXIT_MS, 1, 'false: exits 1');
  if (prog === 'sleep') {
    const s = Number(argv[1]);
    return Number.isFinite(s)
      ? { ...exits(s * 1000, 0, `sleep ${s}`), onStopSignal: null }
      : runs('sleep', null);
  }
  if (prog === 'stress' || argv.includes('--vm-bytes') || (prog === 'tail' && argv[1] === '/dev/zero'))
    return allocation(prog === 'tail' ? ['tail'] : argv, memoryLimit(c));
  return runs(`${prog} runs until stopped`, null);
}

/**
 * A command run inside a container (a preStop exec hook): how long it runs and its exit code, from the
 * same reading of the program. A program Podwalk does not know (e.g. `nginx -s quit`) is taken to succeed
 * at once; one that never ends by itself (a `while true` loop) gives afterMs null.
 */
export function execOutcome(cmd: readonly string[]): {
  afterMs: number | null;
  exitCode: number;
  summary: string;
} {
  const b = behaviourOf({ name: 'exec', command: [...cmd] });
  const prog = (cmd[0] ?? '').replace(/^.*\//, '');
  const known = ['sh', 'bash', 'sleep', 'true', 'false', 'echo'].includes(prog);
  if (!known) return { afterMs: QUICK_EXIT_MS, exitCode: 0, summary: `${prog}: assumed to exit 0` };
  if (!b.exit) return { afterMs: null, exitCode: 0, summary: b.summary };
  return { afterMs: b.exit.afterMs, exitCode: b.exit.code, summary: b.summary };
}
