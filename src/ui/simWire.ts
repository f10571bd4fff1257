// A reply as the Worker posts it: the trace as JSON text. A 10,000-message trace is about 7 MB of
// objects; structured clone took 2–3 times longer to rebuild them on the page's thread than JSON.parse
// of the text does (the trace is plain JSON by contract, see sim/trace/types.ts). Kept apart from
// runRequest.ts, which brings the whole simulation with it.
import type { RunReply } from './runRequest';
import type { Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace/types';

export type WireReply =
  | Exclude<RunReply, { ok: true }>
  | { id: number; ok: true; traceJson: string; scenario: Scenario; warnings: string[] };

export function toWire(reply: RunReply): WireReply {
  if (!reply.ok) return reply;
  const { trace, ...rest } = reply;
  return { ...rest, traceJson: JSON.stringify(trace) };
}

export function fromWire(wire: WireReply): RunReply {
  if (!wire.ok) return wire;
  const { traceJson, ...rest } = wire;
  return { ...rest, trace: JSON.parse(traceJson) as Trace };
}
