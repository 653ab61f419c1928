import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { parseAssertion } from '../../../../src/core/http/assert/parseAssertion';
import { parseHttp } from '../../../../src/core/http/parse';
import { wrapScript } from '../../../../src/core/http/scripts/runScripts';
import { unsupportedScript } from '../../../../src/core/http/run/scriptSources';
import { startServer } from '../assert/realServer';
import { harness } from './harness';

const corpus = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'conformance', 'http-corpus');
const TESTS = /^\s*(> \{%|< \{%|\?\?|>>)/m;

function corpusFiles(): string[] {
  return readdirSync(corpus).filter((f) => /\.(http|rest)$/.test(f)).filter((f) => TESTS.test(readFileSync(join(corpus, f), 'utf8')));
}

describe('http-corpus files with tests (handlers, ?? assertions, >> redirects)', function () {
  before(function () {
    if (!existsSync(corpus)) {
      console.log(`    (skipped: ${corpus} is not there)`);
      this.skip();
    }
  });

  it('every handler, pre-request script, assertion and redirect is found at the right lines, and scripts compile', () => {
    const files = corpusFiles();
    assert.ok(files.length >= 10, `only ${files.length} corpus files carry tests`);
    let scripts = 0;
    let assertions = 0;
    for (const f of files) {
      const text = readFileSync(join(corpus, f), 'utf8');
      const lines = text.split(/\r?\n/);
      const doc = parseHttp(text);
      const found = { assert: new Set<number>(), handler: new Set<number>(), pre: new Set<number>(), redirect: new Set<number>() };
      for (const r of doc.requests) {
        for (const a of r.assertions) {
          assert.match(lines[a.line]!, /^\s*\?\?/, `${f}:${a.line + 1}`);
          assert.equal(a.text, lines[a.line]!.trim().slice(2).trim(), `${f}:${a.line + 1}`);
          const parsed = parseAssertion(a.text);
          assert.ok(parsed.ok, `${f}:${a.line + 1}: ${parsed.ok ? '' : parsed.error}`);
          found.assert.add(a.line);
          assertions++;
        }
        for (const [kind, list] of [['handler', r.handlers], ['pre', r.preScripts]] as const) {
          for (const s of list) {
            const open = lines[s.range.startLine]!;
            found[kind].add(s.range.startLine);
            if (s.kind === 'file') { assert.match(open, kind === 'handler' ? /^\s*>\s*\S/ : /^\s*<\s*\S/, `${f}:${s.range.startLine + 1}`); continue; }
            if (unsupportedScript(s, lines)) continue;
            assert.match(open, kind === 'handler' ? /^\s*>\s*\{%/ : /^\s*<\s*\{%/, `${f}:${s.range.startLine + 1}`);
            assert.match(lines[s.range.endLine]!, /%\}\s*$/, `${f}:${s.range.endLine + 1}`);
            assert.doesNotThrow(() => new vm.Script(wrapScript(s.source), { filename: f }), `${f}:${s.range.startLine + 1} does not compile`);
            scripts++;
          }
        }
        for (const rd of r.redirects) {
          assert.match(lines[rd.range.startLine]!, rd.overwrite ? /^\s*>>!/ : /^\s*>>(?!!)/);
          assert.ok(lines[rd.range.startLine]!.includes(rd.path));
          found.redirect.add(rd.range.startLine);
        }
      }
      // the other direction: every such line in the file belongs to a request
      lines.forEach((l, i) => {
        if (/^\s*\?\?/.test(l)) assert.ok(found.assert.has(i), `${f}:${i + 1} assertion not found`);
        if (/^\s*> \{%/.test(l)) assert.ok(found.handler.has(i), `${f}:${i + 1} handler not found`);
        if (/^\s*< \{%/.test(l)) assert.ok(found.pre.has(i) || doc.requests.every((r) => r.range.startLine > i || r.requestLine < i), `${f}:${i + 1} pre-request script not found`);
        if (/^\s*>>/.test(l)) assert.ok(found.redirect.has(i), `${f}:${i + 1} redirect not found`);
      });
    }
    assert.ok(scripts >= 40 && assertions >= 20, `${scripts} scripts, ${assertions} assertions`);
  });

  it('runs the httpYac people file against a local server shaped like its API', async () => {
    const file = join(corpus, 'Zjyslav__AspWebApiHttpyacTestsDemo__AspWebApiHttpyacTestsDemo.Api__AspWebApiHttpyacTestsDemo.Api.http');
    const people = new Map<string, unknown>();
    const server = await startServer({
      'GET /people': () => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify([...people.values()]) }),
      'GET /people/1': () => (people.has('1') ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(people.get('1')) } : { status: 404 }),
      'POST /people': (_req, body) => { people.set('1', { ...(JSON.parse(body.toString()) as object), Id: 1 }); return { status: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify(people.get('1')) }; },
    });
    const h = harness({ vars: { host: server.base } });
    try {
      const r = await h.run(readFileSync(file, 'utf8'));
      assert.deepEqual(r.requests.map((x) => [x.method, x.status, x.passed]), [['GET', 200, true], ['GET', 404, true], ['POST', 201, true], ['GET', 200, true]]);
      assert.equal(r.requests.flatMap((x) => x.assertions).length, 4);
    } finally {
      h.dispose();
      await server.close();
    }
  });

  it('runs the JetBrains ktor JWT file: the login handler stores tokens in client.global, later requests send them', async () => {
    const file = join(corpus, 'Bloody-Badboy__ktor-jwt-auth-demo__requests.http');
    const seen: string[] = [];
    const json = (body: unknown, status = 200) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const authed = (name: string) => (req: { headers: Record<string, string | string[] | undefined> }, body: Buffer) => {
      seen.push(`${name} ${req.headers.authorization ?? '-'} ${body.toString().includes('refresh-2') ? 'refresh-2' : ''}`.trim());
      return req.headers.authorization === 'Bearer access-1' ? json({ ok: true }) : json({ error: 'unauthorised' }, 401);
    };
    const server = await startServer({
      'POST /user/register': () => json({ id: 1 }, 201),
      'POST /auth/login': (_req, body) => (JSON.parse(body.toString()) as { password?: string }).password === 'secret'
        ? json({ tokens: { access_token: 'access-1', refresh_token: 'refresh-2' } }) : json({ error: 'bad' }, 401),
      'POST /auth/logout': authed('logout'), 'POST /auth/refreshToken': authed('refresh'), 'GET /auth/hello': authed('hello'),
      'GET /user': authed('user'), 'DELETE /user': authed('delete'), 'POST /auth/sendOtp': authed('sendOtp'), 'POST /auth/verifyOtp': authed('verifyOtp'),
    });
    const h = harness({ env: { base_url: server.base } });
    try {
      const r = await h.run(readFileSync(file, 'utf8'));
      assert.deepEqual(r.requests.map((x) => [x.label, x.status, x.passed]), [
        ['POST {{base_url}}/user/register', 201, true], ['Login', 200, true], ['Logout', 200, true], ['Refresh Access Token', 200, true], ['Auth Hello', 200, true],
        ['Get User Profile', 200, true], ['Delete User Account', 200, true], ['Send Account Verification OTP', 200, true], ['Verify Account Verification OTP', 200, true],
      ]);
      assert.deepEqual(seen, ['logout Bearer access-1 refresh-2', 'refresh Bearer access-1 refresh-2', 'hello Bearer access-1', 'user Bearer access-1', 'delete Bearer access-1', 'sendOtp Bearer access-1', 'verifyOtp Bearer access-1']);
      assert.equal(h.globals.get('refresh_token'), 'refresh-2');
    } finally {
      h.dispose();
      await server.close();
    }
  });
});
