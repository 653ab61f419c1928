import type { CaptureMeta, ForwardResult } from '../types';

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

const q = JSON.stringify;
const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/**
 * A capture's index line: the same JSON as `encodeLine({ ...meta, bodyOffset })`, written field by field
 * because the listener writes one per request and stringifying the object whole costs about a third more.
 */
export function encodeCaptureRecord(meta: CaptureMeta, bodyOffset: number): string {
  let s = `{"id":${q(meta.id)},"method":${q(meta.method)},"url":${q(meta.url)},"rawHeaders":${q(meta.rawHeaders)},"httpVersion":${q(meta.httpVersion)},"remoteAddress":${q(meta.remoteAddress)}`;
  if (meta.remotePort !== undefined) s += `,"remotePort":${num(meta.remotePort)}`;
  s += `,"receivedAt":${num(meta.receivedAt)},"durationMs":${num(meta.durationMs)},"bodySize":${num(meta.bodySize)}`;
  if (meta.rejected !== undefined) s += `,"rejected":${q(meta.rejected)}`;
  if (meta.endpoint !== undefined) s += `,"endpoint":${q(meta.endpoint)}`;
  s += `,"reply":${q(meta.reply)}`;
  if (meta.signature !== undefined) s += `,"signature":${q(meta.signature)}`;
  if (meta.forward !== undefined) s += `,"forward":${q(meta.forward)}`;
  return `${s},"bodyOffset":${bodyOffset}}\n`;
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
