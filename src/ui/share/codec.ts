// Share links: the page's state in the URL hash as `#v1:<base64url(deflate-raw(JSON))>`. The version tag
// lets later releases keep opening old links. Decoding never trusts the input: sizes are checked before
// any work (64 KB of hash, 2 MB once inflated, counted while inflating so a deflate bomb stops early),
// and the JSON is shape-checked (shareState.ts). Nothing from a link is evaluated or put into markup.
import { readShareState, type ShareState } from './shareState';

export const SHARE_VERSION = 'v1';
export const MAX_HASH_CHARS = 64 * 1024;
export const MAX_INFLATED_BYTES = 2 * 1024 * 1024;

export type DecodeFailure = 'not-share' | 'version' | 'too-large' | 'corrupt' | 'invalid';
export type DecodeResult =
  { ok: true; state: ShareState } | { ok: false; reason: DecodeFailure; message: string };

const OPENS_DEFAULT = 'Podwalk opened the default scenario instead.';
const MESSAGES: Record<DecodeFailure, string> = {
  'not-share': `The part of this address after # is not a Podwalk share link. ${OPENS_DEFAULT}`,
  version: `This share link was made by a newer version of Podwalk and cannot be opened here. ${OPENS_DEFAULT}`,
  'too-large': `This share link is too large to open (over 64 KB, or over 2 MB unpacked). ${OPENS_DEFAULT}`,
  corrupt: `This share link is damaged (cut short or altered) and cannot be read. ${OPENS_DEFAULT}`,
  invalid: `This share link does not describe a Podwalk state. ${OPENS_DEFAULT}`,
};

const fail = (reason: DecodeFailure): DecodeResult => ({ ok: false, reason, message: MESSAGES[reason] });

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes, or null if `text` is not unpadded base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates at most `limit` bytes; 'too-large' past that, 'corrupt' if the data is not valid deflate. */
async function inflate(bytes: Uint8Array<ArrayBuffer>, limit: number): Promise<Uint8Array | DecodeFailure> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        void reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch {
    return 'corrupt';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The hash (without `#`) for a state: `v1:…`. */
export async function encodeShare(state: ShareState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return `${SHARE_VERSION}:${toBase64Url(await deflate(json))}`;
}

/** Reads a hash (with or without its `#`). Every failure comes with a message for the user. */
export async function decodeShare(hash: string): Promise<DecodeResult> {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.length > MAX_HASH_CHARS) return fail('too-large');
  const tag = /^(v\d{1,4}):/.exec(raw);
  if (!tag) return fail('not-share');
  if (tag[1] !== SHARE_VERSION) return fail('version');
  const bytes = fromBase64Url(raw.slice(tag[0].length));
  if (!bytes || bytes.length === 0) return fail('corrupt');
  const inflated = await inflate(bytes, MAX_INFLATED_BYTES);
  if (typeof inflated === 'string') return fail(inflated);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return fail('corrupt');
  }
  const state = readShareState(json);
  return state ? { ok: true, state } : fail('invalid');
}
