import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..');

function apihook(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), join(repoRoot, 'src', 'cli.ts'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('apihook parse (as a process)', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'apihook-parse-'));
    writeFileSync(join(dir, 'api.http'), '@base = {{host}}/v1\n\n### List items\n# @name list\nGET {{base}}/items?limit=2 HTTP/1.1\nAuthorization: Bearer {{token}}\nAccept: application/json\n\n### Create\nPOST {{base}}/items\nContent-Type: application/json\n\n{"name": "{{$dotenv NAME}}"}\n');
    writeFileSync(join(dir, 'http-client.env.json'), JSON.stringify({ dev: { host: 'https://dev.test', token: 'public-token' } }));
    writeFileSync(join(dir, 'http-client.private.env.json'), JSON.stringify({ dev: { token: 'private-token-123' } }));
    writeFileSync(join(dir, '.env'), 'NAME=widget\n');
    writeFileSync(join(dir, 'broken.http'), 'GET https://h/a\nAccept application/json\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints requests, line ranges and "diagnostics: none" for a clean file (exit 0)', () => {
    const r = apihook(['parse', join(dir, 'api.http')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /2 requests/);
    assert.match(r.out, /1\. list {2}GET \{\{base\}\}\/items\?limit=2 {2}\[lines 4-7\] {2}"List items"/);
    assert.match(r.out, /body: json/);
    assert.match(r.out, /diagnostics: none/);
  });

  it('--json --env resolves URLs and headers (secrets masked) from the env files and .env', () => {
    const r = apihook(['parse', join(dir, 'api.http'), '--json', '--env', 'dev']);
    assert.equal(r.code, 0, r.err + r.out);
    const j = JSON.parse(r.out) as { requests: Array<{ name?: string; url: string; resolvedUrl: string; headers: Array<{ name: string; resolved?: string }>; bodyKind: string; lines: { start: number; end: number } }> };
    assert.equal(j.requests[0].resolvedUrl, 'https://dev.test/v1/items?limit=2');
    assert.equal(j.requests[0].headers[0].resolved?.startsWith('Be'), true);
    assert.doesNotMatch(r.out, /private-token-123/);
    assert.deepEqual(j.requests[1].lines, { start: 10, end: 13, requestLine: 10 });
    assert.equal(j.requests[1].bodyKind, 'json');
  });

  it('exits 2 and prints the diagnostic for a file with errors; 2 for a usage error', () => {
    const r = apihook(['parse', join(dir, 'broken.http')]);
    assert.equal(r.code, 2);
    assert.match(r.out, /line 2:1 error invalid-header/);
    const u = apihook(['parse']);
    assert.equal(u.code, 2);
    assert.match(u.err, /give the \.http file/);
  });

  it('an unknown variable with --env is an error diagnostic (exit 2)', () => {
    const r = apihook(['parse', join(dir, 'api.http'), '--env', 'nosuch']);
    assert.equal(r.code, 2);
    assert.match(r.out, /unresolved-variable: Variable 'host' is not defined in environment 'nosuch'/);
  });
});
