import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Entry } from './load';
import { INDEX_FILE, bodiesFileName, decodeCaptureMeta, encodeLine, generationOf, type LimitsLine } from './records';
import { RecordWriter } from './recordWriter';

interface CompactInput {
  dir: string;
  idx: FileHandle;
  bodies: FileHandle;
  bodiesName: string;
  seq: number;
  /** the writer's bounds, recorded after the header for readers */
  limits: LimitsLine;
  /** live, written entries, oldest first; their offsets are updated in place */
  entries: Entry[];
}

const RUN_LIMIT = 4 << 20;

/**
 * Appends `e`'s index line, pointing at its body's new offset: the usual record is copied byte for byte
 * with its `bodyOffset` tail swapped (records end with it, see RecordWriter.capture); a record with a
 * later forward line is decoded with it and encoded again, as one line.
 */
function moveRecord(out: RecordWriter, data: Buffer, base: number, e: Entry, bodyOffset: number): number {
  const start = e.recOff - base;
  if (e.fwdOff < 0) {
    const n = out.movedRecord(data, start, start + e.recLen, bodyOffset);
    if (n >= 0) return n;
  }
  const text = data.toString('utf8', start, start + e.recLen);
  const forwardLine = e.fwdOff >= 0 ? data.toString('utf8', e.fwdOff - base, e.fwdOff - base + e.fwdLen) : undefined;
  return out.capture(decodeCaptureMeta(text, forwardLine), bodyOffset);
}

/**
 * Rewrites the store with only the given entries: a new bodies file (next generation) and a new index
 * that names it, swapped in by one rename, so a crash at any point leaves a consistent pair.
 */
export async function compactStore(input: CompactInput): Promise<{ idx: FileHandle; bodies: FileHandle; bodiesName: string; idxSize: number; bodiesSize: number }> {
  const { dir, entries } = input;
  const bodiesName = bodiesFileName(generationOf(input.bodiesName) + 1);
  // The live records (and their forward lines) sit from the oldest one's offset on: read only that part.
  let base = Infinity;
  for (const e of entries) base = Math.min(base, e.recOff, e.fwdOff >= 0 ? e.fwdOff : Infinity);
  const indexData = entries.length ? await readFrom(join(dir, INDEX_FILE), base) : Buffer.alloc(0);
  const out = await fsp.open(join(dir, bodiesName), 'w');
  const index = new RecordWriter(Math.max(64 * 1024, indexData.length + 4096));
  index.line(encodeLine({ op: 'header', version: 1, bodies: bodiesName, seq: input.seq }));
  index.line(encodeLine(input.limits));
  const placed: Array<{ e: Entry; recLen: number; bodyOff: number }> = [];
  let idxPos = index.length;
  let outPos = 0;
  let run = Buffer.allocUnsafe(0);
  let i = 0;
  while (i < entries.length) {
    // Copy a run of bodies that sit next to each other in one read and one write.
    let j = i;
    let runBytes = entries[i].bodySize;
    while (j + 1 < entries.length && entries[j + 1].bodyOff === entries[j].bodyOff + entries[j].bodySize && runBytes + entries[j + 1].bodySize <= RUN_LIMIT) {
      j++; runBytes += entries[j].bodySize;
    }
    if (run.length < runBytes) run = Buffer.allocUnsafe(Math.max(runBytes, Math.min(RUN_LIMIT, 2 * run.length)));
    if (runBytes) {
      const { bytesRead } = await input.bodies.read(run, 0, runBytes, entries[i].bodyOff);
      if (bytesRead < runBytes) run.fill(0, bytesRead, runBytes);
      await out.write(run, 0, runBytes);
    }
    for (let k = i; k <= j; k++) {
      const e = entries[k];
      placed.push({ e, recLen: moveRecord(index, indexData, base, e, outPos), bodyOff: outPos });
      outPos += e.bodySize;
    }
    i = j + 1;
  }
  await out.close();
  const tmp = join(dir, `${INDEX_FILE}.tmp`);
  await fsp.writeFile(tmp, index.bytes());
  await input.idx.close();
  await input.bodies.close();
  await fsp.rename(tmp, join(dir, INDEX_FILE));
  await fsp.rm(join(dir, input.bodiesName), { force: true });
  for (const p of placed) {
    p.e.recOff = idxPos; p.e.recLen = p.recLen; p.e.bodyOff = p.bodyOff; p.e.fwdOff = -1; p.e.fwdLen = 0;
    idxPos += p.recLen;
  }
  return {
    idx: await fsp.open(join(dir, INDEX_FILE), 'a+'),
    bodies: await fsp.open(join(dir, bodiesName), 'a+'),
    bodiesName,
    idxSize: idxPos,
    bodiesSize: outPos,
  };
}

/** the bytes of a file from `offset` to its end */
async function readFrom(path: string, offset: number): Promise<Buffer> {
  const fh = await fsp.open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const data = Buffer.allocUnsafe(Math.max(0, size - offset));
    let got = 0;
    while (got < data.length) {
      const { bytesRead } = await fh.read(data, got, data.length - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return data.subarray(0, got);
  } finally {
    await fh.close();
  }
}
