// The trace as plain text: one aligned line per message, then what the terminal printed and why the run
// ended. The CLI prints it and the golden tests compare it, so the layout must depend only on the trace:
// column widths come from the trace itself, never from the terminal.
import type { TerminalLine, Trace, TraceMessage } from './types';

/** Virtual time with a fixed three decimals, so sub-millisecond steps line up and diffs stay stable. */
export function formatMs(t: number): string {
  return `${t.toFixed(3)}ms`;
}

/**
 * `S` marks Setup (informers listing before any activity starts), `R` the controllers' Reconcile between
 * a workload's apply and its pods; otherwise the activity number.
 */
const activityCell = (m: TraceMessage): string =>
  m.activity !== null ? String(m.activity) : m.phase === 'Reconcile' ? 'R' : 'S';

/** A label is one line of text; a stray newline or tab would break the columns, so show it escaped. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '\\n').replace(/\t/g, ' ');
}

interface Widths {
  seq: number;
  t: number;
  activity: number;
  route: number;
}

const route = (m: TraceMessage): string => `${m.from} → ${m.to}`;

function widthsOf(trace: Trace): Widths {
  // seq gets at least four places so a short trace reads like a long one; the rest fit the data.
  const w: Widths = { seq: 4, t: 0, activity: 1, route: 0 };
  for (const l of trace.terminal) w.t = Math.max(w.t, formatMs(l.t).length);
  for (const m of trace.messages) {
    w.seq = Math.max(w.seq, String(m.seq).length);
    w.t = Math.max(w.t, formatMs(m.t).length);
    w.activity = Math.max(w.activity, activityCell(m).length);
    w.route = Math.max(w.route, route(m).length);
  }
  return w;
}

function messageLine(m: TraceMessage, w: Widths): string {
  return [
    String(m.seq).padStart(w.seq),
    formatMs(m.t).padStart(w.t),
    activityCell(m).padStart(w.activity),
    route(m).padEnd(w.route),
    oneLine(m.label),
  ].join('  ');
}

function terminalLine(l: TerminalLine, w: Widths): string {
  const where = `${String(l.seq).padStart(w.seq)}  ${formatMs(l.t).padStart(w.t)}`;
  return `${where}  ${l.stream.padEnd(6)}  $ ${oneLine(l.command)}  →  ${oneLine(l.text)}`;
}

function endLine(trace: Trace): string {
  const why =
    trace.end.reason === 'idle'
      ? 'idle (nothing left to do)'
      : `horizon (stopped at ${formatMs(trace.scenario.options.horizonMs)})`;
  return `end: ${why} at ${formatMs(trace.end.t)} after ${trace.messages.length} messages`;
}

/** The whole trace as text, ending with a newline. Pure: the same trace always gives the same text. */
export function traceToText(trace: Trace): string {
  const w = widthsOf(trace);
  const header = `# podwalk trace: ${oneLine(trace.scenario.name)} (seed ${trace.scenario.seed}, version ${trace.version})`;
  const lines = [header, ...trace.messages.map((m) => messageLine(m, w)), ''];
  lines.push(trace.terminal.length === 0 ? 'terminal: (nothing printed)' : 'terminal:');
  for (const l of trace.terminal) lines.push(terminalLine(l, w));
  lines.push('', endLine(trace));
  return lines.join('\n') + '\n';
}
