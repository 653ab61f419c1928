import { EntryTable } from './entryTable';
import type { Entry } from './load';

/**
 * The captures a store holds, by id and oldest first, kept within its count and byte limits: the same
 * bookkeeping while loading a store and while capturing. The oldest is found in constant time: entries
 * sit in insertion order from `head` on and dropped ones are skipped (a Map's iterator would walk, one
 * by one, the holes that deletes leave at its front).
 */
export class LiveEntries {
  private readonly table = new EntryTable();
  private order: Entry[] = [];
  private head = 0;
  private liveBytes = 0;
  /** body bytes of dropped captures still in the bodies file (the store resets it when it compacts) */
  garbageBytes = 0;

  constructor(private maxCount: number, private maxBytes: number) {}

  get size(): number { return this.table.size; }
  /** body bytes of the live entries */
  get bytes(): number { return this.liveBytes; }

  get(id: string): Entry | undefined {
    return this.table.get(id);
  }

  /**
   * Adds `entry` as the newest (an entry with its id is dropped first) and drops the oldest while over
   * the limits (never the last one left). Returns how many index lines became garbage.
   */
  add(entry: Entry): number {
    let garbage = 0;
    const old = this.table.get(entry.id);
    if (old) garbage += this.drop(old);
    this.table.set(entry.id, entry);
    this.order.push(entry);
    this.liveBytes += entry.bodySize;
    return garbage + this.evict();
  }

  /** New bounds; the oldest entries beyond them are dropped now. Returns how many index lines became garbage. */
  setLimits(maxCount: number, maxBytes: number): number {
    this.maxCount = maxCount;
    this.maxBytes = maxBytes;
    return this.evict();
  }

  /**
   * Drops `entry`; returns how many of its index lines are garbage now: its record and forward line,
   * once written (a record still being written counts when its write lands, see `landedDropped`).
   */
  drop(entry: Entry): number {
    if (!entry.live) return 0;
    entry.live = false;
    this.table.delete(entry.id);
    this.liveBytes -= entry.bodySize;
    if (entry.recOff < 0 || entry.pending || entry.writing) return 0;
    this.garbageBytes += entry.bodySize;
    return entry.fwdOff >= 0 ? 2 : 1;
  }

  /** an entry dropped while its write was in flight has landed: its record and body are garbage now */
  landedDropped(entry: Entry): number {
    this.garbageBytes += entry.bodySize;
    return 1;
  }

  /** the live entries, oldest first */
  list(): Entry[] {
    const out: Entry[] = [];
    for (let i = this.head; i < this.order.length; i++) if (this.order[i].live) out.push(this.order[i]);
    return out;
  }

  clear(): void {
    for (const e of this.list()) e.live = false;
    this.table.clear();
    this.order = [];
    this.head = 0;
    this.liveBytes = 0;
  }

  private evict(): number {
    let garbage = 0;
    while (this.table.size > 1 && (this.table.size > this.maxCount || this.liveBytes > this.maxBytes)) {
      const oldest = this.oldest();
      if (!oldest) break;
      garbage += this.drop(oldest);
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    return garbage;
  }

  private oldest(): Entry | undefined {
    while (this.head < this.order.length) {
      const e = this.order[this.head];
      if (e.live) return e;
      this.head++;
    }
    return undefined;
  }
}
