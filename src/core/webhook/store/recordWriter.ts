import type { CaptureMeta, ReplyKept } from '../types';

/** what precedes the body offset at the end of a capture's record */
const BODY_OFFSET_KEY = ',"bodyOffset":';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const K_ID = ascii('{"id":');
const K_METHOD = ascii(',"method":');
const K_URL = ascii(',"url":');
const K_RAW_HEADERS = ascii(',"rawHeaders":[');
const K_HTTP_VERSION = ascii('],"httpVersion":');
const K_REMOTE_ADDRESS = ascii(',"remoteAddress":');
const K_REMOTE_PORT = ascii(',"remotePort":');
const K_RECEIVED_AT = ascii(',"receivedAt":');
const K_DURATION = ascii(',"durationMs":');
const K_BODY_SIZE = ascii(',"bodySize":');
const K_REPLY = ascii(',"reply":');
const K_STATUS = ascii('{"status":');
const K_SOURCE = ascii(',"source":');
const K_BUILTIN_END = ascii(',"builtin":true}');
const K_BODY_OFFSET = ascii(BODY_OFFSET_KEY);
const K_END = ascii('}\n');

/**
 * Writes index lines as UTF-8 straight into one growable buffer, for the store's batched writes.
 *
 * A capture's record is written byte by byte: a string of printable ASCII without `"` or `\` (nearly
 * every method, path, header and address) is copied between quotes as it is, in the same pass that
 * checks it; any other string goes through `JSON.stringify`. The line parses to the same object as
 * `JSON.stringify({ ...meta, bodyOffset })`, without building it as a JS string first (no concatenation,
 * no flattening, no regular expression, integers without number-to-string): a quarter faster than
 * that in a micro-benchmark, about as fast as `JSON.stringify` in the listener. `bodyOffset` comes last
 * (compaction relies on it, see `movedRecord`).
 */
export class RecordWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** bytes written since the last reset */
  get length(): number {
    return this.pos;
  }

  /** bytes the buffer holds before it has to grow */
  get capacity(): number {
    return this.buf.length;
  }

  /** what was written since the last reset (a view of the writer's buffer, valid until the next write) */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
  }

  /** Appends `text` (a whole line, newline included) as UTF-8; returns its byte length. */
  line(text: string): number {
    this.room(text.length * 3);
    const n = this.buf.write(text, this.pos);
    this.pos += n;
    return n;
  }

  /**
   * Appends the index line `src[start, end)` (a capture's record, which ends `,"bodyOffset":N}\n`) with
   * its body offset changed to `bodyOffset`, byte for byte otherwise; returns its byte length, or -1
   * (writing nothing) when the line does not end that way.
   */
  movedRecord(src: Uint8Array, start: number, end: number, bodyOffset: number): number {
    let digits = end - 2;
    if (src[end - 1] !== 0x0a || src[digits] !== 0x7d) return -1;
    while (digits > start && src[digits - 1] >= 0x30 && src[digits - 1] <= 0x39) digits--;
    const keyStart = digits - BODY_OFFSET_KEY.length;
    if (digits === end - 2 || keyStart <= start) return -1;
    for (let i = 0; i < BODY_OFFSET_KEY.length; i++) if (src[keyStart + i] !== BODY_OFFSET_KEY.charCodeAt(i)) return -1;
    const from = this.pos;
    this.room(digits - start + 24);
    this.buf.set(src.subarray(start, digits), this.pos);
    this.pos += digits - start;
    this.num(bodyOffset);
    this.raw('}\n');
    return this.pos - from;
  }

  /** Appends a capture's index line; returns its byte length. */
  capture(meta: CaptureMeta, bodyOffset: number): number {
    const start = this.pos;
    this.key(K_ID); this.str(meta.id);
    this.key(K_METHOD); this.str(meta.method);
    this.key(K_URL); this.str(meta.url);
    this.key(K_RAW_HEADERS); this.strings(meta.rawHeaders);
    this.key(K_HTTP_VERSION); this.str(meta.httpVersion);
    this.key(K_REMOTE_ADDRESS); this.str(meta.remoteAddress);
    if (meta.remotePort !== undefined) { this.key(K_REMOTE_PORT); this.num(meta.remotePort); }
    this.key(K_RECEIVED_AT); this.num(meta.receivedAt);
    this.key(K_DURATION); this.num(meta.durationMs);
    this.key(K_BODY_SIZE); this.num(meta.bodySize);
    if (meta.rejected !== undefined) { this.raw(',"rejected":'); this.json(meta.rejected); }
    if (meta.endpoint !== undefined) { this.raw(',"endpoint":'); this.json(meta.endpoint); }
    this.key(K_REPLY); this.reply(meta.reply);
    if (meta.signature !== undefined) { this.raw(',"signature":'); this.json(meta.signature); }
    if (meta.forward !== undefined) { this.raw(',"forward":'); this.json(meta.forward); }
    this.key(K_BODY_OFFSET); this.num(bodyOffset);
    this.key(K_END);
    return this.pos - start;
  }

  /** The reply sent; the listener's built-in reply as its status and source only (see `builtinReplySent`). */
  private reply(r: ReplyKept): void {
    this.key(K_STATUS); this.num(r.status);
    if (r.builtin) {
      this.key(K_SOURCE); this.str(r.source);
      this.key(K_BUILTIN_END);
      return;
    }
    this.raw(',"headers":[');
    for (let i = 0; i < r.headers.length; i++) {
      this.raw(i ? ',[' : '['); this.str(r.headers[i][0]); this.raw(','); this.str(r.headers[i][1]); this.raw(']');
    }
    this.raw('],"body":'); this.str(r.body);
    if (r.bodyEncoding !== undefined) { this.raw(',"bodyEncoding":'); this.str(r.bodyEncoding); }
    this.raw(',"bodySize":'); this.num(r.bodySize);
    this.key(K_SOURCE); this.str(r.source);
    this.raw('}');
  }

  private strings(a: readonly string[]): void {
    for (let i = 0; i < a.length; i++) {
      if (i) this.raw(',');
      this.str(a[i]);
    }
  }

  private room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** a key and its punctuation, pre-encoded (copying bytes beats reading a string's characters) */
  private key(k: Uint8Array): void {
    this.room(k.length);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < k.length; i++) b[p++] = k[i];
    this.pos = p;
  }

  /** ASCII the writer itself supplies (rare keys, punctuation): copied as it is */
  private raw(s: string): void {
    this.room(s.length);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** a JSON string: copied between quotes when it is printable ASCII without `"` or `\`, else stringified */
  private str(s: string): void {
    // JSON.stringify writes at most 6 characters per UTF-16 unit (\u001f), each one byte; 2 quotes
    this.room(s.length * 6 + 2);
    const b = this.buf;
    let p = this.pos;
    b[p++] = 0x22;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        this.pos += this.buf.write(JSON.stringify(s), this.pos);
        return;
      }
      b[p++] = c;
    }
    b[p++] = 0x22;
    this.pos = p;
  }

  /** a JSON number: integers digit by digit, others as String() gives them, non-finite as null */
  private num(n: number): void {
    if (Number.isSafeInteger(n) && n >= 0) {
      this.room(16);
      let digits = 1;
      for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
      const b = this.buf;
      let p = this.pos + digits;
      this.pos = p;
      let x = n;
      do {
        const q = Math.floor(x / 10);
        b[--p] = 0x30 + (x - q * 10);
        x = q;
      } while (x > 0);
      return;
    }
    this.raw(Number.isFinite(n) ? String(n) : 'null');
  }

  /** any other JSON value (rare fields: rejected, endpoint, signature, forward) */
  private json(v: unknown): void {
    this.line(JSON.stringify(v));
  }
}
