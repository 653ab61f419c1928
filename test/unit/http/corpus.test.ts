/**
 * The acceptance corpus: real .http files from public repositories (../shared/conformance/http-corpus).
 * Every file must parse without an error diagnostic (except the allow-list below), and what the parser
 * finds must match the committed snapshot, which was checked by reading each file.
 * UPDATE_SNAPSHOTS=1 rewrites the snapshot.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseHttp } from '../../../src/core/http/parse';

const repoRoot = join(__dirname, '..', '..', '..');
const corpusDir = join(repoRoot, '..', 'shared', 'conformance', 'http-corpus');
const snapshotFile = join(__dirname, '__snapshots__', 'corpus.json');

/**
 * Files that really are wrong, so an error diagnostic is the right answer. Empty today: every file in
 * the corpus can be read. (Odd but readable files — e.g. S-alireza-alavi's JWT.http with `---` lines
 * that httpYac also sends as a body — parse without errors and their snapshot shows how they are read.)
 */
const ALLOWED_ERRORS: Record<string, string> = {};

type Summary = { name?: string; title?: string; method: string; url: string; headers: number; body: string; lines: string };

function summarize(text: string): { requests: Summary[]; errors: string[] } {
  const doc = parseHttp(text);
  return {
    requests: doc.requests.map((r) => {
      const s: Summary = { method: r.method, url: r.url, headers: r.headers.length, body: r.bodyKind, lines: `${r.range.startLine + 1}-${r.range.endLine + 1}` };
      if (r.name) s.name = r.name;
      if (r.title) s.title = r.title;
      return s;
    }),
    errors: doc.diagnostics.filter((d) => d.severity === 'error').map((d) => `line ${d.line + 1}: ${d.code}: ${d.message}`),
  };
}

describe('http corpus (real-world .http files)', function () {
  before(function () {
    if (!existsSync(corpusDir)) {
      console.log(`    (skipped: corpus folder ${corpusDir} is not present)`);
      this.skip();
    }
  });

  it('every file parses without error diagnostics, except the allow-list', () => {
    const bad: string[] = [];
    for (const f of readdirSync(corpusDir).filter((x) => /\.(http|rest)$/.test(x)).sort()) {
      const { errors } = summarize(readFileSync(join(corpusDir, f), 'utf8'));
      if (errors.length && !ALLOWED_ERRORS[f]) bad.push(`${f}:\n  ${errors.join('\n  ')}`);
      if (!errors.length && ALLOWED_ERRORS[f]) bad.push(`${f} is on the allow-list but parses cleanly now: remove it`);
    }
    assert.deepEqual(bad, []);
  });

  it('finds the requests recorded in the snapshot (name, method, URL, header count, body kind)', () => {
    const actual: Record<string, Summary[]> = {};
    for (const f of readdirSync(corpusDir).filter((x) => /\.(http|rest)$/.test(x)).sort()) {
      actual[f] = summarize(readFileSync(join(corpusDir, f), 'utf8')).requests;
    }
    if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(snapshotFile)) {
      mkdirSync(dirname(snapshotFile), { recursive: true });
      writeFileSync(snapshotFile, `${JSON.stringify(actual, null, 1)}\n`);
      console.log(`    (snapshot written to ${snapshotFile})`);
    }
    const expected = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Record<string, Summary[]>;
    assert.deepEqual(Object.keys(actual), Object.keys(expected), 'the corpus files changed: run with UPDATE_SNAPSHOTS=1 and check the new entries');
    for (const f of Object.keys(expected)) assert.deepEqual(actual[f], expected[f], `snapshot mismatch for ${f}`);
  });

  it('spot checks that were verified by reading the files', () => {
    const read = (f: string) => summarize(readFileSync(join(corpusDir, f), 'utf8')).requests;
    // OData: four indented ?/& continuation lines joined into one URL
    const odata = read('YuyaProject__Yuya.Net.ODataExamples__Requests.http');
    assert.equal(odata[16].url, 'http://localhost:5000/odata/Orders?$filter=employeeId eq 1&$orderby=orderDate desc&$expand=orderDetails($expand=product($expand=category))&$skip=10&$top=10&$count=true');
    // three bare GET lines under one ### are three requests
    assert.equal(read('CompositionalIT__TodoService__sample.http').length, 12);
    // `# @name x` written above its `### title` line names the request below
    assert.equal(read('hmcts__cp-crime-api-testing-collections__requests__hrds__hrds.http')[0].name, 'getHrdsToken');
    // requests without ### after a `<@ file` body, each named by the comment above it
    assert.deepEqual(read('Meir017__vscode-restclient-dotnet__file-body-demo.http').map((r) => `${r.name} ${r.body}`), ['upload-raw-xml file', 'upload-template-json file', 'upload-latin1-text file', 'upload-utf8-with-encoding file', 'upload-windows-encoding file']);
  });
});
