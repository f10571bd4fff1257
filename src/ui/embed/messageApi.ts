// The embed's postMessage protocol, as pure functions: which messages are commands, whose commands are
// obeyed, and what the events look like. See useEmbedApi.ts for the wiring and README for the contract.
import { MAX_TEXT_CHARS } from '../share/shareState';

export type EmbedCommand =
  | { type: 'podwalk:play' }
  | { type: 'podwalk:pause' }
  | { type: 'podwalk:step' }
  | { type: 'podwalk:back' }
  | { type: 'podwalk:seek'; step: number }
  | { type: 'podwalk:load'; text: string };

export type EmbedEvent =
  | { type: 'podwalk:step'; step: number; total: number; activity: number | null }
  | { type: 'podwalk:status'; status: string };

const MAX_STEP = 10_000_000;
const SIMPLE = new Set(['podwalk:play', 'podwalk:pause', 'podwalk:step', 'podwalk:back']);

/** The command in `data`, or null for anything else (other apps' messages, wrong shapes, huge texts). */
export function parseCommand(data: unknown): EmbedCommand | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const { type, step, text } = data as Record<string, unknown>;
  if (typeof type !== 'string') return null;
  if (SIMPLE.has(type)) return { type } as EmbedCommand;
  if (type === 'podwalk:seek') {
    const ok = typeof step === 'number' && Number.isSafeInteger(step) && step >= 0 && step <= MAX_STEP;
    return ok ? { type, step } : null;
  }
  if (type === 'podwalk:load') {
    return typeof text === 'string' && text.length > 0 && text.length <= MAX_TEXT_CHARS
      ? { type, text }
      : null;
  }
  return null;
}

/**
 * Commands are obeyed only from the embedding page itself (the message's source is our parent window),
 * and, when the address lists origins (`?origin=`), only if the parent's origin is one of them.
 */
export function acceptsMessage(
  source: unknown,
  origin: string,
  parent: unknown,
  self: unknown,
  allowed: readonly string[] | null,
): boolean {
  if (parent === self || source !== parent) return false;
  return allowed === null || allowed.includes(origin);
}

/** Where events go: every allowed origin, or any ('*') when the embed was not given a list. */
export function eventTargets(allowed: readonly string[] | null): string[] {
  return allowed === null ? ['*'] : [...allowed];
}
