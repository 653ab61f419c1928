import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { UserFacingError } from '../../../src/core/common/errors';
import { WebhookListener, type CaptureEvent, type ListenerOptions } from '../../../src/core/webhook/listener';
import { PortInUseError } from '../../../src/core/webhook/ports';
import { CaptureStore } from '../../../src/core/webhook/store/captureStore';
import { summarize } from '../../../src/core/webhook/types';
import { createHmac } from 'node:crypto';

/** Sends raw bytes on a new connection and returns everything the server wrote until it closed. */
function raw(port: number, ...parts: Array<string | Buffer>): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    s.on('data', (c) => chunks.push(c));
    s.on('error', reject);
    s.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    for (const p of parts) s.write(p);
  });
}

describe('webhook listener', () => {
  const listeners: WebhookListener[] = [];
  async function start(opts: ListenerOptions = {}): Promise<{ l: WebhookListener; url: string; port: number; captures: CaptureEvent[]; next: () => Promise<CaptureEvent> }> {
    const l = new WebhookListener({ port: 0, ...opts });
    listeners.push(l);
    const captures: CaptureEvent[] = [];
    const waiters: Array<(e: CaptureEvent) => void> = [];
    l.onDidCapture((e) => { const w = waiters.shift(); if (w) w(e); else captures.push(e); });
    const url = await l.start();
    const next = () => (captures.length ? Promise.resolve(captures.shift()!) : new Promise<CaptureEvent>((r) => waiters.push(r)));
    return { l, url, port: l.port!, captures, next };
  }
  afterEach(async () => { for (const l of listeners.splice(0)) { await l.stop(); l.dispose(); } });

  it('binds 127.0.0.1 by default and says it is not exposed', async () => {
    const { l, url } = await start();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(l.exposedBeyondLoopback, false);
    assert.equal(new WebhookListener({ host: '0.0.0.0' }).exposedBeyondLoopback, true);
  });

  it('captures every method on any path with the query, answering 200 {"ok":true,"id"}', async () => {
    const { url, next } = await start();
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PURGE']) {
      const res = await request(`${url}/any/path/${method}?a=1&a=2&b=%20`, { method, body: ['GET', 'HEAD'].includes(method) ? undefined : 'x' });
      const text = await res.body.text();
      const cap = await next();
      assert.equal(cap.meta.method, method);
      assert.equal(cap.meta.url, `/any/path/${method}?a=1&a=2&b=%20`);
      assert.equal(res.statusCode, 200);
      if (method !== 'HEAD') assert.deepEqual(JSON.parse(text), { ok: true, id: cap.meta.id });
      assert.equal(cap.meta.reply.status, 200);
      assert.equal(cap.meta.reply.source, 'default');
      assert.equal(cap.meta.remoteAddress, '127.0.0.1');
      assert.equal(cap.meta.httpVersion, '1.1');
    }
  });

  it('keeps raw header names, order and duplicates, and chunked and fixed-length bodies byte for byte', async () => {
    const { port, next } = await start();
    const fixed = await raw(port, 'POST /fixed HTTP/1.1\r\nHost: h\r\nX-Twice: one\r\nx-CASE: Mixed\r\nX-Twice: two\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello');
    assert.match(fixed, /^HTTP\/1\.1 200/);
    const a = await next();
    assert.deepEqual(a.meta.rawHeaders, ['Host', 'h', 'X-Twice', 'one', 'x-CASE', 'Mixed', 'X-Twice', 'two', 'Content-Length', '5', 'Connection', 'close']);
    assert.equal(a.body.toString(), 'hello');
    await raw(port, 'POST /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n', '3\r\nabc\r\n', Buffer.from('4\r\n\r\n\0\xff\r\n', 'latin1'), '0\r\n\r\n');
    const b = await next();
    assert.deepEqual(b.body, Buffer.from('abc\r\n\0\xff', 'latin1'));
    assert.equal(b.meta.bodySize, 7);
  });

  it('keeps binary bodies and gzip-encoded bodies exactly as sent (never decoded)', async () => {
    const { url, next } = await start();
    const bin = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await (await request(`${url}/bin`, { method: 'POST', body: bin, headers: { 'content-type': 'application/octet-stream' } })).body.text();
    assert.deepEqual((await next()).body, bin);
    const gz = gzipSync(Buffer.from('{"compressed":true}'));
    await (await request(`${url}/gz`, { method: 'POST', body: gz, headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' } })).body.text();
    const cap = await next();
    assert.deepEqual(cap.body, gz);
    assert.equal(gunzipSync(cap.body).toString(), '{"compressed":true}');
  });

  it('answers 413 for a body over the limit and records it as rejected (announced or streamed)', async () => {
    const { port, url, next } = await start({ maxBodyBytes: 100 });
    const announced = await raw(port, 'POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000\r\n\r\n', 'x'.repeat(50));
    assert.match(announced, /^HTTP\/1\.1 413/);
    const a = await next();
    assert.equal(a.meta.reply.status, 413);
    assert.deepEqual(a.meta.rejected, { reason: 'body-too-large', receivedBytes: 1000000, limit: 100 });
    assert.equal(summarize(a.meta).rejected, true);
    const streamed = await raw(port, 'POST /big2 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n', `c8\r\n${'y'.repeat(200)}\r\n`, '0\r\n\r\n');
    assert.match(streamed, /^HTTP\/1\.1 413/);
    const b = await next();
    assert.equal(b.meta.rejected?.receivedBytes, 200);
    assert.equal(b.body.length, 0);
    const ok = await request(`${url}/small`, { method: 'POST', body: 'z'.repeat(100) });
    assert.equal(ok.statusCode, 200);
    await ok.body.text();
    assert.equal((await next()).body.length, 100);
  });

  it('answers 400 to a malformed request line and keeps serving', async () => {
    const { l, url, port, next } = await start();
    const bad = await raw(port, 'THIS IS NOT HTTP\r\n\r\n');
    assert.match(bad, /^HTTP\/1\.1 400/);
    const bad2 = await raw(port, 'GET /x HTTP/1.1\r\nBad Header Line\r\n\r\n');
    assert.match(bad2, /^HTTP\/1\.1 400/);
    assert.equal(l.stats.malformed, 2);
    const res = await request(`${url}/after`);
    assert.equal(res.statusCode, 200);
    await res.body.text();
    assert.equal((await next()).meta.url, '/after');
  });

  it('counts a request cut off mid-body as aborted, captures nothing for it, and keeps serving', async () => {
    const { l, url, port, captures } = await start();
    await new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.write('POST /cut HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n' + 'x'.repeat(10));
        setTimeout(() => { s.destroy(); resolve(); }, 50);
      });
    });
    const deadline = Date.now() + 2000;
    while (l.stats.aborted === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(l.stats.aborted, 1);
    await l.idle();
    assert.equal(captures.length, 0);
    const res = await request(`${url}/after`, { method: 'POST', body: 'ok' });
    assert.equal(res.statusCode, 200);
    await res.body.text();
  });

  it('times out a client that never finishes its headers, and keeps serving', async () => {
    const { l, url, port } = await start({ headersTimeoutMs: 150, requestTimeoutMs: 150, timeoutCheckIntervalMs: 30 });
    const slow = await raw(port, 'POST /slow HTTP/1.1\r\nHost: h\r\nX-Partial: ');
    assert.match(slow, /^HTTP\/1\.1 408/);
    assert.equal(l.stats.timedOut, 1);
    const res = await request(`${url}/after`);
    assert.equal(res.statusCode, 200);
    await res.body.text();
  });

  it('a port in use gives a UserFacingError port-in-use that offers a free port', async () => {
    const { port } = await start();
    const second = new WebhookListener({ port });
    listeners.push(second);
    const err = await second.start().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof UserFacingError && err instanceof PortInUseError);
    assert.equal(err.code, 'port-in-use');
    assert.ok(err.freePort && err.freePort !== port);
    assert.match(err.hint ?? '', new RegExp(String(err.freePort)));
  });

  it('asks responders first, then rules, then endpoints; verifies endpoint signatures with the SecretSource', async () => {
    const secrets = new Map([['gh-main', 'endpoint-secret'], ['stripe', 'unused']]);
    const { url, next } = await start({
      // a responder's reply is recorded whole, even if it claims to be the built-in one
      responders: [(req) => (req.url.startsWith('/api/webhooks/') ? { status: 204, body: '', source: 'discord-emulator', builtin: true } : undefined)],
      rules: {
        rules: [{ method: 'POST', path: '/fail/*', status: 500, body: 'boom', headers: { 'x-rule': '1' } }],
        endpoints: [{ name: 'gh-main', path: '/github', provider: 'github', status: 202, body: 'accepted' }],
      },
      secrets: { getSecret: async (k) => secrets.get(k) },
    });
    const r1 = await request(`${url}/api/webhooks/1/abc`, { method: 'POST', body: '{}' });
    assert.equal(r1.statusCode, 204); await r1.body.text();
    const c1 = await next();
    assert.equal(c1.meta.reply.source, 'discord-emulator');
    assert.notEqual(c1.meta.reply.builtin, true);
    const r2 = await request(`${url}/fail/now`, { method: 'POST', body: '{}' });
    assert.equal(r2.statusCode, 500); assert.equal(r2.headers['x-rule'], '1'); assert.equal(await r2.body.text(), 'boom');
    assert.equal((await next()).meta.reply.source, 'rule:POST /fail/*');
    const body = '{"zen":"Keep it logically awesome."}';
    const sig = 'sha256=' + createHmac('sha256', 'endpoint-secret').update(body).digest('hex');
    const r3 = await request(`${url}/github/hooks`, { method: 'POST', body, headers: { 'x-hub-signature-256': sig } });
    assert.equal(r3.statusCode, 202); assert.equal(await r3.body.text(), 'accepted');
    const c3 = await next();
    assert.equal(c3.meta.endpoint, 'gh-main');
    assert.deepEqual(c3.meta.signature, { provider: 'github', valid: true });
    const r4 = await request(`${url}/elsewhere`, { method: 'POST', body, headers: { 'x-hub-signature-256': sig } });
    await r4.body.text();
    assert.deepEqual((await next()).meta.signature, { provider: 'github', valid: null, reason: 'no secret configured' });
  });

  it('waits the configured delay before answering: a later request to another path is answered first', async () => {
    const { url, next } = await start({ rules: { rules: [{ path: '/slow', delayMs: 200 }] } });
    const order: string[] = [];
    const slow = request(`${url}/slow`).then(async (r) => { await r.body.text(); order.push('slow'); });
    const fast = request(`${url}/fast`).then(async (r) => { await r.body.text(); order.push('fast'); });
    await Promise.all([slow, fast]);
    assert.deepEqual(order, ['fast', 'slow']);
    const caps = [await next(), await next()];
    assert.equal(caps.find((c) => c.meta.url === '/slow')?.meta.reply.source, 'rule:/slow');
  });

  it('persists captures in a store across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apihook-listen-'));
    try {
      const store = await CaptureStore.open({ dir });
      const { l, url, next } = await start({ sink: store, rules: { rules: [{ path: '/custom', status: 201, body: 'made' }] } });
      const body = Buffer.from([1, 2, 3, 250]);
      const res = await request(`${url}/persist?x=1`, { method: 'POST', body });
      const text = await res.body.text();
      const cap = await next();
      await (await request(`${url}/custom`, { method: 'POST', body: 'y' })).body.text();
      const custom = await next();
      // the built-in reply is recorded in short; what is read back is what went over the wire
      assert.equal(cap.meta.reply.builtin, true);
      assert.equal(custom.meta.reply.builtin, undefined);
      assert.equal(cap.meta.reply.body, text);
      for (const [name, value] of cap.meta.reply.headers) assert.equal(res.headers[name], value, name);
      await l.stop();
      await store.close();
      const reopened = await CaptureStore.open({ dir });
      assert.deepEqual(reopened.ids(), [cap.meta.id, custom.meta.id]);
      assert.deepEqual(await reopened.get(cap.meta.id), cap.meta);
      assert.deepEqual(await reopened.get(custom.meta.id), custom.meta);
      assert.deepEqual(await reopened.list(), [cap.meta, custom.meta]);
      assert.deepEqual(await reopened.getBody(cap.meta.id), body);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
