import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { HttpSender } from '../../../../src/core/http/send';
import type { UserFacingError } from '../../../../src/core/common/errors';
import { close, listen, readBody } from './servers';

describe('HttpSender: redirects and cookies', () => {
  let server: http.Server;
  let other: http.Server;
  let base: string;
  let otherBase: string;
  let sender: HttpSender;
  const seen: Array<{ method: string; path: string; cookie?: string; auth?: string; body: string; host: string }> = [];

  before(async () => {
    const handler = (name: string) => async (req: http.IncomingMessage, res: http.ServerResponse) => {
      const body = (await readBody(req)).toString();
      const path = req.url ?? '/';
      seen.push({ method: req.method ?? '', path, cookie: req.headers.cookie, auth: req.headers.authorization, body, host: name });
      const m = /^\/(30[1-8])(?:\/(.*))?$/.exec(path);
      if (m) { res.writeHead(Number(m[1]), { location: `/${m[2] ?? 'done'}` }); res.end('moved'); return; }
      if (path === '/chain') { res.writeHead(302, { location: '/302/done' }); res.end(); return; }
      if (path === '/loop') { res.writeHead(302, { location: '/loop' }); res.end(); return; }
      if (path === '/login') { res.writeHead(200, { 'set-cookie': ['session=abc123; Path=/; HttpOnly', 'theme=dark; Path=/'] }); res.end(); return; }
      if (path === '/login-redirect') { res.writeHead(302, { 'set-cookie': 'sid=r1; Path=/', location: '/me' }); res.end(); return; }
      if (path === '/away') { res.writeHead(302, { location: `${otherBase}/landed` }); res.end(); return; }
      res.end(`${name} ${req.method} ${path}`);
    };
    server = http.createServer(handler('main'));
    other = http.createServer(handler('other'));
    base = `http://127.0.0.1:${await listen(server)}`;
    otherBase = `http://localhost:${await listen(other)}`;
    sender = new HttpSender({ maxRedirects: 5 });
  });
  after(async () => {
    sender.dispose();
    await close(server);
    await close(other);
  });
  beforeEach(() => { seen.length = 0; sender.clearCookies(); });

  it('follows redirects by default and records each hop', async () => {
    const res = await sender.send({ method: 'GET', url: `${base}/chain`, headers: [] });
    assert.equal(res.status, 200);
    assert.equal(res.url, `${base}/done`);
    assert.deepEqual(res.redirects, [{ status: 302, url: `${base}/302/done` }, { status: 302, url: `${base}/done` }]);
    assert.equal(res.body.kind === 'buffer' && res.body.data.toString(), 'main GET /done');
  });

  it('does not follow when redirects are off (@no-redirect) and returns the 3xx with its body', async () => {
    const res = await sender.send({ method: 'GET', url: `${base}/301/done`, headers: [] }, { followRedirects: false });
    assert.equal(res.status, 301);
    assert.equal(res.headers.find(([n]) => n.toLowerCase() === 'location')?.[1], '/done');
    assert.equal(res.body.kind === 'buffer' && res.body.data.toString(), 'moved');
    assert.deepEqual(res.redirects, []);
    assert.equal(seen.length, 1);
  });

  it('turns a POST into a GET without body on 303', async () => {
    const res = await sender.send({
      method: 'POST', url: `${base}/303/done`, headers: [['Content-Type', 'text/plain']], body: { kind: 'buffer', data: Buffer.from('payload') },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(seen.map((s) => [s.method, s.path, s.body]), [['POST', '/303/done', 'payload'], ['GET', '/done', '']]);
    assert.equal(res.request.method, 'GET');
    assert.equal(res.request.body, undefined);
    assert.ok(!res.request.headers.some(([n]) => n.toLowerCase() === 'content-type'));
  });

  for (const status of [307, 308]) {
    it(`keeps method and body on ${status}`, async () => {
      await sender.send({ method: 'PUT', url: `${base}/${status}/done`, headers: [], body: { kind: 'buffer', data: Buffer.from('same body') } });
      assert.deepEqual(seen.map((s) => [s.method, s.path, s.body]), [['PUT', `/${status}/done`, 'same body'], ['PUT', '/done', 'same body']]);
    });
  }

  it('stops a redirect loop with a clear error', async () => {
    await assert.rejects(sender.send({ method: 'GET', url: `${base}/loop`, headers: [] }), (err: UserFacingError) => {
      assert.equal(err.code, 'too-many-redirects');
      assert.match(err.message, /5 redirects/);
      return true;
    });
  });

  it('drops Authorization and Cookie headers when a redirect leaves the origin', async () => {
    await sender.send({ method: 'GET', url: `${base}/away`, headers: [['Authorization', 'Bearer s3cr3t'], ['Cookie', 'a=b']] });
    assert.equal(seen[0].auth, 'Bearer s3cr3t');
    assert.equal(seen[1].host, 'other');
    assert.equal(seen[1].auth, undefined);
    assert.equal(seen[1].cookie, undefined);
  });

  it('stores cookies and sends them on later requests, merged with a written Cookie header', async () => {
    await sender.send({ method: 'GET', url: `${base}/login`, headers: [] });
    await sender.send({ method: 'GET', url: `${base}/me`, headers: [['Cookie', 'mine=1']] });
    assert.equal(seen[1].cookie, 'mine=1; session=abc123; theme=dark');
  });

  it('stores a cookie set on a redirect and sends it to the redirect target', async () => {
    const res = await sender.send({ method: 'GET', url: `${base}/login-redirect`, headers: [] });
    assert.equal(res.url, `${base}/me`);
    assert.equal(seen[1].cookie, 'sid=r1');
    assert.ok(res.request.headers.some(([n, v]) => n === 'Cookie' && v === 'sid=r1'));
  });

  it('neither sends nor stores cookies with noCookieJar (@no-cookie-jar)', async () => {
    await sender.send({ method: 'GET', url: `${base}/login`, headers: [] });
    await sender.send({ method: 'GET', url: `${base}/me`, headers: [] }, { noCookieJar: true });
    assert.equal(seen[1].cookie, undefined);
    await sender.send({ method: 'GET', url: `${base}/login-redirect`, headers: [] }, { noCookieJar: true });
    await sender.send({ method: 'GET', url: `${base}/me`, headers: [] });
    assert.equal(seen[seen.length - 1].cookie, 'session=abc123; theme=dark', 'sid from the no-jar request was not stored');
  });
});
