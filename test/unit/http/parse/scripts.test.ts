import * as assert from 'node:assert/strict';
import { parseHttp } from '../../../../src/core/http/parse';

describe('parseHttp: scripts, redirects, assertions, variables, line endings', () => {
  it('keeps a JetBrains > {% … %} handler with its exact range and source', () => {
    const doc = parseHttp('GET https://h/a\n\n> {%\n  client.global.set("t", response.body.token);\n%}\n');
    const r = doc.requests[0];
    assert.deepEqual(r.handlers, [{ kind: 'inline', source: '  client.global.set("t", response.body.token);', range: { startLine: 2, endLine: 4 } }]);
    assert.equal(r.body.kind, 'none');
    assert.deepEqual(r.range, { startLine: 0, endLine: 4 });
  });

  it('reads a one-line handler, a handler file, and a handler right after the body', () => {
    const doc = parseHttp('POST https://h/a\n\n{"a":1}\n> {% client.log(1) %}\n> ./after.js\n');
    const r = doc.requests[0];
    assert.equal(r.body.kind === 'text' && r.body.text, '{"a":1}');
    assert.deepEqual(r.handlers.map((h) => [h.kind, h.source, h.range.startLine]), [['inline', 'client.log(1)', 3], ['file', './after.js', 4]]);
  });

  it('reads < {% … %} pre-request scripts before the request line', () => {
    const doc = parseHttp('### t\n< {%\n  request.variables.set("a", "1");\n%}\n\nPOST https://h/a\n');
    const r = doc.requests[0];
    assert.deepEqual(r.preScripts, [{ kind: 'inline', source: '  request.variables.set("a", "1");', range: { startLine: 1, endLine: 3 } }]);
    assert.equal(r.requestLine, 5);
    assert.equal(r.range.startLine, 1);
  });

  it('reads httpYac {{ … }} scripts: before the request line as pre-scripts, after it as handlers', () => {
    const doc = parseHttp('{{\n  exports.a = 1;\n}}\nGET https://h/a\n\n{{\n  test.status(200);\n}}\n');
    const r = doc.requests[0];
    assert.equal(r.preScripts[0].source, '  exports.a = 1;');
    assert.deepEqual(r.handlers[0].range, { startLine: 5, endLine: 7 });
    assert.equal(r.body.kind, 'none');
  });

  it('an unclosed script is an error and does not swallow the next request', () => {
    const doc = parseHttp('GET https://h/a\n\n> {%\n  client.log(1)\n###\nGET https://h/b\n');
    assert.equal(doc.requests.length, 2);
    assert.equal(doc.diagnostics[0].code, 'unclosed-script');
    assert.equal(doc.diagnostics[0].line, 2);
  });

  it('reads >> and >>! response redirects', () => {
    const r = parseHttp('GET https://h/a\n\n>> ./out.json\n>>! ./always.json\n').requests[0];
    assert.deepEqual(r.redirects, [
      { path: './out.json', overwrite: false, range: { startLine: 2, endLine: 2 } },
      { path: './always.json', overwrite: true, range: { startLine: 3, endLine: 3 } },
    ]);
  });

  it('reads httpYac ?? assertion lines under the headers and after a body', () => {
    const r = parseHttp('POST https://h/a\nContent-Type: application/json\n?? status == 201\n\n{"a":1}\n?? body a == 1\n').requests[0];
    assert.deepEqual(r.assertions, [{ text: 'status == 201', line: 2 }, { text: 'body a == 1', line: 5 }]);
    assert.equal(r.body.kind === 'text' && r.body.text, '{"a":1}');
  });

  it('keeps JetBrains <> response references out of the body', () => {
    const r = parseHttp('POST https://h/a\n\n{}\n\n<> 2022-10-02T010100.200.json\n').requests[0];
    assert.equal(r.body.kind === 'text' && r.body.text, '{}');
    assert.deepEqual(r.directives, [{ name: 'response-ref', value: '2022-10-02T010100.200.json', line: 4 }]);
  });

  it('reads file variables anywhere at top level, including between requests', () => {
    const doc = parseHttp('@host = https://h\n@token=abc\n\nGET {{host}}/a\n\n###\n@other = {{host}}/x\nGET {{other}}\n');
    assert.deepEqual(doc.fileVariables, [{ name: 'host', value: 'https://h', line: 0 }, { name: 'token', value: 'abc', line: 1 }, { name: 'other', value: '{{host}}/x', line: 6 }]);
    assert.equal(doc.requests.length, 2);
    assert.equal(doc.requests[1].range.startLine, 7);
  });

  it('a variable line without = is a warning', () => {
    const doc = parseHttp('@broken\nGET https://h/a\n');
    assert.equal(doc.diagnostics[0].code, 'invalid-variable');
    assert.equal(doc.diagnostics[0].severity, 'warning');
  });

  it('handles CRLF line endings and a BOM exactly like LF', () => {
    const lf = '@a = 1\n### T\n# @name x\nPOST https://h/a\nContent-Type: application/json\n\n{\n  "a": 1\n}\n';
    const crlf = '\ufeff' + lf.replace(/\n/g, '\r\n');
    assert.deepEqual(parseHttp(crlf), parseHttp(lf));
    assert.equal(parseHttp(crlf).requests[0].body.kind === 'text' && (parseHttp(crlf).requests[0].body as { text: string }).text, '{\n  "a": 1\n}');
  });

  it('reads kulala import/run lines as directives', () => {
    const r = parseHttp('### R\nimport ./chain.http\nrun #Other (@host=example.com)\n\nPOST https://h/a\n').requests[0];
    assert.deepEqual(r.directives.map((d) => [d.name, d.value]), [['import', './chain.http'], ['run', '#Other (@host=example.com)']]);
    assert.equal(r.url, 'https://h/a');
  });

  it('an empty file has no requests and no diagnostics', () => {
    assert.deepEqual(parseHttp(''), { requests: [], fileVariables: [], diagnostics: [] });
  });
});
