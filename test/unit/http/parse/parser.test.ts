import * as assert from 'node:assert/strict';
import { parseHttp } from '../../../../src/core/http/parse';
import type { BodySource, RequestBlock } from '../../../../src/core/http/model';

function one(text: string): RequestBlock {
  const doc = parseHttp(text);
  assert.equal(doc.requests.length, 1, `expected one request, got ${doc.requests.length}: ${JSON.stringify(doc.diagnostics)}`);
  return doc.requests[0];
}

function bodyText(b: BodySource): string {
  assert.equal(b.kind, 'text');
  return (b as Extract<BodySource, { kind: 'text' }>).text;
}

describe('parseHttp: request lines', () => {
  it('reads method, URL and HTTP version', () => {
    const r = one('POST https://api.test/items?x=1 HTTP/1.1\n');
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'https://api.test/items?x=1');
    assert.equal(r.httpVersion, '1.1');
    assert.equal(r.requestLine, 0);
  });

  it('defaults the method to GET and reads HTTP/2', () => {
    const r = one('https://api.test/a HTTP/2');
    assert.equal(r.method, 'GET');
    assert.equal(r.url, 'https://api.test/a');
    assert.equal(r.httpVersion, '2');
  });

  it('accepts a method in any case and a URL with spaces', () => {
    const r = one("Get {{base}}/People?$filter=Name eq 'Scott'");
    assert.equal(r.method, 'GET');
    assert.equal(r.url, "{{base}}/People?$filter=Name eq 'Scott'");
  });

  it('reads hosts without a scheme and pseudo-methods (GRAPHQL, WEBSOCKET, SSE)', () => {
    const doc = parseHttp('POST localhost:9501/api\n###\nWEBSOCKET ws://h/x\n###\nSSE https://h/events\n###\nGRAPHQL https://h/gql\n');
    assert.deepEqual(doc.requests.map((r) => `${r.method} ${r.url}`), ['POST localhost:9501/api', 'WEBSOCKET ws://h/x', 'SSE https://h/events', 'GRAPHQL https://h/gql']);
    assert.equal(doc.diagnostics.length, 0);
  });

  it('joins a multi-line query (?/& lines, indented)', () => {
    const r = one('GET https://h/orders\n    ?$top=10\n    &$skip=20\nAccept: */*\n');
    assert.equal(r.url, 'https://h/orders?$top=10&$skip=20');
    assert.equal(r.headers.length, 1);
  });

  it('joins unindented ?/& continuation lines', () => {
    assert.equal(one('GET https://h/a\n?b=1\n&c=2').url, 'https://h/a?b=1&c=2');
  });

  it('reports an unknown method-looking word', () => {
    const doc = parseHttp('FETCH https://h/a\n');
    assert.equal(doc.diagnostics[0].code, 'unknown-method');
    assert.equal(doc.diagnostics[0].severity, 'error');
    assert.equal(doc.diagnostics[0].startColumn, 0);
    assert.equal(doc.diagnostics[0].endColumn, 5);
  });

  it('reports a method with no URL', () => {
    const doc = parseHttp('###\nPOST\n');
    assert.equal(doc.diagnostics[0].code, 'missing-url');
    assert.equal(doc.diagnostics[0].line, 1);
  });

  it('reports a line that is no request line', () => {
    const doc = parseHttp('### x\nthis is not a request\n');
    assert.equal(doc.requests.length, 0);
    assert.equal(doc.diagnostics[0].code, 'invalid-request-line');
  });
});

describe('parseHttp: separators, titles, names, comments', () => {
  it('splits on ### and keeps the title', () => {
    const doc = parseHttp('### First one\nGET https://h/1\n\n### Second\nGET https://h/2\n');
    assert.deepEqual(doc.requests.map((r) => r.title), ['First one', 'Second']);
  });

  it('a line of many # is a separator without title', () => {
    const doc = parseHttp('GET https://h/1\n#####################\nGET https://h/2\n');
    assert.equal(doc.requests.length, 2);
    assert.equal(doc.requests[1].title, undefined);
  });

  it('reads # @name, // @name and httpYac # @name=x', () => {
    const doc = parseHttp('# @name login\nPOST https://h/login\n###\n// @name second\nGET https://h/2\n###\n# @name=third\nGET https://h/3\n');
    assert.deepEqual(doc.requests.map((r) => r.name), ['login', 'second', 'third']);
  });

  it('keeps # @name written just above a ### for the request below (as the file intends)', () => {
    const doc = parseHttp('# @name getToken\n### Get a token\nPOST https://h/token\n');
    assert.equal(doc.requests[0].name, 'getToken');
    assert.equal(doc.requests[0].title, 'Get a token');
  });

  it('reads directives: no-redirect, no-cookie-jar, note, prompt, timeout', () => {
    const r = one('# @no-redirect\n# @no-cookie-jar\n# @note be careful\n# @prompt otp One-time code\n// @timeout 5000\nGET https://h/a\n');
    assert.deepEqual(r.directives.map((d) => [d.name, d.value]), [['no-redirect', ''], ['no-cookie-jar', ''], ['note', 'be careful'], ['prompt', 'otp One-time code'], ['timeout', '5000']]);
  });

  it('ignores comments between headers and keeps the range from the first comment', () => {
    const r = one('# about this\nGET https://h/a\n# a comment\nAccept: x\n// another\nX-A: 1\n');
    assert.equal(r.headers.length, 2);
    assert.deepEqual(r.range, { startLine: 0, endLine: 5 });
    assert.equal(r.requestLine, 1);
  });

  it('a request line after another request starts a new request without ###', () => {
    const doc = parseHttp('GET https://h/1\nGET https://h/2\n\nPOST https://h/3\nContent-Type: text/plain\n\nhello\n\nGET https://h/4\n');
    assert.deepEqual(doc.requests.map((r) => r.url), ['https://h/1', 'https://h/2', 'https://h/3', 'https://h/4']);
    assert.equal(bodyText(doc.requests[2].body), 'hello');
  });

  it('comments and @name after a body belong to the next request', () => {
    const doc = parseHttp('POST https://h/1\n\n< ./a.xml\n\n# @name second\nPOST https://h/2\n');
    assert.equal(doc.requests.length, 2);
    assert.equal(doc.requests[1].name, 'second');
    assert.equal(doc.requests[1].range.startLine, 4);
    assert.equal(doc.requests[0].range.endLine, 2);
  });
});

describe('parseHttp: headers and bodies', () => {
  it('reads headers and a JSON body after the first blank line', () => {
    const r = one('POST https://h/a\nContent-Type: application/json\nAuthorization: Bearer x\n\n{\n  "a": 1\n}\n\n');
    assert.deepEqual(r.headers.map((h) => [h.name, h.value, h.line]), [['Content-Type', 'application/json', 1], ['Authorization', 'Bearer x', 2]]);
    assert.equal(bodyText(r.body), '{\n  "a": 1\n}');
    assert.equal(r.bodyKind, 'json');
    assert.deepEqual(r.body.kind !== 'none' && r.body.range, { startLine: 4, endLine: 6 });
  });

  it('keeps // inside JSON strings and drops // and # comment lines at line start', () => {
    const r = one('POST https://h/a\n\n{\n// a comment\n  "url": "http://x//y # z"\n}\n');
    assert.equal(bodyText(r.body), '{\n  "url": "http://x//y # z"\n}');
  });

  it('keeps blank lines inside a body', () => {
    assert.equal(bodyText(one('POST https://h/a\n\nline 1\n\nline 3\n').body), 'line 1\n\nline 3');
  });

  it('header continuation lines are folded into the value', () => {
    const r = one('GET https://h/a\nX-Long: part one\n  part two\n');
    assert.equal(r.headers[0].value, 'part one part two');
  });

  it('a header line with no colon is an error diagnostic', () => {
    const doc = parseHttp('GET https://h/a\nAccept application/json\n');
    assert.equal(doc.diagnostics.length, 1);
    assert.equal(doc.diagnostics[0].code, 'invalid-header');
    assert.equal(doc.diagnostics[0].line, 1);
  });

  it('a JSON body right under the headers (no blank line) is read with an info diagnostic', () => {
    const doc = parseHttp('POST https://h/a\nContent-Type: application/json\n{\n  "Id": 0\n}\n');
    assert.equal(bodyText(doc.requests[0].body), '{\n  "Id": 0\n}');
    assert.deepEqual(doc.diagnostics.map((d) => [d.severity, d.code]), [['info', 'body-without-blank-line']]);
  });

  it('reads < file (raw), <@ file (substituted) and <@latin1 file', () => {
    const doc = parseHttp('POST https://h/1\n\n< ./a.bin\n###\nPOST https://h/2\n\n<@ ./t.json\n###\nPOST https://h/3\n\n<@latin1 ./l.txt\n');
    assert.deepEqual(doc.requests.map((r) => r.body), [
      { kind: 'file', path: './a.bin', substitute: false, encoding: undefined, range: { startLine: 2, endLine: 2 } },
      { kind: 'file', path: './t.json', substitute: true, encoding: undefined, range: { startLine: 6, endLine: 6 } },
      { kind: 'file', path: './l.txt', substitute: true, encoding: 'latin1', range: { startLine: 10, endLine: 10 } },
    ]);
    assert.equal(doc.requests[0].bodyKind, 'file');
  });

  it('an XML body line starting with < is text, not a file', () => {
    const r = one('POST https://h/a\n\n<root>\n  <a>1</a>\n</root>\n');
    assert.equal(r.body.kind, 'text');
    assert.equal(r.bodyKind, 'xml');
  });

  it('reads multipart bodies with file parts as mixed parts, keeping blank lines', () => {
    const r = one('POST https://h/up\nContent-Type: multipart/form-data; boundary=B\n\n--B\nContent-Disposition: form-data; name="f"; filename="a.png"\n\n< ./a.png\n--B--\n');
    assert.equal(r.bodyKind, 'multipart');
    assert.equal(r.body.kind, 'mixed');
    const parts = (r.body as Extract<BodySource, { kind: 'mixed' }>).parts;
    assert.deepEqual(parts, [
      { kind: 'text', text: '--B\nContent-Disposition: form-data; name="f"; filename="a.png"\n\n' },
      { kind: 'file', path: './a.png', substitute: false, encoding: undefined },
      { kind: 'text', text: '\n--B--' },
    ]);
  });

  it('keeps a urlencoded body over several lines as written (joined when sent)', () => {
    const r = one('POST https://h/a\nContent-Type: application/x-www-form-urlencoded\n\nname=foo\n&password=bar\n');
    assert.equal(r.bodyKind, 'form');
    assert.equal(bodyText(r.body), 'name=foo\n&password=bar');
  });

  it('detects body kinds by Content-Type and by sniffing', () => {
    const kinds = parseHttp([
      'POST https://h/1\nContent-Type: application/vnd.api+json\n\n{}',
      'POST https://h/2\nContent-Type: text/xml\n\n<a/>',
      'POST https://h/3\n\n[1]',
      'POST https://h/4\n\nplain words',
      'POST https://h/5\nContent-Type: text/plain\n\n{}',
      'GET https://h/6',
    ].join('\n###\n')).requests.map((r) => r.bodyKind);
    assert.deepEqual(kinds, ['json', 'xml', 'json', 'text', 'text', 'none']);
  });
});

describe('parseHttp: GraphQL', () => {
  it('method GRAPHQL gives body kind graphql', () => {
    const r = one('GRAPHQL https://h/gql\n\nquery { a }\n\n{ "x": 1 }\n');
    assert.equal(r.bodyKind, 'graphql');
    assert.equal(bodyText(r.body), 'query { a }\n\n{ "x": 1 }');
  });

  it('X-Request-Type: GraphQL gives body kind graphql', () => {
    assert.equal(one('POST https://h/gql\nX-Request-Type: GraphQL\n\n{ a }\n').bodyKind, 'graphql');
  });

  it('a JSON-typed body that starts with query/mutation is graphql; a top-level fragment is skipped', () => {
    const doc = parseHttp('fragment F on T {\n  a\n}\n\nPOST https://h/gql\nContent-Type: application/json\n\nmutation M { a }\n');
    assert.equal(doc.requests.length, 1);
    assert.equal(doc.requests[0].bodyKind, 'graphql');
    assert.equal(doc.diagnostics.length, 0);
  });
});
