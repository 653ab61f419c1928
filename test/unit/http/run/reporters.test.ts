import { DOMParser } from '@xmldom/xmldom';
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJson } from '../../../../src/core/http/report/json';
import { renderJUnit } from '../../../../src/core/http/report/junit';
import { createSpecReporter } from '../../../../src/core/http/report/spec';
import { expandFileArgs, globToRegExp } from '../../../../src/core/http/run/fileGlob';
import { countResults, type FileResult, type RequestResult } from '../../../../src/core/http/run/results';
import { tempDir } from './harness';

function request(over: Partial<RequestResult>): RequestResult {
  return {
    file: '/w/a.http', label: 'req', line: 0, range: { startLine: 0, endLine: 2 }, method: 'GET', url: 'http://127.0.0.1/x', status: 200, duration: 12,
    assertions: [], tests: [], scripts: [], saved: [], notes: [], passed: true, asDependency: false, ...over,
  };
}

const nasty = 'ctl\u0001 <b>&"\'\u{1F600}';
const files: FileResult[] = [{
  file: '/w/a.http', duration: 40, errors: [],
  requests: [
    request({ label: 'ok one', tests: [{ name: 'fine', passed: true, message: '', line: 4 }] }),
    request({
      label: `bad ${nasty}`, line: 5, passed: false,
      assertions: [{ line: 6, text: 'status == 201', passed: false, expected: '201', actual: '200', message: `status == 201: expected 201, got 200 ${nasty}` }],
      tests: [{ name: `t ${nasty}`, passed: false, message: `boom ${nasty}`, line: 8 }],
      scripts: [{ kind: 'handler', line: 7, tests: [], logs: [`logged ${nasty}`] }],
    }),
    request({ label: 'down', status: undefined, passed: false, error: 'connect ECONNREFUSED 127.0.0.1:1' }),
  ],
}, {
  file: '/w/b.http', duration: 0, requests: [],
  errors: [{ severity: 'error', message: 'This script is not closed: end it with %}', line: 2, startColumn: 0, endColumn: 4, code: 'unclosed-script' }],
}];

describe('run reporters', () => {
  const displayPath = (f: string) => f.replace('/w/', '');

  it('JUnit: well-formed XML (control characters replaced, entities escaped), counts that add up', () => {
    const xml = renderJUnit(files, { displayPath });
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(xml, 'text/xml');
    assert.deepEqual(errors, []);
    const root = doc.documentElement!;
    assert.deepEqual(['tests', 'failures', 'errors'].map((a) => root.getAttribute(a)), ['6', '2', '2']);
    const cases = Array.from(doc.getElementsByTagName('testcase'));
    assert.deepEqual(cases.map((c) => c.getAttribute('name')), ['ok one', 'ok one › fine', 'bad ctl\uFFFD <b>&"\'\u{1F600}', 'bad ctl\uFFFD <b>&"\'\u{1F600} › t ctl\uFFFD <b>&"\'\u{1F600}', 'down', 'parse error at line 3']);
    assert.equal(cases[2]!.getAttribute('line'), '6');
    assert.match(cases[2]!.getElementsByTagName('system-out')[0]!.textContent ?? '', /logged ctl/);
    assert.equal(cases[4]!.getElementsByTagName('error')[0]!.getAttribute('message'), 'connect ECONNREFUSED 127.0.0.1:1');
    assert.equal(cases[5]!.getElementsByTagName('error')[0]!.getAttribute('type'), 'ParseError');
  });

  it('JSON: the results with counts, paths as displayed', () => {
    const parsed = JSON.parse(renderJson(files, countResults(files), { displayPath })) as { passed: boolean; counts: { failed: number }; files: Array<{ file: string; requests: Array<{ file: string }> }> };
    assert.equal(parsed.passed, false);
    assert.equal(parsed.counts.failed, 3);
    assert.deepEqual(parsed.files.map((f) => f.file), ['a.http', 'b.http']);
    assert.equal(parsed.files[0]!.requests[0]!.file, 'a.http');
  });

  for (const isTTY of [false, true]) {
    it(`spec: ${isTTY ? 'rewrites a progress line on a terminal' : 'plain lines when not a terminal'}, ends with "N passed, N failed"`, () => {
      let out = '';
      const spec = createSpecReporter({ displayPath, write: (s) => (out += s), isTTY, color: false });
      spec.onEvent({ type: 'fileStart', file: '/w/a.http', requests: 3 });
      for (const r of files[0]!.requests) {
        spec.onEvent({ type: 'requestStart', file: r.file, label: r.label, line: r.line });
        spec.onEvent({ type: 'requestEnd', result: r });
      }
      spec.onEvent({ type: 'fileEnd', result: files[0]! });
      out += spec.end(files, countResults(files));
      assert.equal(out.includes('\u001b[2K'), isTTY);
      assert.equal(out.includes('… ok one'), isTTY);
      assert.match(out, /✓ ok one \(200, 12 ms, 1\/1 checks\)/);
      assert.match(out, /✗ line 7: \?\? status == 201\n.*\n\s+expected: 201\n\s+actual:\s+200/);
      assert.match(out, /log: logged/);
      assert.match(out, /error: connect ECONNREFUSED/);
      assert.match(out, /\n1 passed, 3 failed\n$/);
    });
  }
});

describe('file globs for apihook run', () => {
  it('globToRegExp handles *, **, ?, {a,b} and [ab]', () => {
    const re = (g: string) => globToRegExp(g);
    assert.ok(re('*.http').test('a.http'));
    assert.ok(!re('*.http').test('d/a.http'));
    assert.ok(re('**/*.http').test('a.http') && re('**/*.http').test('d/e/a.http'));
    assert.ok(re('a?.{http,rest}').test('ab.rest') && !re('a?.{http,rest}').test('ab.txt'));
    assert.ok(re('[xy].http').test('x.http') && !re('[xy].http').test('z.http'));
  });

  it('expandFileArgs expands globs under fixed folders, keeps plain paths, reports what matched nothing', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'api', 'v1'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    for (const f of ['top.http', 'api/a.http', 'api/b.rest', 'api/v1/c.http', 'node_modules/x/n.http', 'api/notes.txt']) writeFileSync(join(dir, f), '');
    const r = expandFileArgs(['api/*.http', '**/*.http', 'top.http', 'none/*.http', 'missing.http'], dir);
    assert.deepEqual(r.files.map((f) => f.slice(dir.length + 1)), ['api/a.http', 'api/v1/c.http', 'top.http']);
    assert.deepEqual(r.unmatched, ['none/*.http', 'missing.http']);
  });
});
