import { builtinReplySent } from '../builtinReply';
import type { CaptureMeta, ForwardResult, ReplyKept } from '../types';

/**
 * Lines of the store's index file (`captures.ndjson`), one JSON object each:
 * - the first line is a header naming the bodies file it goes with and the next id;
 * - a capture's metadata with where its body sits in the bodies file (`bodyOffset`, `bodySize`);
 * - later facts about a capture: a forward result, or its deletion;
 * - the count and byte bounds of the writer that opened the store, so a reader drops what it dropped.
 */
export type HeaderLine = { op: 'header'; version: 1; bodies: string; seq: number };
export type CaptureLine = CaptureMeta & { bodyOffset: number };
export type ForwardLine = { op: 'forward'; id: string; forward: ForwardResult };
export type DeleteLine = { op: 'delete'; id: string };
/** the bounds the writer keeps from here on: a reader drops the oldest captures beyond them, as the writer did */
export type LimitsLine = { op: 'limits'; maxCount: number; maxBytes: number };
export type StoreLine = HeaderLine | CaptureLine | ForwardLine | DeleteLine | LimitsLine;

export const INDEX_FILE = 'captures.ndjson';

export function bodiesFileName(generation: number): string {
  return `bodies-${generation}.bin`;
}

export function generationOf(bodiesFile: string): number {
  const m = /^bodies-(\d+)\.bin$/.exec(bodiesFile);
  return m ? Number(m[1]) : 0;
}

export function isCaptureLine(line: StoreLine): line is CaptureLine {
  return !('op' in line) && typeof (line as CaptureLine).id === 'string' && typeof (line as CaptureLine).bodyOffset === 'number';
}

export function encodeLine(line: StoreLine): string {
  return JSON.stringify(line) + '\n';
}

/**
 * Every key of CaptureMeta: a key added there fails to compile here until `RecordWriter.capture` writes
 * it (and the store's round-trip test covers it).
 */
export const CAPTURE_META_KEYS = {
  id: 0, method: 0, url: 0, rawHeaders: 0, httpVersion: 0, remoteAddress: 0, remotePort: 0, receivedAt: 0,
  durationMs: 0, bodySize: 0, rejected: 0, endpoint: 0, reply: 0, signature: 0, forward: 0,
} as const satisfies Record<keyof CaptureMeta, 0>;

/** Every key of ReplyKept, likewise. */
export const REPLY_KEPT_KEYS = { status: 0, headers: 0, body: 0, bodyEncoding: 0, bodySize: 0, source: 0, builtin: 0 } as const satisfies Record<keyof ReplyKept, 0>;

/** A capture's metadata from its index line and, when one was written later, its forward line. */
export function decodeCaptureMeta(record: string, forwardLine: string | undefined): CaptureMeta {
  const meta = JSON.parse(record) as CaptureMeta & { bodyOffset?: number };
  delete meta.bodyOffset;
  // the listener's built-in reply is recorded as its status and source (RecordWriter.reply)
  const reply = meta.reply as Partial<ReplyKept> | undefined;
  if (reply?.builtin && reply.headers === undefined) meta.reply = builtinReplySent(meta.id, reply.status ?? 200, reply.source ?? 'default');
  if (forwardLine) meta.forward = (JSON.parse(forwardLine) as { forward: ForwardResult }).forward;
  return meta;
}

/** Parses one index line; undefined for a torn or foreign line, which the loader skips. */
export function decodeLine(text: string): StoreLine | undefined {
  try {
    const v = JSON.parse(text) as StoreLine;
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `onLine(text, offset, length)` for every complete line of `data` (bytes); returns the bytes consumed. */
export function scanLines(data: Buffer, baseOffset: number, onLine: (text: string, offset: number, length: number) => void): number {
  let start = 0;
  for (;;) {
    const nl = data.indexOf(10, start);
    if (nl < 0) return start;
    if (nl > start) onLine(data.toString('utf8', start, nl), baseOffset + start, nl + 1 - start);
    start = nl + 1;
  }
}
