import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createResponseView, type ResponseView } from '../../../../src/core/http/assert/responseView';
import { GlobalStore } from '../../../../src/core/http/scripts/globalStore';
import { runPreRequestScript, runResponseHandler, type ScriptEnvironment, type ScriptSource } from '../../../../src/core/http/scripts/runScripts';
import { saveResponseBody } from '../../../../src/core/http/scripts/saveResponse';
import { fetchResponse, startServer } from '../assert/realServer';

function source(code: string, line = 10): ScriptSource {
  return { code, filename: 'api.http', lineOffset: line + 1, line };
}

describe('JetBrains scripts (client, response, request) in node:vm', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let view: ResponseView;
  let textView: ResponseView;
  let globals: GlobalStore;

  function env(over: Partial<ScriptEnvironment> = {}): ScriptEnvironment {
    return {
      allowScripts: true, timeoutMs: 1000, globals, requestVariables: new Map(), environment: (n) => ({ host: 'localhost' } as Record<string, string>)[n],
      request: { method: 'GET', url: '{{host}}/x' }, ...over,
    };
  }

  before(async () => {
    server = await startServer({
      '/login': () => ({ headers: { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }, body: JSON.stringify({ token: 'tok-123', user: { id: 5 } }) }),
      '/text': () => ({ status: 418, headers: { 'content-type': 'text/plain; charset=iso-8859-1' }, body: 'teapot' }),
    });
    const r = await fetchResponse(`${server.base}/login`);
    view = createResponseView(r, r.body.kind === 'buffer' ? r.body.data : Buffer.alloc(0));
    const t = await fetchResponse(`${server.base}/text`);
    textView = createResponseView(t, t.body.kind === 'buffer' ? t.body.data : Buffer.alloc(0));
  });
  after(() => server.close());
  beforeEach(() => { globals = new GlobalStore(); });

  it('response exposes status, parsed JSON body, headers.valueOf/valuesOf and contentType', () => {
    const out = runResponseHandler(source(`
      client.test("status", () => client.assert(response.status === 200, "status is " + response.status));
      client.test("body", () => client.assert(response.body.token === "tok-123" && response.body.user.id === 5, "body"));
      client.test("headers", () => {
        client.assert(response.headers.valueOf("Content-Type") === "application/json", "valueOf");
        client.assert(response.headers.valuesOf("set-cookie").join("|") === "a=1|b=2", "valuesOf");
        client.assert(response.headers.valueOf("x-none") === null, "missing header is null");
      });
      client.test("content type", () => client.assert(response.contentType.mimeType === "application/json", "mime"));
    `), view, env());
    assert.equal(out.error, undefined);
    assert.deepEqual(out.tests.map((t) => [t.name, t.passed, t.message]), [['status', true, ''], ['body', true, ''], ['headers', true, ''], ['content type', true, '']]);
    assert.deepEqual(out.tests.map((t) => t.line), [12, 13, 14, 19]);
  });

  it('a text body is a string and its charset is reported', () => {
    const out = runResponseHandler(source(`client.test("t", () => { client.assert(response.body === "teapot", typeof response.body); client.assert(response.contentType.charset === "iso-8859-1", response.contentType.charset); client.assert(response.status === 418, "s"); });`), textView, env());
    assert.deepEqual(out.tests.map((t) => t.passed), [true]);
  });

  it('failing tests record the message; other tests still run', () => {
    const out = runResponseHandler(source(`
      client.test("fails", function () { client.assert(response.status === 201, "expected 201"); });
      client.test("throws", function () { throw new Error("boom"); });
      client.test("passes", function () {});
    `), view, env());
    assert.deepEqual(out.tests.map((t) => [t.name, t.passed, t.message]), [['fails', false, 'expected 201'], ['throws', false, 'boom'], ['passes', true, '']]);
    assert.equal(out.error, undefined);
  });

  it('client.assert outside a test and thrown errors fail the script with a message', () => {
    const a = runResponseHandler(source('client.assert(false, "top-level check")'), view, env());
    assert.equal(a.error, 'AssertionError: top-level check (line 12)');
    const b = runResponseHandler(source('\nresponse.nothing.here'), view, env());
    assert.match(b.error ?? '', /TypeError: .* \(line 13\)/);
    const c = runResponseHandler(source('client.test("x", ('), view, env());
    assert.match(c.error ?? '', /syntax error in api\.http/);
  });

  it('client.exit() and a top-level return end a script early without failing it', () => {
    const out = runResponseHandler(source('client.test("a", () => {}); client.exit(); client.test("never", () => {});'), view, env());
    assert.equal(out.error, undefined);
    assert.deepEqual(out.tests.map((t) => t.name), ['a']);
    const ret = runResponseHandler(source('if (response.status === 200) { return; }\nclient.test("never", () => {});'), view, env());
    assert.equal(ret.error, undefined);
    assert.deepEqual(ret.tests, []);
  });

  it('client.global set/get/clear/clearAll/isEmpty, and client.log / console.log', () => {
    const out = runResponseHandler(source(`
      client.log("empty?", client.global.isEmpty());
      client.global.set("token", response.body.token);
      client.global.set("user", response.body.user);
      client.global.set("n", 3);
      client.global.set("gone", "x");
      client.global.clear("gone");
      console.log("token is", client.global.get("token"), client.global.get("gone"));
    `), view, env());
    assert.equal(out.error, undefined);
    assert.deepEqual(out.logs, ['empty? true', 'token is tok-123 null']);
    assert.deepEqual([...globals.entries()], [['token', 'tok-123'], ['user', '{"id":5}'], ['n', '3']]);
    const cleared = runResponseHandler(source('client.global.clearAll(); client.log(client.global.isEmpty())'), view, env());
    assert.deepEqual(cleared.logs, ['true']);
    assert.equal(globals.size, 0);
  });

  it('pre-request scripts set request variables and read the environment, method and url', () => {
    const vars = new Map<string, string>();
    globals.set('seen', 'g');
    const out = runPreRequestScript(source(`
      request.variables.set("stamp", 42);
      request.variables.set("fromEnv", request.environment.get("host") + "|" + request.environment.get("nope"));
      request.variables.set("shape", request.method + " " + request.url.getRaw() + " " + request.url.tryGetSubstituted());
      client.log(request.variables.get("stamp"), client.global.get("seen"));
    `), env({ requestVariables: vars, request: { method: 'POST', url: '{{host}}/x', substitutedUrl: () => 'localhost/x' } }));
    assert.equal(out.error, undefined);
    assert.equal(out.kind, 'pre-request');
    assert.deepEqual(Object.fromEntries(vars), { stamp: '42', fromEnv: 'localhost|null', shape: 'POST {{host}}/x localhost/x' });
    assert.deepEqual(out.logs, ['42 g']);
  });

  it('an endless loop stops at the time limit with a clear message, inside or outside client.test', () => {
    const top = runResponseHandler(source('while (true) {}'), view, env({ timeoutMs: 50 }));
    assert.match(top.error ?? '', /stopped after 50 ms \(time limit/);
    const inTest = runResponseHandler(source('client.test("spin", () => { for (;;) {} }); client.test("after", () => {});'), view, env({ timeoutMs: 50 }));
    assert.match(inTest.error ?? '', /stopped after 50 ms/);
    const pre = runPreRequestScript(source('for(;;){}'), env({ timeoutMs: 50 }));
    assert.match(pre.error ?? '', /stopped after 50 ms/);
  });

  it('scripts are skipped with a visible note when not allowed, and change nothing', () => {
    const out = runResponseHandler(source('client.global.set("x", 1); client.test("t", () => {})'), view, env({ allowScripts: false }));
    assert.match(out.skipped ?? '', /scripts are not allowed.*--allow-scripts/);
    assert.deepEqual(out.tests, []);
    assert.equal(globals.size, 0);
    const pre = runPreRequestScript(source('request.variables.set("a", 1)'), env({ allowScripts: false }));
    assert.ok(pre.skipped);
  });

  it('GlobalStore notifies on change', () => {
    const seen: Array<string | undefined> = [];
    const off = globals.onDidChange((n) => seen.push(n));
    globals.set('a', 1);
    globals.delete('a');
    globals.delete('a');
    globals.clear();
    off();
    globals.set('b', 2);
    assert.deepEqual(seen, ['a', 'a', undefined]);
  });
});

describe('>> / >>! response redirects', () => {
  let dir: string;
  const fs = {
    exists: async (f: string) => existsSync(f),
    writeFile: async (f: string, d: Buffer) => { await mkdir(dirname(f), { recursive: true }); await writeFile(f, d); },
  };
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'apihook-save-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('>> writes, then picks name-1, name-2 when the file exists; >>! overwrites', async () => {
    const range = { startLine: 1, endLine: 1 };
    const first = await saveResponseBody({ path: 'out/res.json', overwrite: false, range }, Buffer.from('1'), dir, fs);
    const second = await saveResponseBody({ path: 'out/res.json', overwrite: false, range }, Buffer.from('2'), dir, fs);
    const third = await saveResponseBody({ path: './out/res.json', overwrite: false, range }, Buffer.from('3'), dir, fs);
    assert.deepEqual([first, second, third], [join(dir, 'out/res.json'), join(dir, 'out/res-1.json'), join(dir, 'out/res-2.json')]);
    assert.deepEqual([first, second, third].map((f) => readFileSync(f, 'utf8')), ['1', '2', '3']);
    const forced = await saveResponseBody({ path: 'out/res.json', overwrite: true, range }, Buffer.from('4'), dir, fs);
    assert.equal(forced, join(dir, 'out/res.json'));
    assert.equal(readFileSync(forced, 'utf8'), '4');
    writeFileSync(join(dir, 'noext'), 'x');
    assert.equal(await saveResponseBody({ path: 'noext', overwrite: false, range }, Buffer.from('5'), dir, fs), join(dir, 'noext-1'));
  });
});
