import type { Entry } from './load';

/**
 * The store's entries by id. The listener's ids run 1, 2, 3, …, so those sit in an array at `id - base`:
 * a Map of hundreds of thousands of string keys cost the listener about a tenth of its throughput
 * (hashing, cache misses, rehashing as it grew). Any other id goes in a Map.
 */
export class EntryTable {
  private dense: Array<Entry | undefined> = [];
  private base = -1;
  private lead = 0;
  private readonly other = new Map<string, Entry>();
  private count = 0;

  get size(): number { return this.count; }

  get(id: string): Entry | undefined {
    const i = this.slot(id);
    return (i >= 0 ? this.dense[i] : undefined) ?? (this.other.size ? this.other.get(id) : undefined);
  }

  /** Sets the entry for an id that has none (delete the old one first). */
  set(id: string, entry: Entry): void {
    this.count++;
    const n = plainNumber(id);
    if (!Number.isNaN(n)) {
      if (this.base < 0) this.base = n;
      const i = n - this.base;
      // ids arrive almost in order (a capture whose signature is being checked may come a little late)
      if (i >= 0 && i < this.dense.length + 1024) {
        while (this.dense.length <= i) this.dense.push(undefined);
        this.dense[i] = entry;
        if (i < this.lead) this.lead = i;
        return;
      }
    }
    this.other.set(id, entry);
  }

  delete(id: string): void {
    const i = this.slot(id);
    if (i >= 0 && this.dense[i]) {
      this.dense[i] = undefined;
      this.count--;
      while (this.lead < this.dense.length && this.dense[this.lead] === undefined) this.lead++;
      if (this.lead > 1024 && this.lead * 2 > this.dense.length) {
        this.dense = this.dense.slice(this.lead);
        this.base += this.lead;
        this.lead = 0;
      }
      return;
    }
    if (this.other.delete(id)) this.count--;
  }

  clear(): void {
    this.dense = [];
    this.base = -1;
    this.lead = 0;
    this.other.clear();
    this.count = 0;
  }

  /** the array slot of a numeric id inside the dense range, else -1 */
  private slot(id: string): number {
    if (this.base < 0) return -1;
    const n = plainNumber(id);
    if (Number.isNaN(n)) return -1;
    const i = n - this.base;
    return i >= 0 && i < this.dense.length ? i : -1;
  }
}

/** the id as a number when written as a plain non-negative integer without leading zeros, else NaN */
function plainNumber(id: string): number {
  const len = id.length;
  if (len === 0 || len > 15 || (len > 1 && id.charCodeAt(0) === 48)) return NaN;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}
