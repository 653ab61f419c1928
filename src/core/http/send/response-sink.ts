import { randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import * as path from 'node:path';
import type { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import type { HttpResponse } from '../model';

export type ResponseBody = HttpResponse['body'];

export interface SinkOptions {
  contentEncoding: string | undefined;
  contentType: string | undefined;
  contentLength: number | undefined;
  maxInMemory: number;
  binaryToDisk: boolean;
  tempDir: string;
  /** called when a write that returned false may continue */
  onDrain: () => void;
  /** called when decoding or writing the file failed; the exchange should stop */
  onError: (err: Error) => void;
}

const BINARY = /^(application\/(octet-stream|zip|x-zip|x-7z|x-rar|x-tar|gzip|x-gzip|pdf|vnd\.ms-|msword|wasm)|audio\/|video\/|font\/)/i;

export function isBinaryContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && BINARY.test(contentType);
}

/**
 * Receives the raw body chunks of one response, decodes gzip / deflate / br, and keeps the result in
 * memory or, above the threshold or for binary types, in a temp file. `write` returns false to ask
 * for a pause; `onDrain` says when to go on.
 */
export class ResponseSink {
  private chunks: Buffer[] = [];
  private size = 0;
  private file: WriteStream | undefined;
  private filePath: string | undefined;
  private decoder: Transform | undefined;
  /** deflate comes zlib-wrapped or raw; the first byte tells which */
  private deflatePending: boolean;
  private failed: Error | undefined;

  constructor(private readonly opts: SinkOptions) {
    const coding = opts.contentEncoding?.trim().toLowerCase();
    this.deflatePending = coding === 'deflate';
    if (!this.deflatePending) this.attach(makeDecoder(coding));
    const tooBig = opts.contentLength !== undefined && opts.contentLength > opts.maxInMemory && coding === undefined;
    if (tooBig || (opts.binaryToDisk && isBinaryContentType(opts.contentType))) this.openFile();
  }

  write(chunk: Buffer): boolean {
    if (this.failed) return true;
    if (this.deflatePending && chunk.length > 0) {
      this.deflatePending = false;
      const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
      this.attach((chunk[0] & 0x0f) === 8 ? zlib.createInflate(flush) : zlib.createInflateRaw(flush));
    }
    return this.decoder ? this.decoder.write(chunk) : this.accept(chunk);
  }

  private attach(decoder: Transform | undefined): void {
    if (!decoder) return;
    this.decoder = decoder;
    decoder.on('data', (chunk: Buffer) => {
      if (!this.accept(chunk)) decoder.pause();
    });
    decoder.on('drain', this.opts.onDrain);
    decoder.on('error', (err) => this.fail(err));
  }

  async end(): Promise<ResponseBody> {
    if (this.decoder) {
      const decoder = this.decoder;
      await new Promise<void>((resolve, reject) => {
        if (this.failed) { reject(this.failed); return; }
        decoder.once('end', resolve);
        decoder.once('error', reject);
        decoder.end();
        decoder.resume();
      });
    }
    if (this.failed) throw this.failed;
    const file = this.file;
    if (!file || !this.filePath) {
      return { kind: 'buffer', data: this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size) };
    }
    await new Promise<void>((resolve, reject) => {
      file.once('error', reject);
      file.end(() => resolve());
    });
    return { kind: 'file', path: this.filePath, size: this.size };
  }

  /** Stops decoding and removes a partly written file. */
  destroy(): void {
    this.decoder?.destroy();
    if (this.file) {
      const p = this.filePath;
      this.file.destroy();
      if (p) fs.unlink(p).catch(() => undefined);
    }
  }

  private accept(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.file) return this.file.write(chunk);
    this.chunks.push(chunk);
    if (this.size > this.opts.maxInMemory) this.openFile();
    return true;
  }

  private openFile(): void {
    this.filePath = path.join(this.opts.tempDir, `apihook-body-${randomUUID()}${extensionFor(this.opts.contentType)}`);
    const file = createWriteStream(this.filePath);
    this.file = file;
    file.on('drain', () => {
      if (this.decoder) this.decoder.resume(); else this.opts.onDrain();
    });
    file.on('error', (err) => this.fail(err));
    for (const c of this.chunks) file.write(c);
    this.chunks = [];
  }

  private fail(err: Error): void {
    if (this.failed) return;
    this.failed = err;
    this.opts.onError(err);
  }
}

function makeDecoder(coding: string | undefined): Transform | undefined {
  if (!coding || coding === 'identity') return undefined;
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip(flush);
  if (coding === 'br') {
    return zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  }
  return undefined; // several or unknown codings: keep the bytes as received
}

function extensionFor(contentType: string | undefined): string {
  const t = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const known: Record<string, string> = {
    'application/json': '.json', 'application/xml': '.xml', 'text/xml': '.xml', 'text/html': '.html', 'text/plain': '.txt',
    'text/csv': '.csv', 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp',
    'image/svg+xml': '.svg', 'application/pdf': '.pdf', 'application/zip': '.zip',
  };
  return known[t] ?? (t.endsWith('+json') ? '.json' : '.bin');
}
