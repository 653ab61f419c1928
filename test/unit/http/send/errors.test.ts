import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { isAbortError, UserFacingError } from '../../../../src/core/common/errors';
import { HttpSender } from '../../../../src/core/http/send';
import { toUserFacing } from '../../../../src/core/http/send/send-errors';
import { close, listen } from './servers';

describe('HttpSender: failures as plain sentences', () => {
  let sender: HttpSender;
  before(() => { sender = new HttpSender(); });
  after(() => sender.dispose());

  it('says nothing is listening on a refused port, without quoting secrets', async () => {
    const server = http.createServer();
    const port = await listen(server);
    await close(server);
    await assert.rejects(
      sender.send({ method: 'GET', url: `http://127.0.0.1:${port}/x?api_key=k3y`, headers: [['Authorization', 'Bearer s3cr3t-value'], ['Cookie', 'sid=c00kie']] }),
      (err: UserFacingError) => {
        assert.ok(err instanceof UserFacingError);
        assert.equal(err.code, 'connection-refused');
        assert.equal(err.message, `Could not connect to 127.0.0.1:${port}: nothing is listening there.`);
        assert.ok(err.hint);
        for (const secret of ['s3cr3t-value', 'c00kie', 'k3y']) assert.ok(!`${err.message} ${err.hint}`.includes(secret));
        return true;
      });
  });

  it('times out with the setting to change, and the sender still works afterwards', async () => {
    const held: http.ServerResponse[] = [];
    const server = http.createServer((req, res) => {
      if (req.url === '/slow') { held.push(res); return; }
      res.end('fast');
    });
    const base = `http://127.0.0.1:${await listen(server)}`;
    try {
      await assert.rejects(sender.send({ method: 'GET', url: `${base}/slow`, headers: [] }, { timeout: 150 }), (err: UserFacingError) => {
        assert.equal(err.code, 'timeout');
        assert.match(err.message, /did not finish within 150 ms/);
        assert.match(err.hint ?? '', /apihook\.request\.timeout/);
        assert.match(err.hint ?? '', /# @timeout/);
        return true;
      });
      const ok = await sender.send({ method: 'GET', url: `${base}/fast`, headers: [] }, { timeout: 5000 });
      assert.equal(ok.status, 200);
    } finally {
      for (const r of held) r.destroy();
      await close(server);
    }
  });

  it('cancels through an AbortSignal with a cancelled error that counts as an AbortError', async () => {
    const server = http.createServer(() => { controller.abort(); });
    const controller = new AbortController();
    const base = `http://127.0.0.1:${await listen(server)}`;
    try {
      await assert.rejects(sender.send({ method: 'GET', url: `${base}/wait`, headers: [] }, { signal: controller.signal }), (err: UserFacingError) => {
        assert.equal(err.code, 'cancelled');
        assert.ok(isAbortError(err));
        return true;
      });
      await assert.rejects(sender.send({ method: 'GET', url: `${base}/wait`, headers: [] }, { signal: controller.signal }),
        (err: UserFacingError) => err.code === 'cancelled');
    } finally {
      await close(server);
    }
  });

  it('maps DNS, TLS and proxy failures to their own codes and hints', () => {
    const ctx = { host: 'api.example.test', port: '443' };
    const dns = toUserFacing(Object.assign(new Error('getaddrinfo ENOTFOUND api.example.test'), { code: 'ENOTFOUND' }), ctx);
    assert.equal(dns.code, 'dns-failure');
    assert.match(dns.message, /Could not find the host api\.example\.test/);
    const expired = toUserFacing(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }), ctx);
    assert.equal(expired.code, 'tls-failure');
    assert.match(expired.message, /has expired/);
    assert.match(expired.hint ?? '', /apihook\.request\.rejectUnauthorized/);
    const proxy = toUserFacing(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { ...ctx, viaProxy: 'http://127.0.0.1:9' });
    assert.equal(proxy.code, 'proxy-failure');
    assert.match(proxy.hint ?? '', /http\.proxy/);
  });

  it('rejects a URL it cannot send', async () => {
    await assert.rejects(sender.send({ method: 'GET', url: 'not a url', headers: [] }), (err: UserFacingError) => err.code === 'invalid-url');
    await assert.rejects(sender.send({ method: 'GET', url: 'ftp://127.0.0.1/x', headers: [] }), (err: UserFacingError) => err.code === 'invalid-url');
  });

  it('says which body file is missing', async () => {
    const server = http.createServer((_req, res) => res.end());
    const base = `http://127.0.0.1:${await listen(server)}`;
    try {
      await assert.rejects(sender.send({ method: 'POST', url: base, headers: [], body: { kind: 'file', path: '/nonexistent/apihook/body.json' } }),
        (err: UserFacingError) => err.code === 'body-file-missing' && err.message.includes('/nonexistent/apihook/body.json'));
    } finally {
      await close(server);
    }
  });
});
