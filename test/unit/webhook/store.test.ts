import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureStore } from '../../../src/core/webhook/store/captureStore';
import { builtinReplySent } from '../../../src/core/webhook/builtinReply';
import { CAPTURE_META_KEYS, REPLY_KEPT_KEYS, decodeCaptureMeta, encodeLine } from '../../../src/core/webhook/store/records';
import { RecordWriter } from '../../../src/core/webhook/store/recordWriter';
import type { CaptureMeta } from '../../../src/core/webhook/types';

function meta(id: string, bodySize: number): CaptureMeta {
  return {
    id, method: 'POST', url: `/hook/${id}?q=1`, rawHeaders: ['Host', 'x', 'X-Dup', 'a', 'X-Dup', 'b'], httpVersion: '1.1',
    remoteAddress: '127.0.0.1', receivedAt: 1_700_000_000_000 + Number(id), durationMs: 1, bodySize,
    reply: { status: 200, headers: [['content-type', 'application/json']], body: '{"ok":true}', bodySize: 11, source: 'default' },
  };
}

/** a capture's index line as the store writes it */
function encodeCaptureRecord(meta: CaptureMeta, bodyOffset: number): string {
  const w = new RecordWriter(64);
  w.capture(meta, bodyOffset);
  return w.bytes().toString('utf8');
}

function bodyFor(id: string, size = 100): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 7 + Number(id)) & 0xff;
  return b;
}

describe('webhook CaptureStore', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'apihook-store-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  async function fill(store: CaptureStore, n: number, size = 100): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = store.nextId(); ids.push(id); store.append({ meta: meta(id, size), body: bodyFor(id, size) });
      if (i % 50 === 49) await store.flush();
    }
    return ids;
  }

  it('keeps metadata and exact body bytes across a close and reopen, bodies stored once and raw', async () => {
    const s = await CaptureStore.open({ dir });
    const ids = await fill(s, 5);
    assert.deepEqual((await s.getBody(ids[0]))!, bodyFor(ids[0]));
    await s.close();
    const bodiesFile = readdirSync(dir).find((f) => f.startsWith('bodies-'))!;
    assert.equal(statSync(join(dir, bodiesFile)).size, 500);
    assert.ok(!readFileSync(join(dir, 'captures.ndjson'), 'utf8').includes(bodyFor(ids[0]).toString('base64')));
    const r = await CaptureStore.open({ dir });
    assert.deepEqual(r.ids(), ids);
    const m = (await r.get(ids[3]))!;
    assert.equal(m.url, `/hook/${ids[3]}?q=1`);
    assert.deepEqual(m.rawHeaders, ['Host', 'x', 'X-Dup', 'a', 'X-Dup', 'b']);
    for (const id of ids) assert.deepEqual(await r.getBody(id), bodyFor(id));
    assert.equal(r.nextId(), String(Number(ids[4]) + 1));
    await r.close();
  });

  it('skips a torn last record after a crash (index cut mid-record) and keeps appending cleanly', async () => {
    const s = await CaptureStore.open({ dir });
    const ids = await fill(s, 3);
    await s.close();
    const index = join(dir, 'captures.ndjson');
    const size = statSync(index).size;
    truncateSync(index, size - 40);
    const r = await CaptureStore.open({ dir });
    assert.equal(r.loadReport.tornTail, true);
    assert.deepEqual(r.ids(), ids.slice(0, 2));
    const id = r.nextId();
    r.append({ meta: meta(id, 10), body: bodyFor(id, 10) });
    await r.close();
    const again = await CaptureStore.open({ dir });
    assert.equal(again.loadReport.tornTail, false);
    assert.deepEqual(again.ids(), [...ids.slice(0, 2), id]);
    assert.deepEqual(await again.getBody(id), bodyFor(id, 10));
    await again.close();
  });

  it('skips a record whose body never reached the bodies file, and a garbage line', async () => {
    const s = await CaptureStore.open({ dir });
    const ids = await fill(s, 2);
    await s.close();
    const bodiesFile = readdirSync(dir).find((f) => f.startsWith('bodies-'))!;
    truncateSync(join(dir, bodiesFile), 150);
    writeFileSync(join(dir, 'captures.ndjson'), readFileSync(join(dir, 'captures.ndjson'), 'utf8') + 'not json\n');
    const r = await CaptureStore.open({ dir });
    assert.deepEqual(r.ids(), [ids[0]]);
    assert.equal(r.loadReport.skipped, 2);
    await r.close();
  });

  it('drops the oldest beyond the count limit and compacts the files', async () => {
    const s = await CaptureStore.open({ dir, maxCount: 100 });
    const ids = await fill(s, 1000);
    await s.flush();
    assert.deepEqual(s.ids(), ids.slice(900));
    const bodiesFile = readdirSync(dir).find((f) => f.startsWith('bodies-'))!;
    assert.notEqual(bodiesFile, 'bodies-0.bin', 'compaction wrote a new generation');
    assert.ok(statSync(join(dir, bodiesFile)).size <= 2 * 100 * 100 + 256 * 100, 'the bodies file holds little more than the kept captures');
    assert.equal(readdirSync(dir).filter((f) => f.startsWith('bodies-')).length, 1);
    for (const id of [ids[900], ids[950], ids[999]]) assert.deepEqual(await s.getBody(id), bodyFor(id));
    await s.close();
    const r = await CaptureStore.open({ dir, maxCount: 100 });
    assert.deepEqual(r.ids(), ids.slice(900));
    assert.deepEqual(await r.getBody(ids[900]), bodyFor(ids[900]));
    await r.close();
  });

  it('drops the oldest beyond the byte limit', async () => {
    const s = await CaptureStore.open({ dir, maxBytes: 1000 });
    const ids = await fill(s, 25, 100);
    assert.deepEqual(s.ids(), ids.slice(15));
    assert.equal(s.totalBodyBytes, 1000);
    await s.close();
  });

  it('deletes one capture durably, clears all, and records forward results', async () => {
    const s = await CaptureStore.open({ dir });
    const ids = await fill(s, 3);
    await s.flush();
    s.attachForward(ids[1], { url: 'http://127.0.0.1:1/x', at: 1, ok: true, status: 204, timeMs: 3 });
    assert.equal(s.delete(ids[0]), true);
    assert.equal(s.delete('nope'), false);
    await s.close();
    const r = await CaptureStore.open({ dir });
    assert.deepEqual(r.ids(), ids.slice(1));
    assert.equal((await r.get(ids[1]))!.forward?.status, 204);
    assert.equal((await r.list()).length, 2);
    await r.clear();
    assert.equal(r.size, 0);
    await r.close();
    const c = await CaptureStore.open({ dir });
    assert.equal(c.size, 0);
    await c.close();
  });

  it('lists with bodies in order, reading several per batch', async () => {
    const s = await CaptureStore.open({ dir });
    const ids = await fill(s, 20, 33);
    const got: string[] = [];
    for await (const c of s.withBodies()) { got.push(c.meta.id); assert.deepEqual(c.body, bodyFor(c.meta.id, 33)); }
    assert.deepEqual(got, ids);
    await s.close();
  });

  it('opens read-only without changing a torn file, and refuses a missing store', async () => {
    const s = await CaptureStore.open({ dir });
    await fill(s, 2);
    await s.close();
    const index = join(dir, 'captures.ndjson');
    truncateSync(index, statSync(index).size - 5);
    const before = statSync(index).size;
    const r = await CaptureStore.open({ dir, readOnly: true });
    assert.equal(r.size, 1);
    await r.close();
    assert.equal(statSync(index).size, before);
    await assert.rejects(CaptureStore.open({ dir: join(dir, 'missing'), readOnly: true }), /no capture store/);
  });
  it('writes a capture record field by field that parses to the same object as JSON.stringify gives, for every CaptureMeta key', () => {
    const full: CaptureMeta = {
      ...meta('7', 3), url: '/p?"q"=\\ü\u2028', rawHeaders: ['X-Ünïcode', 'a "b" \n c', 'x-dup', '</script>'], remotePort: 54321,
      durationMs: 0.3, rejected: { reason: 'body-too-large', receivedBytes: 9, limit: 3 }, endpoint: 'git"hub',
      signature: { provider: 'github', valid: false, reason: 'digest differs' },
      forward: { url: 'http://127.0.0.1:1/', at: 5, ok: false, timeMs: 2, error: 'ECONNREFUSED' },
      reply: { status: 201, headers: [['X-"Q"', 'ü\\'], ['content-length', '4']], body: 'AAEC/w==', bodyEncoding: 'base64', bodySize: 4, source: 'rule:POST /x\u2028"' },
    };
    assert.deepEqual(Object.keys(full).sort(), Object.keys(CAPTURE_META_KEYS).sort(), 'the sample sets every key');
    assert.deepEqual([...Object.keys(full.reply), 'builtin'].sort(), Object.keys(REPLY_KEPT_KEYS).sort(), 'the sample reply sets every key but builtin (the next test)');
    const lone = { ...meta('9', 1), url: '/\ud800x', rawHeaders: ['a', '\u0000\u001f\u007f'] };
    for (const m of [full, meta('8', 0), lone]) {
      const line = encodeCaptureRecord(m, 1234);
      assert.deepEqual(JSON.parse(line), JSON.parse(encodeLine({ ...m, bodyOffset: 1234 })));
      assert.deepEqual(JSON.parse(line), { ...m, bodyOffset: 1234 });
      assert.equal(line.indexOf('\n'), line.length - 1, 'one line');
      assert.match(line, /,"bodyOffset":1234\}\n$/, 'bodyOffset last, as compaction expects');
    }
  });

  it('records the built-in reply as status and source only, and reads back the reply exactly as sent', async () => {
    for (const id of ['41', 'ü"7']) {
      const m: CaptureMeta = { ...meta(id, 2), receivedAt: 1_700_000_000_000, reply: builtinReplySent(id, 202, 'endpoint:git') };
      const line = encodeCaptureRecord(m, 99);
      assert.match(line, /"reply":\{"status":202,"source":"endpoint:git","builtin":true\},"bodyOffset":99\}\n$/);
      assert.deepEqual(decodeCaptureMeta(line, undefined), m);
      const body = `{"ok":true,"id":${JSON.stringify(id)}}`;
      assert.deepEqual(m.reply, { status: 202, headers: [['content-type', 'application/json'], ['content-length', String(Buffer.byteLength(body))]], body, bodySize: Buffer.byteLength(body), source: 'endpoint:git', builtin: true });
    }
    const s = await CaptureStore.open({ dir });
    const m: CaptureMeta = { ...meta('5', 1), reply: builtinReplySent('5', 200, 'default') };
    s.append({ meta: m, body: Buffer.from('x') });
    await s.close();
    const r = await CaptureStore.open({ dir, readOnly: true });
    assert.deepEqual(await r.get('5'), m);
    await r.close();
  });

  it('RecordWriter: numbers as JSON writes them, lines of any size in a buffer that starts tiny, byte lengths that add up', () => {
    const w = new RecordWriter(8);
    const lines: string[] = [];
    const lengths: number[] = [];
    const numbers = [0, -0, 7, 10, 99, 100, 1_795_791_746_379, Number.MAX_SAFE_INTEGER, 2 ** 60, -3, 0.1 + 0.2, 1e-7, 4.3, NaN, Infinity];
    numbers.forEach((n, i) => {
      const b = meta(String(i), 5);
      // in the record's key order, so that JSON.stringify writes the same bytes
      const m: CaptureMeta = { id: b.id, method: b.method, url: `/${'é'.repeat(i * 40)}"\u0001`, rawHeaders: b.rawHeaders, httpVersion: b.httpVersion, remoteAddress: b.remoteAddress, remotePort: n, receivedAt: n, durationMs: n, bodySize: b.bodySize, reply: b.reply };
      lengths.push(w.capture(m, n));
      lines.push(encodeLine({ ...m, bodyOffset: n }));
      lengths.push(w.line(encodeLine({ op: 'delete', id: `ü${i}` })));
      lines.push(encodeLine({ op: 'delete', id: `ü${i}` }));
    });
    const text = w.bytes().toString('utf8');
    assert.equal(text, lines.join(''), 'byte for byte what JSON.stringify writes');
    assert.equal(lengths.reduce((a, b) => a + b, 0), w.length);
    assert.deepEqual(lengths, lines.map((l) => Buffer.byteLength(l)));
    assert.ok(w.capacity >= w.length);
    w.reset();
    assert.equal(w.length, 0);
  });

  it('RecordWriter.movedRecord swaps only the bodyOffset tail, byte for byte, and refuses other lines', () => {
    const m = { ...meta('5', 3), url: '/ü?"x"', rawHeaders: ['X-Ünï', 'v'] };
    const src = Buffer.from('{"op":"header"}\n' + encodeCaptureRecord(m, 123456789012), 'utf8');
    const start = src.indexOf(10) + 1;
    const w = new RecordWriter(4);
    const n = w.movedRecord(src, start, src.length, 7);
    assert.equal(n, w.length);
    assert.equal(w.bytes().toString('utf8'), encodeCaptureRecord(m, 7));
    for (const bad of ['{"op":"delete","id":"5"}\n', '{"bodyOffset":}\n', '{"x":1,"bodyOffset":12}', '{"x":1,"bodyoffset":12}\n']) {
      const b = Buffer.from(bad);
      assert.equal(w.movedRecord(b, 0, b.length, 1), -1, bad);
    }
    assert.equal(w.length, n, 'nothing written for the refused lines');
  });

  it('evicts strictly oldest first across deletes and re-appended ids', async () => {
    const s = await CaptureStore.open({ dir, maxCount: 3 });
    const add = (id: string): void => s.append({ meta: meta(id, 10), body: bodyFor(id, 10) });
    add('1'); add('2'); add('3');
    s.delete('2');
    add('4');
    assert.deepEqual(s.ids(), ['1', '3', '4']);
    add('5');
    assert.deepEqual(s.ids(), ['3', '4', '5']);
    add('3'); // a capture stored again under its id becomes the newest
    add('6');
    assert.deepEqual(s.ids(), ['5', '3', '6']);
    for (let i = 7; i < 3000; i++) add(String(i));
    await s.flush();
    assert.deepEqual(s.ids(), ['2997', '2998', '2999']);
    assert.deepEqual(await s.getBody('2998'), bodyFor('2998', 10));
    await s.close();
    const r = await CaptureStore.open({ dir, maxCount: 3 });
    assert.deepEqual(r.ids(), ['2997', '2998', '2999']);
    await r.close();
  });

  it('keeps forward results, metadata and bodies through compaction', async () => {
    const s = await CaptureStore.open({ dir, maxCount: 300 });
    const ids = await fill(s, 300, 20);
    await s.flush();
    s.attachForward(ids[299], { url: 'http://127.0.0.1:1/f', at: 2, ok: true, status: 202, timeMs: 1 });
    await s.flush();
    // 290 evicted and 160 deleted (a record and a delete line each): 610 garbage lines, over twice the 300 kept
    const later = await fill(s, 290, 20);
    await s.flush();
    for (const id of later.slice(0, 160)) s.delete(id);
    await s.flush();
    const bodiesFile = readdirSync(dir).find((f) => f.startsWith('bodies-'))!;
    assert.notEqual(bodiesFile, 'bodies-0.bin', 'compacted');
    const kept = await s.get(ids[299]);
    assert.equal(kept!.forward?.status, 202);
    assert.deepEqual({ ...kept, forward: undefined }, { ...meta(ids[299], 20), forward: undefined });
    assert.deepEqual(await s.getBody(ids[299]), bodyFor(ids[299], 20));
    await s.close();
    const r = await CaptureStore.open({ dir, maxCount: 300 });
    assert.equal((await r.get(ids[299]))!.forward?.status, 202);
    assert.deepEqual(await r.getBody(ids[290]), bodyFor(ids[290], 20));
    await r.close();
  });
  it('bounds the disk by bytes too: large bodies are compacted away long before 256 records pile up', async function () {
    this.timeout(20000);
    const s = await CaptureStore.open({ dir, maxCount: 10 });
    const big = Buffer.alloc(1 << 20, 7);
    let largest = 0;
    for (let i = 0; i < 150; i++) {
      const id = s.nextId();
      s.append({ meta: meta(id, big.length), body: big });
      if (i % 10 === 9) {
        await s.flush();
        const f = readdirSync(dir).find((x) => x.startsWith('bodies-'))!;
        largest = Math.max(largest, statSync(join(dir, f)).size);
      }
    }
    await s.close();
    // 10 live MB plus at most 64 MB of dropped bodies (and one batch) before a compaction
    assert.ok(largest <= 85 << 20, `bodies file reached ${(largest / (1 << 20)).toFixed(0)} MB`);
    assert.ok(largest >= 64 << 20, 'it did fill up to the byte threshold before compacting');
  });

  it('a reader drops what the writer dropped: read-only opens and later writers follow the recorded bounds', async () => {
    const s = await CaptureStore.open({ dir, maxCount: 5 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) { ids.push(...await fill(s, 1, 10)); await s.flush(); }
    await s.close();
    // 7 evicted after their records were written, too few to compact: those records are still in the file
    assert.equal(readFileSync(join(dir, 'captures.ndjson'), 'utf8').split('\n').filter((l) => l.includes('"bodyOffset"')).length, 12);
    const r = await CaptureStore.open({ dir, readOnly: true });
    assert.deepEqual(r.ids(), ids.slice(7));
    await r.close();
    // a writer with a larger bound does not bring the evicted ones back, and keeps more from now on
    const w = await CaptureStore.open({ dir, maxCount: 20 });
    assert.deepEqual(w.ids(), ids.slice(7));
    const more = await fill(w, 10, 10);
    assert.deepEqual(w.ids(), [...ids.slice(7), ...more]);
    await w.close();
    const r2 = await CaptureStore.open({ dir, readOnly: true });
    assert.deepEqual(r2.ids(), [...ids.slice(7), ...more]);
    await r2.close();
  });

  it('keeps captures whose ids are not plain numbers, across a reopen and a delete', async () => {
    const s = await CaptureStore.open({ dir });
    for (const id of ['abc', '007', 'x"y']) s.append({ meta: meta(id, 5), body: bodyFor('1', 5) });
    await s.close();
    const r = await CaptureStore.open({ dir });
    assert.deepEqual(r.ids(), ['abc', '007', 'x"y']);
    assert.equal((await r.get('x"y'))!.id, 'x"y');
    assert.equal(r.delete('007'), true);
    assert.equal(r.has('007'), false);
    assert.deepEqual(await r.getBody('abc'), bodyFor('1', 5));
    await r.close();
  });
});
