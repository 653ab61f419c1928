import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { HttpSender } from '../../../../src/core/http/send';
import { close, listen, readBody } from './servers';

describe('HttpSender: requests, bodies and encodings', () => {
  let server: http.Server;
  let base: string;
  let sender: HttpSender;
  let tmp: string;
  const seen: Array<{ method: string; url: string; rawHeaders: string[]; body: Buffer }> = [];

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'apihook-send-'));
    server = http.createServer(async (req, res) => {
      const body = await readBody(req);
      seen.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body });
      const url = new URL(req.url ?? '/', 'http://x');
      const text = Buffer.from('{"message":"compressed hello"}'.repeat(20));
      switch (url.pathname) {
        case '/gzip': res.writeHead(200, { 'content-encoding': 'gzip' }); res.end(zlib.gzipSync(text)); return;
        case '/br': res.writeHead(200, { 'content-encoding': 'br' }); res.end(zlib.brotliCompressSync(text)); return;
        case '/deflate': res.writeHead(200, { 'content-encoding': 'deflate' }); res.end(zlib.deflateSync(text)); return;
        case '/deflate-raw': res.writeHead(200, { 'content-encoding': 'deflate' }); res.end(zlib.deflateRawSync(text)); return;
        case '/big': {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': 10 * 1024 * 1024 });
          const chunk = Buffer.alloc(1024 * 1024, 'a');
          for (let i = 0; i < 10; i++) res.write(chunk);
          res.end();
          return;
        }
        case '/big-gzip': {
          res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
          res.end(zlib.gzipSync(Buffer.alloc(6 * 1024 * 1024, 'b')));
          return;
        }
        case '/binary': res.writeHead(200, { 'content-type': 'application/octet-stream' }); res.end(Buffer.from([0, 1, 2, 3])); return;
        case '/dup': res.setHeader('x-dup', ['one', 'two']); res.end('ok'); return;
        default:
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ method: req.method, length: body.length }));
      }
    });
    base = `http://127.0.0.1:${await listen(server)}`;
    sender = new HttpSender({ tempDir: tmp });
  });
  after(async () => {
    sender.dispose();
    await close(server);
    rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(() => { seen.length = 0; });

  it('sends a GET and returns status, headers in order, body and final URL', async () => {
    const res = await sender.send({ method: 'GET', url: `${base}/dup`, headers: [] });
    assert.equal(res.status, 200);
    assert.equal(res.statusText, 'OK');
    assert.equal(res.httpVersion, '1.1');
    assert.deepEqual(res.headers.filter(([n]) => n === 'x-dup'), [['x-dup', 'one'], ['x-dup', 'two']]);
    assert.equal(res.body.kind, 'buffer');
    assert.equal(res.body.kind === 'buffer' && res.body.data.toString(), 'ok');
    assert.equal(res.url, `${base}/dup`);
    assert.deepEqual(res.redirects, []);
  });

  it('sends a POST body with Content-Length and keeps request headers in order, duplicates included', async () => {
    const res = await sender.send({
      method: 'post', url: `${base}/echo`,
      headers: [['X-Zeta', '1'], ['Content-Type', 'application/json'], ['X-Alpha', '2'], ['X-Zeta', '3']],
      body: { kind: 'buffer', data: Buffer.from('{"a":1}') },
    });
    assert.equal(res.status, 200);
    const got = seen[0];
    assert.equal(got.method, 'POST');
    assert.equal(got.body.toString(), '{"a":1}');
    const names = got.rawHeaders.filter((_, i) => i % 2 === 0).filter((n) => n.startsWith('X-') || n === 'Content-Type');
    assert.deepEqual(names, ['X-Zeta', 'Content-Type', 'X-Alpha', 'X-Zeta']);
    const cl = got.rawHeaders.findIndex((n) => n.toLowerCase() === 'content-length');
    assert.equal(got.rawHeaders[cl + 1], '7');
    assert.equal(res.request.method, 'POST');
  });

  it('streams a file body from disk with its length', async () => {
    const file = join(tmp, 'payload.json');
    writeFileSync(file, '{"from":"file"}');
    await sender.send({ method: 'PUT', url: `${base}/echo`, headers: [], body: { kind: 'file', path: file } });
    assert.equal(seen[0].body.toString(), '{"from":"file"}');
    const cl = seen[0].rawHeaders.findIndex((n) => n.toLowerCase() === 'content-length');
    assert.equal(seen[0].rawHeaders[cl + 1], String('{"from":"file"}'.length));
  });

  it('sends multipart parts in order with the file streamed in, and adds the boundary Content-Type', async () => {
    const file = join(tmp, 'logo.bin');
    writeFileSync(file, Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    const head = Buffer.from('--XB\r\nContent-Disposition: form-data; name="f"; filename="logo.bin"\r\n\r\n');
    const tail = Buffer.from('\r\n--XB--\r\n');
    await sender.send({
      method: 'POST', url: `${base}/upload`, headers: [],
      body: { kind: 'multipart', boundary: 'XB', parts: [{ kind: 'buffer', data: head }, { kind: 'file', path: file }, { kind: 'buffer', data: tail }] },
    });
    assert.deepEqual(seen[0].body, Buffer.concat([head, Buffer.from([0xde, 0xad, 0xbe, 0xef]), tail]));
    const ct = seen[0].rawHeaders.findIndex((n) => n.toLowerCase() === 'content-type');
    assert.equal(seen[0].rawHeaders[ct + 1], 'multipart/form-data; boundary=XB');
    const cl = seen[0].rawHeaders.findIndex((n) => n.toLowerCase() === 'content-length');
    assert.equal(seen[0].rawHeaders[cl + 1], String(head.length + 4 + tail.length));
  });

  for (const path of ['/gzip', '/br', '/deflate', '/deflate-raw']) {
    it(`decodes a ${path.slice(1)} response body`, async () => {
      const res = await sender.send({ method: 'GET', url: `${base}${path}`, headers: [['Accept-Encoding', 'gzip, deflate, br']] });
      assert.equal(res.body.kind, 'buffer');
      assert.equal(res.body.kind === 'buffer' && res.body.data.toString(), '{"message":"compressed hello"}'.repeat(20));
    });
  }

  it('writes a 10 MB body to a temp file above the threshold', async () => {
    const res = await sender.send({ method: 'GET', url: `${base}/big`, headers: [] });
    assert.equal(res.body.kind, 'file');
    if (res.body.kind !== 'file') return;
    assert.equal(res.body.size, 10 * 1024 * 1024);
    assert.ok(res.body.path.startsWith(tmp));
    assert.equal(statSync(res.body.path).size, 10 * 1024 * 1024);
    assert.ok(res.body.path.endsWith('.json'));
  });

  it('switches a decoded body to disk once it passes the threshold', async () => {
    const res = await sender.send({ method: 'GET', url: `${base}/big-gzip`, headers: [] });
    assert.equal(res.body.kind, 'file');
    if (res.body.kind !== 'file') return;
    assert.equal(res.body.size, 6 * 1024 * 1024);
    const data = readFileSync(res.body.path);
    assert.equal(data.length, 6 * 1024 * 1024);
    assert.ok(data.every((b) => b === 0x62));
  });

  it('keeps a small body in memory under a raised threshold and writes binary bodies to disk', async () => {
    const small = new HttpSender({ tempDir: tmp, maxInMemoryBody: 20 * 1024 * 1024 });
    try {
      const big = await small.send({ method: 'GET', url: `${base}/big`, headers: [] });
      assert.equal(big.body.kind, 'buffer');
      const bin = await small.send({ method: 'GET', url: `${base}/binary`, headers: [] });
      assert.equal(bin.body.kind, 'file');
      assert.ok(bin.body.kind === 'file' && existsSync(bin.body.path) && bin.body.size === 4);
    } finally {
      small.dispose();
    }
  });

  it('runs requests side by side on one sender, each getting its own response', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => sender.send({
      method: 'POST', url: `${base}/echo?i=${i}`, headers: [], body: { kind: 'buffer', data: Buffer.alloc(i, 'x') },
    })));
    assert.deepEqual(results.map((r) => r.body.kind === 'buffer' && JSON.parse(r.body.data.toString()).length), [1, 2, 3, 4, 5]);
    assert.deepEqual(results.map((r) => r.url), [1, 2, 3, 4, 5].map((i) => `${base}/echo?i=${i}`));
  });

  it('records a timing breakdown: connection phases on a new socket, none on a reused one', async () => {
    const fresh = new HttpSender();
    try {
      const first = await fresh.send({ method: 'GET', url: `${base}/echo`, headers: [] });
      const t = first.timings;
      assert.equal(t.dns, undefined, 'an IP literal needs no lookup');
      assert.equal(t.tls, undefined, 'plain http has no TLS');
      assert.ok(t.connect !== undefined && t.connect >= 0);
      assert.ok(t.connect <= t.firstByte && t.firstByte <= t.total && t.download >= 0);
      assert.ok(t.firstByte + t.download <= t.total + 1e-6);
      // wait until the first socket is idle again, so the pool hands it out
      await new Promise((r) => setImmediate(r));
      const second = await fresh.send({ method: 'GET', url: `${base}/echo`, headers: [] });
      assert.equal(second.timings.connect, undefined);
      assert.ok(second.timings.firstByte <= second.timings.total);
      const named = await fresh.send({ method: 'GET', url: base.replace('127.0.0.1', 'localhost') + '/echo', headers: [] });
      const n = named.timings;
      assert.ok(n.dns !== undefined && n.connect !== undefined, 'a host name is looked up on a new socket');
      assert.ok(n.dns <= n.connect && n.connect <= n.firstByte);
    } finally {
      fresh.dispose();
    }
  });
});
