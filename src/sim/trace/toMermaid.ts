// The trace as a Mermaid `sequenceDiagram`, for pasting into Markdown (GitHub, docs, issues). Pure text
// out; nothing here knows about SVG. We number the messages ourselves (autonumber off) so the numbers are
// the trace's seq and match the text view, the UI and the JSON.
import {
  LANES,
  lanesOf,
  type Lane,
  type MessageKind,
  type Phase,
  type Trace,
  type TraceMessage,
} from './types';

/** Mermaid ids cannot contain `-` (it starts an arrow), so `kube-apiserver` becomes `kube_apiserver`. */
export function mermaidId(lane: Lane): string {
  return lane.replace(/[- ]/g, '_');
}

// Mermaid's lexer ends message text at `#`, `;` and newline, its renderer reads `<…>` as HTML and `%%`
// as a comment; its entity form `#<code>;` writes them safely. One pass, so the `#` and `;` of the
// entities we add are never escaped again.
const UNSAFE = /[#;<>%]/g;

/** Text safe to put after the first `:` of a message or note; newlines become `<br/>` line breaks. */
export function escapeMermaidText(text: string): string {
  return text
    .replace(UNSAFE, (c) => `#${c.charCodeAt(0)};`)
    .split(/\r?\n/)
    .map((part) => part.trim())
    .join('<br/>');
}

// Requests are solid, responses dashed, watch events async (open arrowhead), as the diagram draws them.
const ARROWS: Record<MessageKind, string> = {
  request: '->>',
  response: '-->>',
  watch: '-)',
  internal: '->>',
};

function messageLine(m: TraceMessage): string {
  const text = escapeMermaidText(`${m.seq} · ${m.label}`);
  return `  ${mermaidId(m.from)}${ARROWS[m.kind]}${mermaidId(m.to)}: ${text}`;
}

const FIRST = mermaidId(LANES[0]);
const LAST = mermaidId(LANES[LANES.length - 1] ?? LANES[0]);

/** A note across every lane the first time a phase appears; phases interleave, so only their start is marked. */
function phaseNote(phase: Phase): string {
  return `  Note over ${FIRST},${LAST}: ${escapeMermaidText(phase)}`;
}

export function traceToMermaid(trace: Trace): string {
  const lines = ['sequenceDiagram', '  autonumber off'];
  for (const lane of lanesOf(trace)) lines.push(`  participant ${mermaidId(lane)} as ${lane}`);
  const seen = new Set<Phase>();
  const terminalBySeq = new Map<number, string[]>();
  for (const l of trace.terminal) {
    terminalBySeq.set(l.seq, [...(terminalBySeq.get(l.seq) ?? []), `${l.stream}: ${l.text}`]);
  }
  for (const m of trace.messages) {
    if (!seen.has(m.phase)) {
      seen.add(m.phase);
      lines.push(phaseNote(m.phase));
    }
    lines.push(messageLine(m));
    // What kubectl printed, right after the message that made it print.
    for (const text of terminalBySeq.get(m.seq) ?? []) {
      lines.push(`  Note left of ${mermaidId('kubectl')}: ${escapeMermaidText(text)}`);
    }
  }
  return lines.join('\n') + '\n';
}
