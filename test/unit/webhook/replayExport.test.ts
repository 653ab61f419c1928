import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { toCurl } from '../../../src/core/http/curlExport';
import { parseHttp } from '../../../src/core/http/parse';
import { captureToOutgoing } from '../../../src/core/webhook/export/outgoing';
import { toHar } from '../../../src/core/webhook/export/toHar';
import { toHttpText } from '../../../src/core/webhook/export/toHttp';
import { WebhookListener, type CaptureEvent } from '../../../src/core/webhook/listener';
import { resendHeaders, sendCapture, targetUrl } from '../../../src/core/webhook/replay';
import type { CaptureMeta } from '../../../src/core/webhook/types';

interface HarEntry {
  startedDateTime: string;
  request: { method: string; url: string; headers: Array<{ name: string; value: string }>; queryString: Array<{ name: string; value: string }>; postData?: object };
  response: { status: number };
}

interface Seen { method: string; url: string; rawHeaders: string[]; body: Buffer }

/** A second local server standing in for the user's app: records what it gets, answers 201 with a JSON body. */
async function appServer(): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
      res.writeHead(req.url?.startsWith('/fail') ? 503 : 201, { 'content-type': 'application/json', 'x-app': 'yes' });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

function meta(partial: Partial<CaptureMeta>): CaptureMeta {
  return {
    id: '7', method: 'POST', url: '/hook?x=1', rawHeaders: ['Host', '127.0.0.1:9999', 'Content-Type', 'application/json', 'X-Dup', 'a', 'X-Dup', 'b', 'Content-Length', '2', 'Connection', 'keep-alive'],
    httpVersion: '1.1', remoteAddress: '127.0.0.1', receivedAt: 1_700_000_000_000, durationMs: 2, bodySize: 2,
    reply: { status: 200, headers: [['content-type', 'application/json']], body: '{"ok":true,"id":"7"}', bodySize: 20, source: 'default' },
    ...partial,
  };
}

describe('webhook replay, forward and export', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => { for (const c of closers.splice(0)) await c(); });

  it('replays a capture to a second local server with its exact method, headers (minus hop-by-hop) and body', async () => {
    const app = await appServer();
    closers.push(() => new Promise((r) => app.server.close(() => r())));
    const body = Buffer.from([0, 1, 2, 255, 10]);
    const r = await sendCapture(meta({ method: 'PATCH', bodySize: 5 }), body, app.url);
    assert.equal(r.ok, true);
    assert.equal(r.status, 201);
    assert.equal(r.body, '{"received":true}');
    assert.ok(r.headers?.some(([k, v]) => k === 'x-app' && v === 'yes'));
    const got = app.seen[0];
    assert.equal(got.method, 'PATCH');
    assert.equal(got.url, '/hook?x=1');
    assert.deepEqual(got.body, body);
    const names = got.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    assert.deepEqual(names.filter((n) => n === 'x-dup').length, 2);
    assert.equal(got.rawHeaders[got.rawHeaders.findIndex((h) => h.toLowerCase() === 'content-length') + 1], '5');
    assert.notEqual(got.rawHeaders[got.rawHeaders.findIndex((h) => h.toLowerCase() === 'host') + 1], '127.0.0.1:9999');
  });

  it('a target with a path is used as is; without one the capture path is kept', () => {
    assert.equal(targetUrl('http://localhost:3000', '/a?b=1'), 'http://localhost:3000/a?b=1');
    assert.equal(targetUrl('localhost:3000', '/a'), 'http://localhost:3000/a');
    assert.equal(targetUrl('http://localhost:3000/webhooks', '/a?b=1'), 'http://localhost:3000/webhooks');
    assert.throws(() => targetUrl('ftp://x', '/'), /http/);
    assert.deepEqual(resendHeaders(['Host', 'h', 'Connection', 'x-secret-hop', 'X-Secret-Hop', '1', 'A', 'b', 'Transfer-Encoding', 'chunked']), ['A', 'b']);
  });

  it('a failed replay is a clear error, never silent', async () => {
    const app = await appServer();
    const port = Number(new URL(app.url).port);
    await new Promise<void>((r) => app.server.close(() => r()));
    const r = await sendCapture(meta({}), Buffer.from('{}'), `http://127.0.0.1:${port}`);
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /connection refused.*app running/);
  });

  it('auto-forwards every new capture and attaches the app response to it', async () => {
    const app = await appServer();
    closers.push(() => new Promise((r) => app.server.close(() => r())));
    const l = new WebhookListener({ forwardTo: app.url });
    closers.push(async () => { await l.stop(); l.dispose(); });
    const forwarded = new Promise<{ id: string; status?: number }>((resolve) => l.onDidForward((e) => resolve({ id: e.id, status: e.result.status })));
    let captured: CaptureEvent | undefined;
    l.onDidCapture((e) => { captured = e; });
    const url = await l.start();
    const res = await request(`${url}/stripe?live=0`, { method: 'POST', body: '{"id":"evt_1"}', headers: { 'stripe-signature': 't=1,v1=00' } });
    assert.equal(res.statusCode, 200);
    await res.body.text();
    const f = await forwarded;
    assert.equal(f.status, 201);
    assert.equal(captured?.meta.forward?.status, 201);
    assert.equal(app.seen[0].url, '/stripe?live=0');
    assert.equal(app.seen[0].body.toString(), '{"id":"evt_1"}');
    assert.ok(app.seen[0].rawHeaders.includes('t=1,v1=00'));
  });

  it('exports a capture as .http text that our parser reads back as the same request', () => {
    const m = meta({ rawHeaders: ['Host', 'localhost:8787', 'Content-Type', 'application/json', 'X-Dup', 'a', 'X-Dup', 'b', 'Content-Length', '13'] });
    const body = Buffer.from('{"a":[1,2,3]}');
    const x = toHttpText(m, body);
    assert.equal(x.bodyFile, undefined);
    const doc = parseHttp(x.text);
    assert.equal(doc.requests.length, 1);
    const r = doc.requests[0];
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'http://localhost:8787/hook?x=1');
    assert.deepEqual(r.headers.map((h) => [h.name, h.value]), [['Content-Type', 'application/json'], ['X-Dup', 'a'], ['X-Dup', 'b']]);
    assert.equal(r.body.kind, 'text');
    assert.equal(r.body.kind === 'text' && r.body.text, '{"a":[1,2,3]}');
    const based = parseHttp(toHttpText(m, body, { baseUrl: 'http://localhost:3000/' }).text).requests[0];
    assert.equal(based.url, 'http://localhost:3000/hook?x=1');
  });

  it('puts a body .http cannot carry (binary, {{, ###, trailing newline) in a side file', () => {
    for (const b of [Buffer.from([0, 255]), Buffer.from('{"t":"{{x}}"}'), Buffer.from('a\n### b'), Buffer.from('line\n')]) {
      const x = toHttpText(meta({ bodySize: b.length }), b);
      assert.deepEqual(x.bodyFile?.data, b);
      const r = parseHttp(x.text).requests[0];
      assert.equal(r.body.kind, 'file');
      assert.equal(r.body.kind === 'file' && r.body.path, `./${x.bodyFile!.name}`);
    }
  });

  it('exports as curl with shell-safe quoting, header order and exact bytes (checked by running sh)', function () {
    const texts = [Buffer.from(`it's "quoted" $HOME \`x\` \\ done`), Buffer.from([0x41, 0x0a, 0x01, 0xff]), Buffer.from([0x00, 0x25, 0x27, 0x5c, 0x80])];
    for (const body of texts) {
      const cmd = toCurl(captureToOutgoing(meta({ method: 'PUT' }), body));
      assert.match(cmd, /^(printf .* \| )?curl 'http:\/\/127\.0\.0\.1:9999\/hook\?x=1'/);
      assert.ok(cmd.indexOf("X-Dup: a") < cmd.indexOf("X-Dup: b"));
      assert.match(cmd, /-X 'PUT'/);
      // Run the command with a stand-in curl that writes its body argument (or stdin for @-) as bytes.
      const fake = `curl() { while [ $# -gt 0 ]; do if [ "$1" = --data-binary ]; then if [ "$2" = @- ]; then cat; else printf '%s' "$2"; fi; fi; shift; done; }\n`;
      let out: Buffer;
      try {
        out = execFileSync('bash', ['-c', fake + cmd]);
      } catch (e) {
        assert.fail(`bash could not run: ${cmd}\n${String(e)}`);
      }
      assert.deepEqual(out, body);
    }
    assert.equal(toCurl({ method: 'GET', url: 'http://x/', headers: [['Empty', '']] }, { multiline: false }), "curl 'http://x/' -H 'Empty;'");
    assert.equal(toCurl({ method: 'HEAD', url: 'http://x/', headers: [] }, { multiline: false }), "curl 'http://x/' --head");
  });

  it('exports a selection as HAR 1.2', () => {
    const a = meta({});
    const b = meta({ id: '8', method: 'GET', url: '/g?q=1&q=2', bodySize: 0, signature: { provider: 'github', valid: true } });
    const har = toHar([{ meta: a, body: Buffer.from('{}') }, { meta: b, body: Buffer.alloc(0) }, { meta: { ...a, id: '9' }, body: Buffer.from([0xff]) }]) as { log: { version: string; entries: HarEntry[] } };
    assert.equal(har.log.version, '1.2');
    assert.equal(har.log.entries.length, 3);
    const [e1, e2, e3] = har.log.entries;
    assert.equal(e1.request.method, 'POST');
    assert.equal(e1.request.url, 'http://127.0.0.1:9999/hook?x=1');
    assert.deepEqual(e1.request.postData, { mimeType: 'application/json', text: '{}' });
    assert.equal(e1.response.status, 200);
    assert.equal(e1.startedDateTime, '2023-11-14T22:13:20.000Z');
    assert.deepEqual(e2.request.queryString, [{ name: 'q', value: '1' }, { name: 'q', value: '2' }]);
    assert.equal(e2.request.postData, undefined);
    assert.deepEqual(e3.request.postData, { mimeType: 'application/json', text: '/w==', _encoding: 'base64' });
    assert.deepEqual(e1.request.headers[2], { name: 'X-Dup', value: 'a' });
  });
});
