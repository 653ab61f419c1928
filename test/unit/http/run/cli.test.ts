import { DOMParser } from '@xmldom/xmldom';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../assert/realServer';
import { tempDir } from './harness';

const repoRoot = join(__dirname, '..', '..', '..', '..');

/** Runs `apihook` from source as a separate process (async, so the in-process test server keeps answering). */
function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(repoRoot, 'src', 'cli.ts'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('apihook run (as a process)', function () {
  this.timeout(90000); // each case starts the CLI (through tsx) one or more times; slow on a busy machine
  let server: Awaited<ReturnType<typeof startServer>>;
  let dir: string;

  before(async () => {
    server = await startServer({
      'POST /login': () => ({ headers: { 'content-type': 'application/json' }, body: '{"token":"t-1"}' }),
      'GET /me': (req) => (req.headers.authorization === 'Bearer t-1' ? { headers: { 'content-type': 'application/json' }, body: '{"name":"Ada"}' } : { status: 401 }),
      '/echo': (req) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: req.url, stage: req.headers['x-stage'] ?? null }) }),
    });
    dir = tempDir();
    writeFileSync(join(dir, 'pass.http'), `### Echo
GET ${server.base}/echo?q=1
?? status == 200
?? body url == /echo?q=1
`);
    writeFileSync(join(dir, 'fail.http'), `### Bad <tag> & "quotes"
GET ${server.base}/echo
?? status == 201
?? body url == /nope
`);
    writeFileSync(join(dir, 'broken.http'), `GET ${server.base}/echo\n\n> {%\n client.log(1)\n`);
    writeFileSync(join(dir, 'env.http'), `GET {{base}}/echo?who={{who}}
X-Stage: {{stage}}
?? body stage == {{expectStage}}
?? body url == /echo?who={{expectWho}}
`);
    writeFileSync(join(dir, 'http-client.env.json'), JSON.stringify({
      $shared: { base: server.base, who: 'shared', expectWho: 'shared' },
      dev: { stage: 'dev', expectStage: 'dev' },
      prod: { stage: 'prod', expectStage: 'prod', who: 'prod-user', expectWho: 'prod-user' },
    }));
    writeFileSync(join(dir, 'chain.http'), `### login
POST ${server.base}/login

> {% client.global.set("token", response.body.token); client.test("token", () => client.assert(response.body.token === "t-1", "token")); %}

### me
GET ${server.base}/me
Authorization: Bearer {{token}}

?? status == 200
?? body name == Ada
`);
  });
  after(() => server.close());

  it('exits 0 when everything passed and ends with "N passed, N failed"', async () => {
    const r = await cli(['run', 'pass.http'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✓ Echo \(200/);
    assert.match(r.stdout, /\n1 passed, 0 failed\n$/);
  });

  it('exits 1 when an assertion failed, showing line, expected and actual', async () => {
    const r = await cli(['run', 'pass.http', 'fail.http'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /✗ line 3: \?\? status == 201[\s\S]*expected: 201\n\s+actual:\s+200/);
    assert.match(r.stdout, /1 passed, 1 failed\n$/);
  });

  it('exits 2 for usage errors and parse errors', async () => {
    for (const args of [['run'], ['run', 'pass.http', '--bogus'], ['run', 'missing-*.http'], ['run', 'pass.http', '--reporter', 'tap'], ['run', 'pass.http', '--env', 'nope'], ['run', 'pass.http', '--name', 'nope'], ['run', 'pass.http', '--output', 'x.txt'], ['run', 'pass.http', '--timeout', 'soon'], ['run', 'pass.http', '--var', 'novalue']]) {
      const r = await cli(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /apihook run: /);
    }
    const parse = await cli(['run', 'broken.http'], dir);
    assert.equal(parse.code, 2, parse.stdout + parse.stderr);
    assert.match(parse.stdout, /line 3: .*not closed/);
  });

  it('writes JUnit XML that parses back with testsuites, testcases, failures and escaped names', async () => {
    const r = await cli(['run', '*.http', '--reporter', 'junit', '--output', 'reports/junit.xml', '--allow-scripts', '--env', 'dev'], dir);
    assert.equal(r.code, 2, r.stdout + r.stderr); // broken.http is a parse error
    assert.match(r.stdout, /junit report written to reports\/junit\.xml/);
    const xml = readFileSync(join(dir, 'reports', 'junit.xml'), 'utf8');
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(xml, 'text/xml');
    assert.deepEqual(errors, []);
    const root = doc.documentElement!;
    assert.equal(root.nodeName, 'testsuites');
    const suites = Array.from(doc.getElementsByTagName('testsuite'));
    assert.deepEqual(suites.map((s) => s.getAttribute('name')), ['broken.http', 'chain.http', 'env.http', 'fail.http', 'pass.http']);
    const cases = Array.from(doc.getElementsByTagName('testcase'));
    const names = cases.map((c) => c.getAttribute('name'));
    assert.ok(names.includes('Bad <tag> & "quotes"'), names.join('|'));
    assert.ok(names.includes('login › token'));
    const bad = cases.find((c) => c.getAttribute('name') === 'Bad <tag> & "quotes"')!;
    const failure = bad.getElementsByTagName('failure')[0]!;
    assert.match(failure.getAttribute('message') ?? '', /status == 201/);
    assert.match(failure.textContent ?? '', /expected: 201\n\s+actual:\s+200/);
    assert.equal(bad.getAttribute('line'), '2');
    const totals = ['tests', 'failures', 'errors'].map((a) => Number(root.getAttribute(a)));
    assert.deepEqual(totals, [suites.reduce((n, s) => n + Number(s.getAttribute('tests')), 0), 1, 1]);
  });

  it('--env picks the environment (with $shared) and --var overrides it', async () => {
    const dev = await cli(['run', 'env.http', '--env', 'dev'], dir);
    assert.equal(dev.code, 0, dev.stdout + dev.stderr);
    const prod = await cli(['run', 'env.http', '--env=prod'], dir);
    assert.equal(prod.code, 0, prod.stdout + prod.stderr);
    const overridden = await cli(['run', 'env.http', '--env', 'prod', '--var', 'who=cli', '--var', 'expectWho=cli'], dir);
    assert.equal(overridden.code, 0, overridden.stdout + overridden.stderr);
    const wrong = await cli(['run', 'env.http', '--env', 'dev', '--var', 'expectStage=prod'], dir);
    assert.equal(wrong.code, 1);
    const none = await cli(['run', 'env.http'], dir);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /Variable 'stage' is not defined/); // $shared still applies without --env
  });

  it('runs JetBrains handlers only with --allow-scripts; json report to stdout', async () => {
    const locked = await cli(['run', 'chain.http', '--reporter', 'json'], dir);
    assert.equal(locked.code, 1);
    const report = JSON.parse(locked.stdout) as { counts: { passed: number; failed: number }; files: Array<{ requests: Array<{ label: string; notes: string[]; error?: string }> }> };
    assert.deepEqual(report.counts.failed, 1);
    assert.match(report.files[0]!.requests[0]!.notes.join(), /scripts are not allowed/);
    assert.match(report.files[0]!.requests[1]!.error ?? '', /Variable 'token' is not defined/);
    const allowed = await cli(['run', 'chain.http', '--allow-scripts', '--name', 'me'], dir);
    assert.equal(allowed.code, 1, 'with --name me only, login does not run (it is not a {{login.response}} dependency)');
    const all = await cli(['run', 'chain.http', '--allow-scripts'], dir);
    assert.equal(all.code, 0, all.stdout + all.stderr);
    assert.match(all.stdout, /✓ token/);
  });

  it('--insecure accepts a self-signed certificate that is otherwise refused', async function () {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { encoding: 'utf8' });
    if (made.status !== 0) {
      console.log('    (skipped: openssl could not make a test certificate)');
      this.skip();
    }
    const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => { res.end('secure'); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      writeFileSync(join(dir, 'tls.http'), `GET https://127.0.0.1:${(server.address() as AddressInfo).port}/\n?? body == secure\n`);
      const refused = await cli(['run', 'tls.http'], dir);
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /error: .*certificate/i);
      const insecure = await cli(['run', 'tls.http', '--insecure'], dir);
      assert.equal(insecure.code, 0, insecure.stdout + insecure.stderr);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
