import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestNotFoundError } from '../../../../src/core/http/run/runner';
import { startServer } from '../assert/realServer';
import { harness, type Harness } from './harness';

describe('HttpFileRunner against a real server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  let h: Harness;

  before(async () => {
    server = await startServer({
      'POST /login': (_req, body) => {
        const creds = JSON.parse(body.toString() || '{}') as { user?: string };
        return creds.user === 'ada'
          ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'secret-token', user: { name: 'Ada' } }) }
          : { status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":"bad user"}' };
      },
      'GET /me': (req) => req.headers.authorization === 'Bearer secret-token'
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ada', roles: ['admin'] }) }
        : { status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":"no token"}' },
      '/ok': () => ({ headers: { 'content-type': 'text/plain' }, body: 'ok' }),
      '/fail': () => ({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'broken' }),
    });
    base = server.base;
  });
  after(() => server.close());
  beforeEach(() => { server.hits.length = 0; h = harness(); });
  afterEach(() => h.dispose());

  it('login → token → authorised request, the JetBrains way (client.global in a handler, {{token}} later)', async () => {
    const r = await h.run(`### Login
POST ${base}/login
Content-Type: application/json

{"user": "ada"}

> {%
  client.test("logged in", function () {
    client.assert(response.status === 200, "status " + response.status);
  });
  client.global.set("token", response.body.token);
%}

### Me
GET ${base}/me
Authorization: Bearer {{token}}

> {%
  client.test("is Ada", () => client.assert(response.body.name === "Ada", "name was " + response.body.name));
%}
?? status == 200
?? body roles includes admin
`);
    assert.deepEqual(r.requests.map((x) => [x.label, x.status, x.passed, x.error]), [['Login', 200, true, undefined], ['Me', 200, true, undefined]]);
    assert.deepEqual(r.requests.flatMap((x) => x.tests.map((t) => [t.name, t.passed, t.line])), [['logged in', true, 7], ['is Ada', true, 18]]);
    assert.deepEqual(r.requests[1]!.assertions.map((a) => [a.line, a.passed]), [[20, true], [21, true]]);
    assert.equal(h.globals.get('token'), 'secret-token');
  });

  it('login → token → authorised request, the REST Client way (# @name login + {{login.response.body.$.token}}), dependency runs once', async () => {
    const text = `@auth = Bearer {{login.response.body.$.token}}

###
# @name login
POST ${base}/login
Content-Type: application/json

{"user": "ada"}

###
# @name me
GET ${base}/me
Authorization: {{auth}}

?? status == 200
?? body name == Ada

###
# @name again
GET ${base}/me
Authorization: Bearer {{login.response.body.$.token}}

?? status == 200
`;
    const all = await h.run(text);
    assert.deepEqual(all.requests.map((x) => [x.name, x.status, x.passed, x.asDependency]), [['login', 200, true, false], ['me', 200, true, false], ['again', 200, true, false]]);
    assert.equal(server.hits.filter((x) => x === 'POST /login').length, 1);

    server.hits.length = 0;
    const one = await h.run(text, { name: 'again' });
    assert.deepEqual(one.requests.map((x) => [x.name, x.asDependency, x.passed]), [['login', true, true], ['again', false, true]]);
    assert.deepEqual(server.hits, ['POST /login', 'GET /me']);
  });

  it('continues past a failure by default, stops with bail; a failed dependency stops its dependents', async () => {
    const text = `GET ${base}/fail
?? status == 200

###
GET ${base}/ok
?? body == ok
`;
    const cont = await h.run(text);
    assert.deepEqual(cont.requests.map((x) => x.passed), [false, true]);
    const failed = cont.requests[0]!.assertions[0]!;
    assert.equal(failed.line, 1);
    assert.equal(failed.expected, '200');
    assert.equal(failed.actual, '500');
    const bail = await h.run(text, { bail: true });
    assert.deepEqual(bail.requests.map((x) => x.passed), [false]);

    const dep = await h.run(`# @name login
POST ${base}/login
Content-Type: application/json

{"user": "bob"}

###
GET ${base}/me
Authorization: Bearer {{login.response.body.$.token}}
`);
    assert.equal(dep.requests[0]!.status, 401);
    assert.match(dep.requests[1]!.error ?? '', /Cannot resolve \{\{login\.response\.body\.\$\.token\}\}: nothing in the body matches/);
  });

  it('a cycle of {{name.response}} references fails both requests once, without sending them', async () => {
    const r = await h.run(`# @name a
GET ${base}/ok?b={{b.response.body.*}}

###
# @name b
GET ${base}/ok?a={{a.response.body.*}}
`);
    assert.deepEqual(r.requests.map((x) => [x.name, x.passed]), [['b', false], ['a', false]]);
    assert.match(r.requests[0]!.error ?? '', /circular reference: 'a'/);
    assert.deepEqual(server.hits, []);
  });

  it('reports a request that could not be sent as an error, and an unknown --name as RequestNotFoundError', async () => {
    const closed = await startServer({});
    await closed.close();
    const r = await h.run(`GET ${closed.base}/x\n`);
    assert.equal(r.requests[0]!.passed, false);
    assert.ok(r.requests[0]!.error);
    await assert.rejects(h.run(`GET ${base}/ok\n`, { name: 'nope' }), RequestNotFoundError);
    const masked = await h.run(`GET ${base}/ok?api_key=abc123&page=2\n`);
    assert.equal(masked.requests[0]!.passed, true);
    assert.doesNotMatch(masked.requests[0]!.url, /abc123/);
    assert.match(masked.requests[0]!.url, /page=2/);
  });

  it('skips scripts and js assertions with a visible note when scripts are not allowed', async () => {
    const locked = harness({ allowScripts: false });
    try {
      const r = await locked.run(`< {% request.variables.set("x", "1") %}
GET ${base}/ok

> {% client.global.set("y", "2"); client.test("never", () => {}); %}
?? status == 200
?? js response.statusCode == 200
`);
      const req = r.requests[0]!;
      assert.equal(req.passed, true);
      assert.deepEqual(req.tests, []);
      assert.equal(locked.globals.size, 0);
      assert.ok(req.notes.some((n) => /scripts are not allowed/.test(n)));
      assert.deepEqual(req.assertions.map((a) => [a.passed, a.skipped]), [[true, undefined], [false, true]]);
    } finally {
      locked.dispose();
    }
  });

  it('pre-request scripts feed {{variables}}; a script past its time limit fails the request clearly', async () => {
    const ok = await h.run(`< {%
  request.variables.set("who", "ada");
%}
POST ${base}/login
Content-Type: application/json

{"user": "{{who}}"}

?? status == 200
`);
    assert.equal(ok.requests[0]!.passed, true, JSON.stringify(ok.requests[0]));
    const slow = await h.run(`GET ${base}/ok

> {% while (true) {} %}
`, { scriptTimeout: 50 });
    assert.equal(slow.requests[0]!.passed, false);
    assert.match(slow.requests[0]!.error ?? '', /response handler failed: .*stopped after 50 ms/);
  });

  it('runs handler files (> ./handler.js) and saves bodies with >> and >>!', async () => {
    writeFileSync(join(h.dir, 'handler.js'), 'client.test("from file", () => client.assert(response.body === "ok", "body"));\nclient.log("handled");\n');
    const text = `GET ${base}/ok

> ./handler.js
>> ./out/ok.txt
`;
    const first = await h.run(text);
    const second = await h.run(text);
    const forced = await h.run(`GET ${base}/ok\n\n>>! ./out/ok.txt\n`);
    assert.deepEqual(first.requests[0]!.tests.map((t) => [t.name, t.passed]), [['from file', true]]);
    assert.deepEqual([first, second, forced].map((r) => r.requests[0]!.saved[0]), [join(h.dir, 'out/ok.txt'), join(h.dir, 'out/ok-1.txt'), join(h.dir, 'out/ok.txt')]);
    assert.equal(readFileSync(join(h.dir, 'out/ok-1.txt'), 'utf8'), 'ok');
    assert.ok(h.logs.some((l) => l.includes('handled')));
    const missing = await h.run(`GET ${base}/ok\n\n> ./nope.js\n`);
    assert.match(missing.requests[0]!.error ?? '', /cannot read script \.\/nope\.js/);
  });

  it('fires fileStart, requestStart/End and fileEnd in order', async () => {
    await h.run(`GET ${base}/ok\n\n###\nGET ${base}/ok\n`);
    assert.deepEqual(h.events.map((e) => e.type), ['fileStart', 'requestStart', 'requestEnd', 'requestStart', 'requestEnd', 'fileEnd']);
  });
});
