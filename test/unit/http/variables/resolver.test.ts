import * as assert from 'node:assert/strict';
import { parseHttp } from '../../../../src/core/http/parse';
import { listEnvironments, resolveEnvironment, resolveRequest, VariableResolver } from '../../../../src/core/http/variables';
import { fakeHost, response } from './helpers';

describe('file variables and environments', () => {
  it('file variables may reference other file variables and the environment', async () => {
    const doc = parseHttp('@host = {{scheme}}://{{domain}}\n@domain = api.test\n@url = {{host}}/v1\nGET {{url}}/items\n');
    const environment = resolveEnvironment({ restClient: { dev: { scheme: 'https' } } }, 'dev').environment;
    const { request, diagnostics, ok } = await resolveRequest(doc, doc.requests[0], { environment, host: fakeHost() });
    assert.equal(request.url, 'https://api.test/v1/items');
    assert.deepEqual(diagnostics, []);
    assert.equal(ok, true);
  });

  it('a cycle between file variables is a diagnostic, not a hang', async () => {
    const doc = parseHttp('@a = {{b}}\n@b = x{{a}}\nGET https://h/{{a}}\n');
    const { request, diagnostics } = await resolveRequest(doc, doc.requests[0], { host: fakeHost() });
    assert.ok(diagnostics.some((d) => d.code === 'variable-cycle'), JSON.stringify(diagnostics));
    assert.match(request.url, /^https:\/\/h\//);
  });

  it('an undefined variable is an unresolved-variable error naming it, placed on its column', async () => {
    const doc = parseHttp('GET https://h/a\nAuthorization: Bearer {{missingToken}}\n');
    const lines = 'GET https://h/a\nAuthorization: Bearer {{missingToken}}\n'.split('\n');
    const { request, diagnostics, ok } = await resolveRequest(doc, doc.requests[0], { host: fakeHost(), lines });
    assert.equal(ok, false);
    assert.equal(request.headers[0][1], 'Bearer {{missingToken}}');
    assert.equal(diagnostics[0].code, 'unresolved-variable');
    assert.match(diagnostics[0].message, /missingToken/);
    assert.deepEqual([diagnostics[0].line, diagnostics[0].startColumn, diagnostics[0].endColumn], [1, 22, 38]);
  });

  it('JetBrains env files: private overrides public, $shared fills in, other environments are listed', () => {
    const src = {
      jetbrainsPublic: JSON.stringify({ $shared: { region: 'eu', host: 'shared' }, dev: { host: 'dev.test', token: 'public' }, prod: { host: 'prod.test' } }),
      jetbrainsPrivate: JSON.stringify({ dev: { token: 'private' } }),
    };
    const { environment } = resolveEnvironment(src, 'dev');
    assert.equal(environment.variables.get('host')?.value, 'dev.test');
    assert.equal(environment.variables.get('token')?.value, 'private');
    assert.equal(environment.variables.get('region')?.value, 'eu');
    assert.deepEqual(environment.variables.get('host')?.source, { kind: 'environment', environment: 'dev' });
    assert.deepEqual(listEnvironments(src).names, ['dev', 'prod']);
  });

  it('REST Client settings with $shared; a bad env file and an unknown environment are diagnostics', () => {
    const { environment, diagnostics } = resolveEnvironment({ restClient: { $shared: { v: 'shared', only: 's' }, local: { v: 'local' } }, jetbrainsPublic: '{ nope' }, 'local');
    assert.equal(environment.variables.get('v')?.value, 'local');
    assert.equal(environment.variables.get('only')?.value, 's');
    assert.equal(diagnostics[0].code, 'invalid-environment-file');
    assert.equal(resolveEnvironment({}, 'ghost').diagnostics[0].code, 'unknown-environment');
  });
});

describe('request chaining', () => {
  const doc = parseHttp('# @name login\nPOST https://h/login\nContent-Type: application/json\n\n{"user":"u"}\n###\n# @name feed\nGET https://h/feed.xml\n###\nGET https://h/x\n');

  it('reads JSONPath, dotted paths, headers, and the request side', async () => {
    const login = response('{"token":"t-1","user":{"id":7},"list":[1,2]}', [['Content-Type', 'application/json'], ['X-Token', 'hdr']], { headers: [['Accept', 'text/plain']], body: { kind: 'buffer', data: Buffer.from('{"user":"u"}') } });
    const r = new VariableResolver({ document: doc, host: fakeHost({ responses: { login } }) });
    assert.equal(await r.substitute('{{login.response.body.$.token}}|{{login.response.body.user.id}}|{{login.response.body.$.list}}', 0), 't-1|7|[1,2]');
    assert.equal(await r.substitute('{{login.response.headers.x-token}}|{{login.request.headers.Accept}}|{{login.request.body.$.user}}', 0), 'hdr|text/plain|u');
    assert.equal(await r.substitute('{{login.response.body.*}}', 0), '{"token":"t-1","user":{"id":7},"list":[1,2]}');
    assert.deepEqual(r.diagnostics, []);
  });

  it('reads XPath from an XML body', async () => {
    const feed = response('<feed><entry id="a"><token>x-9</token></entry></feed>', [['Content-Type', 'application/xml']]);
    const r = new VariableResolver({ document: doc, host: fakeHost({ responses: { feed } }) });
    assert.equal(await r.substitute('{{feed.response.body.//token}}/{{feed.response.body.//entry/@id}}', 0), 'x-9/a');
  });

  it('runs a named dependency that has no response yet, once per reference', async () => {
    const ran: string[] = [];
    const host = fakeHost({ runDependency: async (n) => { ran.push(n); return response('{"token":"fresh"}', [['Content-Type', 'application/json']]); } });
    const d = parseHttp('# @name login\nPOST https://h/login\n###\nGET https://h/me\nAuthorization: Bearer {{login.response.body.$.token}}\nX-Again: {{login.response.body.$.token}}\n');
    const { request, ok } = await resolveRequest(d, d.requests[1], { host });
    assert.equal(ok, true);
    assert.deepEqual(request.headers, [['Authorization', 'Bearer fresh'], ['X-Again', 'fresh']]);
    assert.deepEqual(ran, ['login']);
  });

  it('a missing response, an unknown request or a path that matches nothing are diagnostics', async () => {
    const login = response('{"a":1}', [['Content-Type', 'application/json']]);
    const r1 = new VariableResolver({ document: doc, host: fakeHost() });
    await r1.substitute('{{login.response.body.$.a}}', 3);
    assert.match(r1.diagnostics[0].message, /'login' has no response yet/);
    const r2 = new VariableResolver({ document: doc, host: fakeHost({ responses: { login } }) });
    assert.equal(await r2.substitute('{{nobody.response.body.$.a}} {{login.response.body.$.zzz}}', 0), '{{nobody.response.body.$.a}} {{login.response.body.$.zzz}}');
    assert.match(r2.diagnostics[0].message, /no request named 'nobody'/);
    assert.match(r2.diagnostics[1].message, /nothing in the body matches \$\.zzz/);
  });
});
