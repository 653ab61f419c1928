import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseHttp } from '../../../src/core/http/parse';
import { discoverRequests, findClientTests, requestKeysByLine } from '../../../src/vscode/testing/discovery';
import { requestOutcome } from '../../../src/vscode/testing/outcomes';
import { planDocument } from '../../../src/vscode/testing/plan';
import { harness, tempDir, type Harness } from '../http/run/harness';

describe('Test Explorer glue (plain Node)', () => {
  let server: http.Server;
  let base = '';
  const hits: string[] = [];
  before(async () => {
    server = http.createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      if (req.url === '/login') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"token":"t1"}'); return; }
      if (req.url === '/user') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"name":"Ada","id":7}'); return; }
      res.writeHead(404); res.end('nope');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  describe('findClientTests', () => {
    it('finds literal names with their lines, skips computed ones', () => {
      const code = 'client.test("a", () => {});\n  client . test( \'b \\\' c\', f)\nclient.test(`t ${x}`, f); client.test(`plain`, f)\nclient.testing("no")\nclient.test("a" + b, f)';
      assert.deepEqual(findClientTests(code), [{ name: 'a', line: 0 }, { name: "b ' c", line: 1 }, { name: 'plain', line: 2 }]);
    });
  });

  describe('discoverRequests', () => {
    it('lists only requests with assertions or handlers, keys unique per label, tests at their file lines', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'handler.js'), '// header\nclient.test("from file", () => {});\n');
      const text = [
        'GET http://x/a', //                 0
        '', //                               1
        '###', //                            2
        'GET http://x/b', //                 3
        '?? status == 200', //               4
        '', //                               5
        '###', //                            6
        'GET http://x/b', //                 7
        '> {%', //                           8
        '  client.test("one", () => {});', // 9
        '  client.test("one", () => {});', // 10
        '%}', //                             11
        '', //                               12
        '###', //                            13
        'GET http://x/c', //                 14
        '> ./handler.js', //                 15
      ].join('\n');
      const file = join(dir, 'api.http');
      const found = await discoverRequests(parseHttp(text), file, text, (f) => readFile(f));
      assert.deepEqual(found.map((r) => [r.key, r.assertions, r.tests.map((t) => [t.key, t.line, t.file])]), [
        ['GET http://x/b', 1, []],
        ['GET http://x/b#2', 0, [['one', 9, file], ['one#2', 10, file]]],
        ['GET http://x/c', 0, [['from file', 1, join(dir, 'handler.js')]]],
      ]);
      assert.deepEqual([...requestKeysByLine(parseHttp(text)).entries()], [[0, 'GET http://x/a'], [3, 'GET http://x/b'], [7, 'GET http://x/b#2'], [14, 'GET http://x/c']]);
    });
  });

  describe('planDocument', () => {
    it('keeps the selected requests and the named ones they refer to, in file order', () => {
      const doc = parseHttp(`@auth = Bearer {{login.response.body.$.token}}
###
# @name login
POST http://x/login
###
GET http://x/other
###
GET http://x/me
Authorization: {{auth}}
`);
      const me = doc.requests[2]!;
      assert.deepEqual(planDocument(doc, new Set([me.requestLine])).requests.map((r) => r.url), ['http://x/login', 'http://x/me']);
      assert.equal(planDocument(doc, new Set(doc.requests.map((r) => r.requestLine))), doc);
    });
  });

  describe('requestOutcome (real runner, real server)', () => {
    let h: Harness;
    beforeEach(() => { h = harness(); });
    afterEach(() => h.dispose());

    const fileText = () => [
      `GET ${base}/user`, //                                                       0
      '?? status == 200', //                                                       1
      '?? body name == Grace', //                                                  2
      '', //                                                                       3
      '###', //                                                                    4
      `GET ${base}/user`, //                                                       5
      '> {%', //                                                                   6
      '  client.test("ok", () => client.assert(response.status === 200));', //     7
      '  client.test("name " + "x", () => client.assert(false, "computed"));', //  8
      '%}', //                                                                     9
      '', //                                                                       10
      '###', //                                                                    11
      `GET ${base}/nope`, //                                                       12
      '> {%', //                                                                   13
      '  throw new Error("boom");', //                                             14
      '  client.test("never", () => {});', //                                      15
      '%}', //                                                                     16
    ].join('\n');

    it('failed assertions carry line, expected and actual; client.tests map to items, computed ones are dynamic', async () => {
      const text = fileText();
      const doc = parseHttp(text);
      const result = await h.run(text);
      const found = await discoverRequests(doc, result.file, text, (f) => readFile(f));
      const [a, b, c] = result.requests.map((r, i) => requestOutcome(r, found[i]));
      assert.equal(a!.state, 'failed');
      assert.deepEqual(a!.problems.map((p) => [p.line, p.expected, p.actual]), [[2, 'Grace', 'Ada']]);
      assert.match(a!.output, /✗ line 3: \?\? body name == Grace/);

      assert.equal(b!.state, 'failed');
      assert.deepEqual(b!.tests.map((t) => [t.key, t.state, t.line, t.dynamic]), [['ok', 'passed', 7, false], ['name x', 'failed', 8, true]]);
      assert.equal(b!.tests[1]!.problems[0]!.message, 'computed');
      assert.match(b!.problems[0]!.message, /1 of 2 client\.test failed: name x/);
      assert.equal(b!.problems[0]!.line, 6, 'at the handler line');

      assert.equal(c!.state, 'failed');
      assert.equal(c!.problems[0]!.line, 13, 'a script error sits at its handler');
      assert.match(c!.problems[0]!.message, /boom/);
      assert.deepEqual(c!.tests.map((t) => [t.key, t.state]), [['never', 'skipped']]);
    });

    it('without script permission: handler tests are skipped with the note, assertions still count', async () => {
      const untrusted = harness({ allowScripts: false });
      try {
        const text = fileText();
        const result = await untrusted.run(text);
        const found = await discoverRequests(parseHttp(text), result.file, text, (f) => readFile(f));
        const b = requestOutcome(result.requests[1]!, found[1]);
        assert.equal(b.state, 'skipped');
        assert.match(b.problems[0]!.message, /scripts are not allowed/);
        assert.deepEqual(b.tests.map((t) => [t.key, t.state]), [['ok', 'skipped']]);
        assert.match(b.tests[0]!.problems[0]!.message, /scripts are not allowed/);
        assert.equal(requestOutcome(result.requests[0]!, found[0]).state, 'failed');
      } finally {
        untrusted.dispose();
      }
    });

    it('a request that got no response is errored at its request line', async () => {
      const text = 'GET http://127.0.0.1:1/\n?? status == 200\n';
      const result = await h.run(text);
      const o = requestOutcome(result.requests[0]!, undefined);
      assert.equal(o.state, 'errored');
      assert.equal(o.problems[0]!.line, 0);
    });
  });
});
