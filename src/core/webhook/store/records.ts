import type { CaptureMeta, ForwardResult, ReplySent } from '../types';

/**
 * Lines of the store's index file (`captures.ndjson`), one JSON object each:
 * - the first line is a header naming the bodies file it goes with and the next id;
 * - a capture's metadata with where its body sits in the bodies file (`bodyOffset`, `bodySize`);
 * - later facts about a capture: a forward result, or its deletion.
 */
export type HeaderLine = { op: 'header'; version: 1; bodies: string; seq: number };
export type CaptureLine = CaptureMeta & { bodyOffset: number };
export type ForwardLine = { op: 'forward'; id: string; forward: ForwardResult };
export type DeleteLine = { op: 'delete'; id: string };
export type StoreLine = HeaderLine | CaptureLine | ForwardLine | DeleteLine;

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
 * Every key of CaptureMeta: a key added there fails to compile here until `encodeCaptureRecord` writes
 * it (and the store's round-trip test covers it).
 */
export const CAPTURE_META_KEYS = {
  id: 0, method: 0, url: 0, rawHeaders: 0, httpVersion: 0, remoteAddress: 0, remotePort: 0, receivedAt: 0,
  durationMs: 0, bodySize: 0, rejected: 0, endpoint: 0, reply: 0, signature: 0, forward: 0,
} as const satisfies Record<keyof CaptureMeta, 0>;

/** Every key of ReplySent, likewise. */
export const REPLY_SENT_KEYS = { status: 0, headers: 0, body: 0, bodyEncoding: 0, bodySize: 0, source: 0 } as const satisfies Record<keyof ReplySent, 0>;

const q = JSON.stringify;
/** printable ASCII without `"` or `\`: goes between quotes as it is (JSON.stringify costs more, even on such strings) */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const str = (s: string): string => (PLAIN.test(s) ? `"${s}"` : q(s));
const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

function strings(a: readonly string[]): string {
  let s = '[';
  for (let i = 0; i < a.length; i++) s += (i ? ',' : '') + str(a[i]);
  return s + ']';
}

function replyJson(r: ReplySent): string {
  let h = '[';
  for (let i = 0; i < r.headers.length; i++) h += `${i ? ',' : ''}[${str(r.headers[i][0])},${str(r.headers[i][1])}]`;
  return `{"status":${num(r.status)},"headers":${h}],"body":${q(r.body)}${r.bodyEncoding !== undefined ? `,"bodyEncoding":${str(r.bodyEncoding)}` : ''},"bodySize":${num(r.bodySize)},"source":${str(r.source)}}`;
}

/**
 * A capture's index line: parses to the same object as `encodeLine({ ...meta, bodyOffset })`, written
 * field by field because the listener writes one per request and stringifying the object whole costs
 * half as much again. `bodyOffset` comes last (compaction relies on it).
 */
export function encodeCaptureRecord(meta: CaptureMeta, bodyOffset: number): string {
  let s = `{"id":${str(meta.id)},"method":${str(meta.method)},"url":${str(meta.url)},"rawHeaders":${strings(meta.rawHeaders)},"httpVersion":${str(meta.httpVersion)},"remoteAddress":${str(meta.remoteAddress)}`;
  if (meta.remotePort !== undefined) s += `,"remotePort":${num(meta.remotePort)}`;
  s += `,"receivedAt":${num(meta.receivedAt)},"durationMs":${num(meta.durationMs)},"bodySize":${num(meta.bodySize)}`;
  if (meta.rejected !== undefined) s += `,"rejected":${q(meta.rejected)}`;
  if (meta.endpoint !== undefined) s += `,"endpoint":${q(meta.endpoint)}`;
  s += `,"reply":${replyJson(meta.reply)}`;
  if (meta.signature !== undefined) s += `,"signature":${q(meta.signature)}`;
  if (meta.forward !== undefined) s += `,"forward":${q(meta.forward)}`;
  return `${s},"bodyOffset":${bodyOffset}}\n`;
}

/** A capture's metadata from its index line and, when one was written later, its forward line. */
export function decodeCaptureMeta(record: string, forwardLine: string | undefined): CaptureMeta {
  const meta = JSON.parse(record) as CaptureMeta & { bodyOffset?: number };
  delete meta.bodyOffset;
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
