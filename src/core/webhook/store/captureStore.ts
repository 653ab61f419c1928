import { promises as fsp, write, writev } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { IDisposable } from '../../common/disposable';
import { nullLogger, type Logger } from '../../common/logger';
import type { CaptureMeta, CaptureSink, CapturedRequest, ForwardResult } from '../types';
import { compactStore } from './compact';
import { LiveEntries } from './liveEntries';
import { loadStore, type Entry } from './load';
import { INDEX_FILE, decodeCaptureMeta, encodeLine, type LimitsLine } from './records';
import { RecordWriter } from './recordWriter';

export interface CaptureStoreOptions {
  dir: string;
  /** most captures kept; the oldest go first (default 10,000) */
  maxCount?: number;
  /** most body bytes kept in total (default 512 MB) */
  maxBytes?: number;
  /** how long appends gather before one batched write (default 0: the next turn of the event loop) */
  flushDelayMs?: number;
  /** open an existing store to read only (another process may be writing it): nothing is created, cut or compacted */
  readOnly?: boolean;
  logger?: Logger;
}

type QueueItem = { kind: 'capture'; entry: Entry } | { kind: 'forward'; entry: Entry; result: ForwardResult } | { kind: 'delete'; id: string };

const FLUSH_AT_BYTES = 1 << 20;
const COMPACT_AT_BYTES = 64 << 20;
/** the index lines of one batch are written into a reused buffer of this size (it grows for a bigger batch, and is replaced after one far bigger) */
const RECORD_BUFFER_BYTES = 256 * 1024;

// The batch writes use node's callback API on the handles' descriptors: a FileHandle method goes
// through more promise machinery per call, which showed in the listener's profile.
const writevAll = (fd: number, buffers: Buffer[]): Promise<void> =>
  new Promise((resolve, reject) => writev(fd, buffers, (err) => (err ? reject(err) : resolve())));
const writeAll = (fd: number, data: Buffer): Promise<void> =>
  new Promise((resolve, reject) => write(fd, data, 0, data.length, null, (err) => (err ? reject(err) : resolve())));

/**
 * Captures on disk in one directory: `captures.ndjson` (append-only small JSON records) and one
 * append-only bodies file holding each body's exact bytes once. Writes are batched; memory holds only
 * an index of offsets per capture, never bodies once written. Bounded by count and bytes, oldest
 * dropped first; the files are compacted once enough dropped records pile up.
 */
export class CaptureStore implements CaptureSink, IDisposable {
  private queue: QueueItem[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private chain: Promise<void> = Promise.resolve();
  private garbage = 0;
  private closed = false;
  private records = new RecordWriter(RECORD_BUFFER_BYTES);
  /** the last write error, if any (also logged) */
  lastError: unknown;

  private constructor(
    private readonly opts: Required<Omit<CaptureStoreOptions, 'logger'>> & { logger: Logger },
    private readonly entries: LiveEntries,
    private idx: FileHandle,
    private bodies: FileHandle,
    private bodiesName: string,
    private idxSize: number,
    private bodiesSize: number,
    private seq: number,
    /** what loading found: records skipped as torn or unreadable */
    readonly loadReport: { skipped: number; tornTail: boolean },
  ) {}

  static async open(options: CaptureStoreOptions): Promise<CaptureStore> {
    const opts = { maxCount: 10_000, maxBytes: 512 * 1024 * 1024, flushDelayMs: 0, logger: nullLogger, readOnly: false, ...options };
    if (opts.readOnly) { opts.maxCount = Number.MAX_SAFE_INTEGER; opts.maxBytes = Number.MAX_SAFE_INTEGER; }
    const loaded = await loadStore(opts.dir, opts.maxCount, opts.maxBytes, opts.readOnly);
    const store = new CaptureStore(opts, loaded.entries, loaded.idx, loaded.bodies, loaded.bodiesName, loaded.idxSize, loaded.bodiesSize, loaded.seq, loaded.report);
    store.garbage = loaded.garbage;
    // A reader (`apihook captures list`, another window) drops what this writer drops, from the bounds it records.
    if (!opts.readOnly && (loaded.limits?.maxCount !== opts.maxCount || loaded.limits.maxBytes !== opts.maxBytes)) {
      const line = Buffer.from(encodeLine(store.limitsLine()));
      await writeAll(store.idx.fd, line);
      store.idxSize += line.length;
    }
    return store;
  }

  get dir(): string { return this.opts.dir; }
  get size(): number { return this.entries.size; }
  get totalBodyBytes(): number { return this.entries.bytes; }

  nextId(): string {
    return String(this.seq++);
  }

  has(id: string): boolean {
    return this.entries.get(id) !== undefined;
  }

  /** ids oldest first */
  ids(): string[] {
    return this.entries.list().map((e) => e.id);
  }

  append(capture: CapturedRequest): void {
    if (this.closed || this.opts.readOnly) throw new Error(this.closed ? 'the capture store is closed' : 'the capture store is open read-only');
    const id = capture.meta.id;
    const n = Number(id);
    if (Number.isInteger(n) && n >= this.seq) this.seq = n + 1;
    const entry: Entry = { id, bodySize: capture.body.length, recOff: -1, recLen: 0, bodyOff: -1, fwdOff: -1, fwdLen: 0, live: true, pending: capture };
    this.garbage += this.entries.add(entry);
    this.queue.push({ kind: 'capture', entry });
    this.schedule(capture.body.length + 512);
  }

  attachForward(id: string, result: ForwardResult): void {
    const entry = this.entries.get(id);
    if (!entry || this.closed) return;
    if (entry.pending) {
      entry.pending.meta.forward = result;
      return;
    }
    this.queue.push({ kind: 'forward', entry, result });
    this.schedule(512);
  }

  /** Removes one capture; false when there is none with that id. */
  delete(id: string): boolean {
    if (this.opts.readOnly) throw new Error('the capture store is open read-only');
    const entry = this.entries.get(id);
    if (!entry) return false;
    const written = entry.recOff >= 0;
    this.drop(entry);
    if (written) { this.queue.push({ kind: 'delete', id }); this.schedule(64); }
    return true;
  }

  async get(id: string): Promise<CaptureMeta | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.pending) return entry.pending.meta;
    return this.serial(async () => (entry.live ? this.readMeta(entry) : undefined));
  }

  async getBody(id: string): Promise<Buffer | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.pending) return entry.pending.body;
    return this.serial(async () => {
      if (!entry.live) return undefined;
      const buf = Buffer.alloc(entry.bodySize);
      if (entry.bodySize > 0) await this.bodies.read(buf, 0, entry.bodySize, entry.bodyOff);
      return buf;
    });
  }

  /** Every capture's metadata, oldest first. */
  async list(): Promise<CaptureMeta[]> {
    await this.flush();
    return this.serial(async () => {
      const out: CaptureMeta[] = [];
      const data = this.entries.size ? await fsp.readFile(join(this.opts.dir, INDEX_FILE)) : Buffer.alloc(0);
      for (const entry of this.entries.list()) {
        if (entry.pending) { out.push(entry.pending.meta); continue; }
        out.push(this.metaFrom(entry, data));
      }
      return out;
    });
  }

  /**
   * Every capture with its body, oldest first, reading bodies in runs (they sit in order on disk).
   * `ids` limits it to those captures.
   */
  async *withBodies(ids?: Iterable<string>): AsyncGenerator<CapturedRequest> {
    const metas = await this.list();
    const wanted = ids ? new Set(ids) : undefined;
    const RUN = 4 << 20;
    let i = 0;
    const picked = metas.filter((m) => !wanted || wanted.has(m.id));
    while (i < picked.length) {
      const batch: CaptureMeta[] = [];
      let bytes = 0;
      while (i < picked.length && (batch.length === 0 || bytes + picked[i].bodySize <= RUN)) { bytes += picked[i].bodySize; batch.push(picked[i++]); }
      const bodies = await this.serial(async () => {
        const out: Buffer[] = [];
        for (const m of batch) {
          const e = this.entries.get(m.id);
          if (!e?.live) { out.push(Buffer.alloc(0)); continue; }
          if (e.pending) { out.push(e.pending.body); continue; }
          const buf = Buffer.alloc(e.bodySize);
          if (e.bodySize) await this.bodies.read(buf, 0, e.bodySize, e.bodyOff);
          out.push(buf);
        }
        return out;
      });
      for (let k = 0; k < batch.length; k++) yield { meta: batch[k], body: bodies[k] };
    }
  }

  /** Drops every capture and starts fresh files. */
  async clear(): Promise<void> {
    if (this.opts.readOnly) throw new Error('the capture store is open read-only');
    this.queue = [];
    this.pendingBytes = 0;
    this.entries.clear();
    await this.serial(() => this.compact());
  }

  /** Writes everything appended so far. */
  flush(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    if (this.immediate) { clearImmediate(this.immediate); this.immediate = undefined; }
    return this.serial(() => this.writeQueue());
  }

  /** Flushes and closes the files; appends after this throw. */
  async close(): Promise<void> {
    if (this.closed) return this.chain;
    await this.flush();
    this.closed = true;
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    await this.serial(async () => {
      await this.idx.close();
      await this.bodies.close();
    });
  }

  dispose(): void {
    void this.close();
  }

  // ------------------------------------------------------------------ internals

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn);
    this.chain = run.then(() => undefined, (err) => {
      this.lastError = err;
      this.opts.logger.error(err instanceof Error ? err : String(err));
    });
    return run;
  }

  /**
   * Writes soon: with no delay configured, on the next turn of the event loop (each turn's captures go
   * out in one batch, and bodies are not held long enough to age in the heap); otherwise after the delay.
   */
  private schedule(bytes: number): void {
    this.pendingBytes += bytes;
    if (this.pendingBytes >= FLUSH_AT_BYTES) { void this.flush().catch(() => undefined); return; }
    if (this.timer || this.immediate) return;
    if (this.opts.flushDelayMs <= 0) {
      this.immediate = setImmediate(() => { this.immediate = undefined; void this.flush().catch(() => undefined); });
    } else {
      this.timer = setTimeout(() => { this.timer = undefined; void this.flush().catch(() => undefined); }, this.opts.flushDelayMs);
      this.timer.unref();
    }
  }

  private drop(entry: Entry): void {
    this.garbage += this.entries.drop(entry);
  }

  private async writeQueue(): Promise<void> {
    const items = this.queue;
    this.queue = [];
    this.pendingBytes = 0;
    if (items.length === 0 || this.closed || this.opts.readOnly) return;
    // Index lines are written straight into one buffer (their byte lengths come from the writing);
    // bodies go out as they are, in one writev.
    const out = this.records;
    out.reset();
    const bodyBufs: Buffer[] = [];
    let bodyPos = this.bodiesSize;
    const written: Entry[] = [];
    const forwards: Array<{ entry: Entry; off: number; len: number }> = [];
    for (const item of items) {
      if (item.kind === 'delete') {
        out.line(encodeLine({ op: 'delete', id: item.id }));
        this.garbage++;
        continue;
      }
      const entry = item.entry;
      if (!entry.live) continue;
      if (item.kind === 'capture') {
        const cap = entry.pending;
        if (!cap) continue;
        // The capture is encoded now and let go of: its metadata objects die young instead of waiting
        // for the write. Readers of a capture being written queue behind this write (serial), then
        // read it from disk.
        entry.writing = true;
        entry.pending = undefined;
        entry.recOff = this.idxSize + out.length;
        entry.recLen = out.capture(cap.meta, bodyPos);
        entry.bodyOff = bodyPos;
        if (cap.body.length) bodyBufs.push(cap.body);
        bodyPos += cap.body.length;
        written.push(entry);
      } else {
        const off = this.idxSize + out.length;
        forwards.push({ entry, off, len: out.line(encodeLine({ op: 'forward', id: entry.id, forward: item.result })) });
      }
    }
    // Bodies first: a crash between the two writes leaves unreferenced bytes, never a record without its body.
    try {
      if (bodyBufs.length) await writevAll(this.bodies.fd, bodyBufs);
      if (out.length) await writeAll(this.idx.fd, out.bytes());
    } catch (e) {
      // what did not reach the disk cannot be read back: those captures leave the store
      for (const entry of written) { entry.writing = false; entry.recOff = -1; this.drop(entry); }
      // and later appends go where the files really end
      this.bodiesSize = (await this.bodies.stat()).size;
      this.idxSize = (await this.idx.stat()).size;
      throw e;
    }
    this.bodiesSize = bodyPos;
    this.idxSize += out.length;
    // a batch of unusually large lines does not keep its buffer
    if (out.capacity > RECORD_BUFFER_BYTES * 4) this.records = new RecordWriter(RECORD_BUFFER_BYTES);
    for (const entry of written) {
      entry.writing = false;
      if (!entry.live) this.garbage += this.entries.landedDropped(entry);
    }
    for (const f of forwards) {
      if (f.entry.fwdOff >= 0) this.garbage++;
      f.entry.fwdOff = f.off;
      f.entry.fwdLen = f.len;
    }
    // Compaction rewrites what is live, so it waits until there is twice as much garbage (or, for large
    // bodies, half the live bytes and at least 64 MB): each capture then costs half a copy, not two.
    if (this.garbage >= Math.max(256, this.entries.size * 2) || this.entries.garbageBytes >= Math.max(COMPACT_AT_BYTES, this.entries.bytes / 2)) await this.compact();
  }

  private limitsLine(): LimitsLine {
    return { op: 'limits', maxCount: this.opts.maxCount, maxBytes: this.opts.maxBytes };
  }

  private async compact(): Promise<void> {
    const r = await compactStore({
      dir: this.opts.dir, idx: this.idx, bodies: this.bodies, bodiesName: this.bodiesName, seq: this.seq, limits: this.limitsLine(),
      entries: this.entries.list().filter((e) => !e.pending),
    });
    this.idx = r.idx; this.bodies = r.bodies; this.bodiesName = r.bodiesName;
    this.idxSize = r.idxSize; this.bodiesSize = r.bodiesSize;
    this.garbage = 0;
    this.entries.garbageBytes = 0;
  }

  private async readMeta(entry: Entry): Promise<CaptureMeta> {
    const rec = Buffer.alloc(entry.recLen);
    await this.idx.read(rec, 0, entry.recLen, entry.recOff);
    let fwd: Buffer | undefined;
    if (entry.fwdOff >= 0) { fwd = Buffer.alloc(entry.fwdLen); await this.idx.read(fwd, 0, entry.fwdLen, entry.fwdOff); }
    return decodeCaptureMeta(rec.toString('utf8'), fwd?.toString('utf8'));
  }

  private metaFrom(entry: Entry, data: Buffer): CaptureMeta {
    const rec = data.toString('utf8', entry.recOff, entry.recOff + entry.recLen);
    const fwd = entry.fwdOff >= 0 ? data.toString('utf8', entry.fwdOff, entry.fwdOff + entry.fwdLen) : undefined;
    return decodeCaptureMeta(rec, fwd);
  }
}
