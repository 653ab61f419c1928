import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Entry } from './load';
import { INDEX_FILE, bodiesFileName, decodeCaptureMeta, encodeCaptureRecord, encodeLine, generationOf } from './records';

interface CompactInput {
  dir: string;
  idx: FileHandle;
  bodies: FileHandle;
  bodiesName: string;
  seq: number;
  /** live, written entries, oldest first; their offsets are updated in place */
  entries: Entry[];
}

const RUN_LIMIT = 4 << 20;
const BODY_OFFSET_TAIL = /,"bodyOffset":\d+\}\n?$/;

/**
 * A capture's index line pointing at its body's new offset. Records end with `"bodyOffset":N}` (see
 * encodeCaptureRecord), so the usual case swaps that tail instead of parsing and re-encoding;
 * a record with a later forward line is decoded with it and encoded again.
 */
function movedRecord(indexData: Buffer, e: Entry, bodyOffset: number): string {
  const text = indexData.toString('utf8', e.recOff, e.recOff + e.recLen);
  const tail = e.fwdOff < 0 ? BODY_OFFSET_TAIL.exec(text) : null;
  if (tail) return `${text.slice(0, tail.index)},"bodyOffset":${bodyOffset}}\n`;
  const forwardLine = e.fwdOff >= 0 ? indexData.toString('utf8', e.fwdOff, e.fwdOff + e.fwdLen) : undefined;
  return encodeCaptureRecord(decodeCaptureMeta(text, forwardLine), bodyOffset);
}

/**
 * Rewrites the store with only the given entries: a new bodies file (next generation) and a new index
 * that names it, swapped in by one rename, so a crash at any point leaves a consistent pair.
 */
export async function compactStore(input: CompactInput): Promise<{ idx: FileHandle; bodies: FileHandle; bodiesName: string; idxSize: number; bodiesSize: number }> {
  const { dir, entries } = input;
  const bodiesName = bodiesFileName(generationOf(input.bodiesName) + 1);
  const indexData = entries.length ? await fsp.readFile(join(dir, INDEX_FILE)) : Buffer.alloc(0);
  const out = await fsp.open(join(dir, bodiesName), 'w');
  const lines: string[] = [encodeLine({ op: 'header', version: 1, bodies: bodiesName, seq: input.seq })];
  const placed: Array<{ e: Entry; recLen: number; bodyOff: number }> = [];
  let idxPos = Buffer.byteLength(lines[0]);
  let outPos = 0;
  let i = 0;
  while (i < entries.length) {
    // Copy a run of bodies that sit next to each other in one read and one write.
    let j = i;
    let runBytes = entries[i].bodySize;
    while (j + 1 < entries.length && entries[j + 1].bodyOff === entries[j].bodyOff + entries[j].bodySize && runBytes + entries[j + 1].bodySize <= RUN_LIMIT) {
      j++; runBytes += entries[j].bodySize;
    }
    const buf = Buffer.alloc(runBytes);
    if (runBytes) await input.bodies.read(buf, 0, runBytes, entries[i].bodyOff);
    await out.write(buf);
    for (let k = i; k <= j; k++) {
      const e = entries[k];
      const line = movedRecord(indexData, e, outPos);
      lines.push(line);
      placed.push({ e, recLen: Buffer.byteLength(line), bodyOff: outPos });
      outPos += e.bodySize;
    }
    i = j + 1;
  }
  await out.close();
  const tmp = join(dir, `${INDEX_FILE}.tmp`);
  await fsp.writeFile(tmp, lines.join(''));
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
