import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { UserFacingError } from '../../common/errors';
import type { CapturedRequest } from '../types';
import { LiveEntries } from './liveEntries';
import { INDEX_FILE, bodiesFileName, decodeLine, encodeLine, isCaptureLine, scanLines } from './records';

/** What memory keeps per capture: where its record and body sit, never the body itself once written. */
export interface Entry {
  id: string;
  bodySize: number;
  recOff: number;
  recLen: number;
  bodyOff: number;
  fwdOff: number;
  fwdLen: number;
  live: boolean;
  /** set until the capture is written */
  pending?: CapturedRequest;
  writing?: boolean;
}

export interface LoadedStore {
  entries: LiveEntries;
  idx: FileHandle;
  bodies: FileHandle;
  bodiesName: string;
  idxSize: number;
  bodiesSize: number;
  seq: number;
  garbage: number;
  report: { skipped: number; tornTail: boolean };
  /** the bounds the file's last writer recorded, if any */
  limits?: { maxCount: number; maxBytes: number };
}

/** Starts an empty store: a header line and an empty bodies file. */
export async function createFresh(dir: string, generation: number, seq: number): Promise<{ idx: FileHandle; bodies: FileHandle; bodiesName: string; idxSize: number }> {
  const bodiesName = bodiesFileName(generation);
  const bodies = await fsp.open(join(dir, bodiesName), 'w+');
  await bodies.close();
  const header = encodeLine({ op: 'header', version: 1, bodies: bodiesName, seq });
  const tmp = join(dir, `${INDEX_FILE}.tmp`);
  await fsp.writeFile(tmp, header);
  await fsp.rename(tmp, join(dir, INDEX_FILE));
  return {
    idx: await fsp.open(join(dir, INDEX_FILE), 'a+'),
    bodies: await fsp.open(join(dir, bodiesName), 'a+'),
    bodiesName,
    idxSize: Buffer.byteLength(header),
  };
}

/** Removes bodies files other than the current one (left by a compaction cut short). */
async function removeStrays(dir: string, keep: string): Promise<void> {
  for (const f of await fsp.readdir(dir)) {
    if ((/^bodies-\d+\.bin$/.test(f) && f !== keep) || f === `${INDEX_FILE}.tmp`) await fsp.rm(join(dir, f), { force: true });
  }
}

/**
 * Reads a store directory (creating it when absent). A torn last line (a crash mid-write) is cut off;
 * unreadable lines and records whose body lies beyond the bodies file are skipped. Count and byte
 * limits apply while loading, oldest dropped first, as they did while capturing.
 */
export async function loadStore(dir: string, maxCount: number, maxBytes: number, readOnly = false): Promise<LoadedStore> {
  if (readOnly) {
    const ok = await fsp.stat(join(dir, INDEX_FILE)).then(() => true, () => false);
    if (!ok) throw new UserFacingError(`There is no capture store in ${dir}.`, 'no-store', 'Pass the folder given to `apihook listen --store`.');
  } else {
    await fsp.mkdir(dir, { recursive: true });
  }
  const entries = new LiveEntries(maxCount, maxBytes);
  const report = { skipped: 0, tornTail: false };
  const indexPath = join(dir, INDEX_FILE);
  let handle: FileHandle;
  try {
    handle = await fsp.open(indexPath, readOnly ? 'r' : 'r+');
  } catch {
    const fresh = await createFresh(dir, 0, 1);
    await removeStrays(dir, fresh.bodiesName);
    return { entries, ...fresh, bodiesSize: 0, seq: 1, garbage: 0, report };
  }
  let bodiesName: string | undefined;
  let bodiesSize = 0;
  let seq = 1;
  let garbage = 0;
  let consumed = 0;
  let limits: LoadedStore['limits'];
  const chunk = Buffer.alloc(1 << 20);
  let carry = Buffer.alloc(0);
  let pos = 0;
  const onLine = (text: string, offset: number, length: number): void => {
    const line = decodeLine(text);
    if (!line) { report.skipped++; garbage++; return; }
    if ('op' in line && line.op === 'header') {
      bodiesName = line.bodies;
      seq = Math.max(seq, line.seq);
      return;
    }
    if ('op' in line && line.op === 'limits') {
      // what the writer dropped from here on is dropped here too (never more than the opener keeps)
      limits = { maxCount: line.maxCount, maxBytes: line.maxBytes };
      garbage += entries.setLimits(Math.min(maxCount, line.maxCount), Math.min(maxBytes, line.maxBytes));
      return;
    }
    if (isCaptureLine(line)) {
      if (bodiesName === undefined || line.bodyOffset + line.bodySize > bodiesSize) { report.skipped++; garbage++; return; }
      const n = Number(line.id);
      if (Number.isInteger(n) && n >= seq) seq = n + 1;
      garbage += entries.add({ id: line.id, bodySize: line.bodySize, recOff: offset, recLen: length, bodyOff: line.bodyOffset, fwdOff: -1, fwdLen: 0, live: true });
      return;
    }
    const entry = 'id' in line ? entries.get(line.id) : undefined;
    if (line.op === 'forward' && entry) {
      if (entry.fwdOff >= 0) garbage++;
      entry.fwdOff = offset; entry.fwdLen = length;
    } else if (line.op === 'delete' && entry) {
      garbage += entries.drop(entry) + 1;
    } else {
      garbage++;
    }
  };
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, pos);
    if (bytesRead === 0) break;
    const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    const base = pos - carry.length;
    if (bodiesName === undefined && base === 0) {
      // Learn the bodies file from the header before judging any record against its size.
      const nl = data.indexOf(10);
      const head = nl > 0 ? decodeLine(data.toString('utf8', 0, nl)) : undefined;
      if (head && 'op' in head && head.op === 'header') {
        try { bodiesSize = (await fsp.stat(join(dir, head.bodies))).size; } catch { bodiesSize = 0; }
      }
    }
    const used = scanLines(data, base, onLine);
    consumed = base + used;
    carry = Buffer.from(data.subarray(used));
    pos += bytesRead;
  }
  if (carry.length) {
    report.tornTail = true;
    if (!readOnly) await handle.truncate(consumed);
  }
  await handle.close();
  if (bodiesName === undefined && readOnly) throw new UserFacingError(`The capture store in ${dir} has no readable header.`, 'bad-store');
  if (bodiesName === undefined) {
    // No readable header: nothing here can be trusted to line up with a bodies file.
    const fresh = await createFresh(dir, 0, seq);
    await removeStrays(dir, fresh.bodiesName);
    return { entries: new LiveEntries(maxCount, maxBytes), ...fresh, bodiesSize: 0, seq, garbage: 0, report: { skipped: report.skipped, tornTail: report.tornTail } };
  }
  // from here on the opener's bounds hold (a reader keeps the file's last ones)
  if (!readOnly) garbage += entries.setLimits(maxCount, maxBytes);
  if (!readOnly) await removeStrays(dir, bodiesName);
  const bodies = await fsp.open(join(dir, bodiesName), readOnly ? 'r' : 'a+');
  const idx = await fsp.open(indexPath, readOnly ? 'r' : 'a+');
  const bodiesStat = await bodies.stat();
  return { entries, idx, bodies, bodiesName, idxSize: consumed, bodiesSize: bodiesStat.size, seq, garbage, report, limits };
}
