import * as assert from 'node:assert/strict';
import type { OutgoingBody } from '../../../../src/core/http/model';
import { parseHttp } from '../../../../src/core/http/parse';
import { describeVariable, joinFormLines, listVariables, resolveEnvironment, resolveRequest, splitGraphql, variableAt } from '../../../../src/core/http/variables';
import { fakeHost } from './helpers';

function text(b: OutgoingBody | undefined): string {
  assert.ok(b && b.kind === 'buffer', `expected a buffer body, got ${JSON.stringify(b)}`);
  return b.data.toString('utf8');
}

async function build(src: string, host = fakeHost(), index = 0) {
  const doc = parseHttp(src);
  return resolveRequest(doc, doc.requests[index], { host });
}

describe('resolveRequest: building what is sent', () => {
  it('substitutes variables in URL, headers and a text body; keeps the HTTP version', async () => {
    const { request, ok } = await build('@id = 42\nPOST https://h/items/{{id}} HTTP/2\nX-Id: {{id}}\n\n{"id": {{id}}}\n');
    assert.equal(ok, true);
    assert.deepEqual([request.method, request.url, request.httpVersion], ['POST', 'https://h/items/42', '2']);
    assert.deepEqual(request.headers, [['X-Id', '42']]);
    assert.equal(text(request.body), '{"id": 42}');
  });

  it('joins a multi-line urlencoded body with & as REST Client does', async () => {
    const { request } = await build('@p = s3cret\nPOST https://h/login\nContent-Type: application/x-www-form-urlencoded\n\nname=foo\n&password={{p}}\n');
    assert.equal(text(request.body), 'name=foo&password=s3cret');
    assert.equal(joinFormLines('a=1&\nb=2\nc=3'), 'a=1&b=2&c=3');
  });

  it('GraphQL: query + variables become a JSON body with operationName; method POST; JSON content type', async () => {
    const { request, ok } = await build('@n = 5\nGRAPHQL https://h/gql\n\nquery Members($n: Int) {\n  members(first: $n) { id }\n}\n\n{ "n": {{n}} }\n');
    assert.equal(ok, true);
    assert.equal(request.method, 'POST');
    assert.deepEqual(request.headers, [['Content-Type', 'application/json']]);
    assert.deepEqual(JSON.parse(text(request.body)), { query: 'query Members($n: Int) {\n  members(first: $n) { id }\n}', variables: { n: 5 }, operationName: 'Members' });
    assert.deepEqual(splitGraphql('{ a }'), { query: '{ a }' });
  });

  it('X-Request-Type: GraphQL is not sent and the body is wrapped', async () => {
    const { request } = await build('POST https://h/gql\nX-Request-Type: GraphQL\nContent-Type: application/json\n\n{ viewer { login } }\n');
    assert.deepEqual(request.headers, [['Content-Type', 'application/json']]);
    assert.deepEqual(JSON.parse(text(request.body)), { query: '{ viewer { login } }' });
  });

  it('< file is sent raw from disk; <@ file is read and substituted; <@latin1 decodes', async () => {
    const host = fakeHost({ files: { './t.json': '{"v":"{{v}}"}', './l.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9]) }, resolvePath: (p) => `/base/${p.replace('./', '')}` });
    const raw = await build('POST https://h/a\n\n< ./big.bin\n', host);
    assert.deepEqual(raw.request.body, { kind: 'file', path: '/base/big.bin' });
    const sub = await build('@v = 1\nPOST https://h/a\n\n<@ ./t.json\n', host);
    assert.equal(text(sub.request.body), '{"v":"1"}');
    const latin = await build('POST https://h/a\n\n<@latin1 ./l.txt\n', host);
    assert.equal(text(latin.request.body), 'café');
  });

  it('an unresolved variable deep in a body is reported on its own line and column', async () => {
    const src = 'POST https://h/a\n\n{\n  "a": 1,\n  "b": "{{nope}}"\n}\n';
    const doc = parseHttp(src);
    const { diagnostics } = await resolveRequest(doc, doc.requests[0], { host: fakeHost(), lines: src.split('\n') });
    assert.deepEqual(diagnostics.map((d) => [d.code, d.line, d.startColumn, d.endColumn]), [['unresolved-variable', 4, 8, 16]]);
  });

  it('a missing body file is a diagnostic, not a crash', async () => {
    const { ok, diagnostics } = await build('POST https://h/a\n\n<@ ./nope.json\n');
    assert.equal(ok, false);
    assert.equal(diagnostics[0].code, 'body-file');
  });

  it('multipart with a file part: CRLF text parts around a file part, boundary from the header', async () => {
    const { request } = await build('@name = avatar\nPOST https://h/up\nContent-Type: multipart/form-data; boundary=XyZ\n\n--XyZ\nContent-Disposition: form-data; name="{{name}}"; filename="a.png"\n\n< ./a.png\n--XyZ--\n', fakeHost({ resolvePath: (p) => `/abs/${p}` }));
    assert.ok(request.body && request.body.kind === 'multipart');
    assert.equal(request.body.boundary, 'XyZ');
    assert.deepEqual(request.body.parts.map((p) => (p.kind === 'buffer' ? p.data.toString() : `file:${p.path}`)), [
      '--XyZ\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\n\r\n',
      'file:/abs/./a.png',
      '\r\n--XyZ--',
    ]);
  });

  it('a URL without scheme gets http://; a /path gets the host variable (httpYac)', async () => {
    assert.equal((await build('GET localhost:3000/a\n')).request.url, 'http://localhost:3000/a');
    assert.equal((await build('@host = https://api.test/\nGET /launches\n')).request.url, 'https://api.test/launches');
    const rel = await build('GET /nohost\n');
    assert.equal(rel.diagnostics[0].code, 'relative-url');
  });

  it('asks # @prompt questions through the host and uses the answers', async () => {
    const asked: string[] = [];
    const host = fakeHost({ prompt: async (name, description, secret) => { asked.push(`${name}|${description}|${secret}`); return name === 'otp' ? '123' : 'pw'; } });
    const { request } = await build('# @prompt otp One-time code\n# @prompt password\nPOST https://h/verify?otp={{otp}}\nX-P: {{password}}\n', host);
    assert.equal(request.url, 'https://h/verify?otp=123');
    assert.deepEqual(request.headers, [['X-P', 'pw']]);
    assert.deepEqual(asked, ['otp|One-time code|false', 'password|undefined|true']);
  });
});

describe('describeVariable (hover)', () => {
  const doc = parseHttp('@apiToken = abcdef123456\n@base = https://h\n# @name login\nPOST {{base}}/login\n');
  const environment = resolveEnvironment({ jetbrainsPublic: JSON.stringify({ dev: { region: 'eu-1' } }) }, 'dev').environment;

  it('shows the value and where it came from; secrets are masked unless revealed', async () => {
    const base = await describeVariable(doc, 'base', { host: fakeHost(), environment });
    assert.deepEqual([base.value, base.sourceText, base.masked], ['https://h', 'file variable (line 2)', false]);
    const region = await describeVariable(doc, 'region', { host: fakeHost(), environment });
    assert.equal(region.sourceText, "environment 'dev'");
    const token = await describeVariable(doc, 'apiToken', { host: fakeHost(), environment });
    assert.equal(token.masked, true);
    assert.equal(token.value, 'ab••••••••56');
    assert.equal((await describeVariable(doc, 'apiToken', { host: fakeHost(), environment, reveal: true })).value, 'abcdef123456');
    assert.equal((await describeVariable(doc, '$guid', { host: fakeHost() })).sourceText, 'system variable');
  });

  it('never sends a request for a hover, and explains what is missing', async () => {
    let sent = false;
    const d = await describeVariable(doc, 'login.response.body.$.token', { host: fakeHost({ runDependency: async () => { sent = true; return undefined; } }) });
    assert.equal(sent, false);
    assert.equal(d.value, undefined);
    assert.match(d.problem ?? '', /no response yet/);
  });

  it('listVariables gives every name with value and source, secrets masked', async () => {
    const env = resolveEnvironment({ restClient: { dev: { region: 'eu-1', base: 'overridden-by-file' } }, dotenv: 'DB_PASSWORD=pw123456789\n' }, 'dev').environment;
    const list = await listVariables(doc, { host: fakeHost(), environment: env });
    assert.deepEqual(list.map((v) => [v.name, v.value, v.sourceText]), [
      ['apiToken', 'ab••••••••56', 'file variable (line 1)'],
      ['base', 'https://h', 'file variable (line 2)'],
      ['region', 'eu-1', "environment 'dev'"],
      ['login', undefined, 'named request (use {{login.response.body.$.…}})'],
      ['$dotenv DB_PASSWORD', 'pw•••••••89', '.env file'],
    ]);
  });

  it('variableAt finds the {{…}} under the cursor', () => {
    assert.deepEqual(variableAt('GET {{ base }}/x/{{id}}', 8), { expr: 'base', start: 4, end: 14 });
    assert.deepEqual(variableAt('GET {{ base }}/x/{{id}}', 19), { expr: 'id', start: 17, end: 23 });
    assert.equal(variableAt('GET {{ base }}/x/{{id}}', 15), undefined);
  });
});
