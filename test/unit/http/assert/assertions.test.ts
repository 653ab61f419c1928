import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { evaluateAssertion, type AssertionResult } from '../../../../src/core/http/assert/evaluate';
import { parseAssertion } from '../../../../src/core/http/assert/parseAssertion';
import { createResponseView, type ResponseView } from '../../../../src/core/http/assert/responseView';
import { fetchResponse, startServer } from './realServer';

const USER = { user: { name: 'Ada', age: 36, admin: true, nick: null }, items: [{ id: 7 }, { id: 8 }], tags: ['a', 'b'], empty: false };
const XML = '<?xml version="1.0"?><root><a b="x">hello</a><n>4</n></root>';

describe('http assertions (?? lines) against a real server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let json: ResponseView;
  let xml: ResponseView;
  let text: ResponseView;

  before(async () => {
    server = await startServer({
      '/json': () => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-multi': ['one', 'two'], 'content-length': String(Buffer.byteLength(JSON.stringify(USER))) }, body: JSON.stringify(USER) }),
      '/xml': () => ({ status: 201, headers: { 'content-type': 'application/xml' }, body: XML }),
      '/text': () => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'Hello plain world' }),
    });
    const load = async (p: string) => {
      const r = await fetchResponse(`${server.base}${p}`);
      return createResponseView(r, r.body.kind === 'buffer' ? r.body.data : Buffer.alloc(0));
    };
    json = await load('/json');
    xml = await load('/xml');
    text = await load('/text');
  });
  after(() => server.close());

  let lineNo = 0;
  function run(view: ResponseView, t: string, allowScripts = true): AssertionResult {
    return evaluateAssertion({ text: t, line: ++lineNo }, view, { allowScripts, timeoutMs: 500, filename: 'test.http' });
  }
  function passes(view: ResponseView, ...lines: string[]) {
    for (const l of lines) {
      const r = run(view, l);
      assert.equal(r.passed, true, `expected pass: ${l} → ${r.message} (actual ${r.actual})`);
    }
  }
  function fails(view: ResponseView, ...lines: string[]) {
    for (const l of lines) {
      const r = run(view, l);
      assert.equal(r.passed, false, `expected failure: ${l} (actual ${r.actual})`);
      assert.equal(r.skipped, undefined);
      assert.ok(r.message.length > 0);
    }
  }

  it('status with every comparison operator', () => {
    passes(json, 'status == 200', 'status != 201', 'status < 300', 'status <= 200', 'status > 199', 'status >= 200', 'status startsWith 20', 'status endsWith 00', 'status isNumber', 'status exists');
    fails(json, 'status == 201', 'status != 200', 'status < 200', 'status <= 199', 'status > 200', 'status >= 201', 'status startsWith 4', 'status endsWith 4', 'status isString');
    passes(text, 'status == 404');
  });

  it('header <name> is case-insensitive and joins repeated values', () => {
    passes(json, 'header content-type includes json', 'header Content-Type contains json', 'header content-type startsWith application/', 'header content-type endsWith utf-8', 'header x-multi == "one, two"', 'header content-length isNumber', 'header range isFalse', 'header content-type isString');
    fails(json, 'header content-type includes xml', 'header range exists', 'header x-missing isString');
    const r = run(json, 'header content-type == text/html');
    assert.equal(r.expected, 'text/html');
    assert.equal(r.actual, 'application/json; charset=utf-8');
  });

  it('body as a whole, and body paths (property path and JSONPath)', () => {
    passes(json, 'body includes "Ada"', 'body user.name == Ada', 'body user.name == "Ada"', 'body $.user.name == Ada', 'body items[0].id == 7', 'body $.items[1].id == 8', 'body items isArray', 'body user.age > 30', 'body user.age isNumber',
      'body user.admin isTrue', 'body user.admin isBoolean', 'body user.admin == true', 'body empty isFalse', 'body user.nick == null', 'body user.name isString', 'body tags includes b', 'body tags == ["a","b"]', 'body user.name matches ^A.a$', 'body user.name matches /^ada$/i', 'body $.items[*].id == [7,8]', 'body missing.path isFalse');
    fails(json, 'body user.name == Bob', 'body missing.path exists', 'body user isArray', 'body user.age < 30', 'body tags includes z', 'body user.name matches ^B', 'body user.age isString', 'body user.admin isFalse');
    passes(text, 'body == Hello plain world', 'body includes plain', 'body startsWith Hello', 'body endsWith world', 'body isString');
    const notJson = run(text, 'body user.name == Ada');
    assert.equal(notJson.passed, false);
    assert.match(notJson.message, /not JSON/);
  });

  it('hash operators compare the body bytes as base64 (httpYac) or hex', () => {
    const bytes = Buffer.from(JSON.stringify(USER));
    for (const algo of ['sha256', 'sha512', 'md5'] as const) {
      const digest = createHash(algo).update(bytes).digest();
      passes(json, `body ${algo} ${digest.toString('base64')}`, `body ${algo} ${digest.toString('hex')}`);
      fails(json, `body ${algo} AAAA`);
    }
    passes(json, `body user.name sha256 ${createHash('sha256').update('Ada').digest('base64')}`);
  });

  it('xpath reads attributes, text and numbers from an XML body', () => {
    passes(xml, 'xpath /root/a/@b == x', 'xpath /root/a == hello', 'xpath string(/root/a) startsWith hel', 'xpath number(/root/n) > 3', 'xpath /root/missing isFalse', 'status == 201');
    fails(xml, 'xpath /root/a/@b == y', 'xpath /root/missing exists');
    const bad = run(text, 'xpath /a == 1');
    assert.equal(bad.passed, false);
    const badExpr = run(xml, 'xpath /root/[ == 1');
    assert.equal(badExpr.passed, false);
    assert.match(badExpr.message, /XPath/);
  });

  it('duration is the total time in ms', () => {
    passes(json, 'duration isNumber', 'duration >= 0');
    fails(json, 'duration < 0');
  });

  it('js expressions see the response, and are skipped with a note when scripts are not allowed', () => {
    passes(json, 'js response.parsedBody.user.name == Ada', 'js response.parsedBody.items.length == 2', 'js response.statusCode == 200', 'js response.headers["content-type"] includes json', 'js response.parsedBody.user exists');
    fails(json, 'js response.parsedBody.nothing exists');
    const skipped = run(json, 'js response.parsedBody.user.name == Ada', false);
    assert.equal(skipped.skipped, true);
    assert.equal(skipped.passed, false);
    assert.match(skipped.message, /scripts are not allowed/);
    const thrown = run(json, 'js response.nope.deeper == 1');
    assert.equal(thrown.passed, false);
    assert.match(thrown.message, /TypeError/);
  });

  it('js expressions are stopped by the time limit', () => {
    const r = evaluateAssertion({ text: 'js (() => { while (true) {} })() == 1', line: 3 }, json, { allowScripts: true, timeoutMs: 50, filename: 'loop.http' });
    assert.equal(r.passed, false);
    assert.match(r.message, /stopped after 50 ms/);
  });

  it('malformed lines give a clear failure result instead of throwing', () => {
    for (const [line, why] of [
      ['', /empty assertion/], ['statuss == 200', /unknown assertion subject 'statuss'/], ['status 200', /no operator/], ['status ==', /needs a value/],
      ['header == x', /needs a header name/], ['status foo == 200', /takes no argument/], ['status exists 200', /takes no value/], ['body x matches (', /invalid regular expression/],
    ] as const) {
      const r = run(json, line);
      assert.equal(r.passed, false, line);
      assert.match(r.message, why, line);
    }
  });

  it('parseAssertion splits subject, argument, operator and expected; aliases map to canonical operators', () => {
    assert.deepEqual(parseAssertion('body user.name == Ada Lovelace'), { ok: true, assertion: { subject: 'body', argument: 'user.name', operator: '==', expected: 'Ada Lovelace' } });
    assert.deepEqual(parseAssertion('status equals 200'), { ok: true, assertion: { subject: 'status', argument: '', operator: '==', expected: '200' } });
    assert.deepEqual(parseAssertion('status not equals 200'), { ok: true, assertion: { subject: 'status', argument: '', operator: '!=', expected: '200' } });
    assert.deepEqual(parseAssertion('header location isString'), { ok: true, assertion: { subject: 'header', argument: 'location', operator: 'isString' } });
  });
});
