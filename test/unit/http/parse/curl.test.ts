import * as assert from 'node:assert/strict';
import { CURL_BOUNDARY, curlToRequest, shellWords } from '../../../../src/core/http/curlImport';
import { parseHttp } from '../../../../src/core/http/parse';

describe('curl import', () => {
  it('splits shell words with quotes, $\'…\' and backslash-newline', () => {
    assert.deepEqual(shellWords(`curl 'a b' "c \\"d\\"" $'e\\nf' g\\\n h`), ['curl', 'a b', 'c "d"', 'e\nf', 'g', 'h']);
  });

  it('reads -X, -H, --data-raw and the URL', () => {
    const r = curlToRequest(`curl -X PUT https://h/a -H 'Content-Type: application/json' -H "X-A: 1" --data-raw '{"a":1}'`);
    assert.equal(r.method, 'PUT');
    assert.equal(r.url, 'https://h/a');
    assert.deepEqual(r.headers, [{ name: 'Content-Type', value: 'application/json' }, { name: 'X-A', value: '1' }]);
    assert.deepEqual(r.body.kind === 'text' && r.body.text, '{"a":1}');
    assert.deepEqual(r.warnings, []);
  });

  it('-d implies POST and a form Content-Type; several -d are joined with &', () => {
    const r = curlToRequest('curl https://h/a -d a=1 --data b=2');
    assert.equal(r.method, 'POST');
    assert.equal(r.body.kind === 'text' && r.body.text, 'a=1&b=2');
    assert.deepEqual(r.headers, [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }]);
  });

  it('--json sets JSON headers; -u becomes Basic auth; --url and -G put data in the query', () => {
    const j = curlToRequest(`curl --json '{"a":1}' https://h/j`);
    assert.deepEqual(j.headers.map((h) => h.name), ['Content-Type', 'Accept']);
    assert.equal(j.method, 'POST');
    const u = curlToRequest('curl -u user:pass https://h/u');
    assert.deepEqual(u.headers, [{ name: 'Authorization', value: 'Basic user:pass' }]);
    const g = curlToRequest('curl -G --url https://h/s -d q=1 -d r=2');
    assert.equal(g.method, 'GET');
    assert.equal(g.url, 'https://h/s?q=1&r=2');
    assert.equal(g.body.kind, 'none');
  });

  it('--data-binary @file becomes a file body; -F builds multipart with a file part', () => {
    const f = curlToRequest('curl https://h/f --data-binary @./payload.bin');
    assert.equal(f.body.kind === 'file' && f.body.path, './payload.bin');
    const m = curlToRequest('curl https://h/m -F name=x -F file=@./a.png');
    assert.equal(m.body.kind, 'mixed');
    assert.match(m.headers[0].value, new RegExp(`multipart/form-data; boundary=${CURL_BOUNDARY}`));
    const parts = m.body.kind === 'mixed' ? m.body.parts : [];
    assert.deepEqual(parts.map((p) => p.kind), ['text', 'text', 'file', 'text', 'text']);
    assert.equal(parts[2].kind === 'file' && parts[2].path, './a.png');
  });

  it('warns about unknown options and a missing URL', () => {
    assert.deepEqual(curlToRequest('curl --frobnicate https://h').warnings, ['curl option --frobnicate is not supported and was ignored']);
    assert.deepEqual(curlToRequest('curl -s').warnings, ['the curl command has no URL']);
  });

  it('the parser reads a curl request over continuation lines as one request', () => {
    const doc = parseHttp("### from curl\ncurl -X POST 'https://h/a' \\\n  -H 'Accept: application/json' \\\n  --data-raw '{\"a\":1}'\n\n###\nGET https://h/b\n");
    assert.equal(doc.requests.length, 2);
    const r = doc.requests[0];
    assert.equal(r.fromCurl, true);
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'https://h/a');
    assert.deepEqual(r.headers.map((h) => h.name), ['Accept', 'Content-Type']);
    assert.equal(r.bodyKind, 'form');
    assert.deepEqual(r.range, { startLine: 1, endLine: 3 });
    assert.equal(doc.diagnostics.length, 0);
  });
});
