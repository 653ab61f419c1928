import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as https from 'node:https';
import * as net from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { UserFacingError } from '../../../../src/core/common/errors';
import { HttpSender } from '../../../../src/core/http/send';
import { close, listen, readBody, selfSigned, type KeyPair } from './servers';

describe('HttpSender: TLS, client certificates, HTTP/2 and proxies', function () {
  let serverPair: KeyPair | undefined;
  let clientPair: KeyPair | undefined;

  before(function () {
    serverPair = selfSigned('localhost');
    clientPair = selfSigned('apihook-client');
    if (!serverPair || !clientPair) {
      console.log('    (skipped: the openssl CLI is needed to make test certificates)');
      this.skip();
    }
  });

  it('refuses a self-signed certificate by default, naming the setting', async () => {
    const server = https.createServer({ ...serverPair }, (_req, res) => res.end('secure'));
    const port = await listen(server);
    const sender = new HttpSender();
    try {
      await assert.rejects(sender.send({ method: 'GET', url: `https://127.0.0.1:${port}/`, headers: [] }), (err: UserFacingError) => {
        assert.equal(err.code, 'tls-failure');
        assert.match(err.message, /self-signed/);
        assert.match(err.hint ?? '', /apihook\.request\.rejectUnauthorized/);
        return true;
      });
    } finally {
      sender.dispose();
      await close(server);
    }
  });

  it('accepts it with rejectUnauthorized off, and times the TLS handshake', async () => {
    const server = https.createServer({ ...serverPair }, (_req, res) => res.end('secure'));
    const port = await listen(server);
    const sender = new HttpSender({ rejectUnauthorized: false });
    try {
      const res = await sender.send({ method: 'GET', url: `https://127.0.0.1:${port}/`, headers: [] });
      assert.equal(res.body.kind === 'buffer' && res.body.data.toString(), 'secure');
      const t = res.timings;
      assert.ok(t.connect !== undefined && t.tls !== undefined);
      assert.ok(t.connect <= t.tls && t.tls <= t.firstByte && t.firstByte <= t.total);
    } finally {
      sender.dispose();
      await close(server);
    }
  });

  it('presents the client certificate configured for host:port', async () => {
    const server = https.createServer({ ...serverPair, requestCert: true, rejectUnauthorized: true, ca: [clientPair!.cert] }, (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      res.end(`hello ${peer.subject?.CN}`);
    });
    const port = await listen(server);
    const withCert = new HttpSender({ rejectUnauthorized: false, certificates: { [`127.0.0.1:${port}`]: { cert: clientPair!.cert, key: clientPair!.key } } });
    const without = new HttpSender({ rejectUnauthorized: false });
    try {
      const res = await withCert.send({ method: 'GET', url: `https://127.0.0.1:${port}/`, headers: [] });
      assert.equal(res.body.kind === 'buffer' && res.body.data.toString(), 'hello apihook-client');
      await assert.rejects(without.send({ method: 'GET', url: `https://127.0.0.1:${port}/`, headers: [] }));
    } finally {
      withCert.dispose();
      without.dispose();
      await close(server);
    }
  });

  it('speaks HTTP/2 when the request asks for it, and HTTP/1.1 otherwise', async () => {
    const server = http2.createSecureServer({ ...serverPair, allowHTTP1: true }, async (req, res) => {
      const body = await readBody(req as unknown as http.IncomingMessage);
      res.setHeader('x-seen-version', req.httpVersion);
      res.end(`${req.method} ${req.httpVersion} ${body.toString()}`);
    });
    const port = await listen(server);
    const sender = new HttpSender({ rejectUnauthorized: false });
    try {
      const h2 = await sender.send({ method: 'POST', url: `https://127.0.0.1:${port}/`, headers: [['X-A', '1']], body: { kind: 'buffer', data: Buffer.from('hi') }, httpVersion: '2' });
      assert.equal(h2.httpVersion, '2');
      assert.equal(h2.body.kind === 'buffer' && h2.body.data.toString(), 'POST 2.0 hi');
      assert.ok(h2.headers.some(([n, v]) => n === 'x-seen-version' && v === '2.0'));
      const h1 = await sender.send({ method: 'GET', url: `https://127.0.0.1:${port}/`, headers: [] });
      assert.equal(h1.httpVersion, '1.1');
      assert.equal(h1.body.kind === 'buffer' && h1.body.data.toString(), 'GET 1.1 ');
    } finally {
      sender.dispose();
      await close(server);
    }
  });

  describe('proxy', () => {
    let proxy: http.Server;
    let proxyUrl: string;
    let target: http.Server;
    let targetPort: number;
    const tunnels: string[] = [];

    before(async () => {
      proxy = http.createServer((req, res) => { res.writeHead(501); res.end('forwarding not used'); });
      proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
        tunnels.push(req.url ?? '');
        const [host, port] = (req.url ?? '').split(':');
        const upstream = net.connect(Number(port), host === 'localhost' ? '127.0.0.1' : host, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      });
      proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
      target = http.createServer((req, res) => res.end(`target ${req.url}`));
      targetPort = await listen(target);
    });
    after(async () => {
      await close(proxy);
      await close(target);
    });
    beforeEach(() => { tunnels.length = 0; });

    it('goes through the proxy from the setting', async () => {
      const sender = new HttpSender({ proxy: proxyUrl });
      try {
        const res = await sender.send({ method: 'GET', url: `http://localhost:${targetPort}/via`, headers: [] });
        assert.equal(res.body.kind === 'buffer' && res.body.data.toString(), 'target /via');
        assert.deepEqual(tunnels, [`localhost:${targetPort}`]);
      } finally {
        sender.dispose();
      }
    });

    it('tunnels HTTPS through the proxy with CONNECT', async () => {
      const secure = https.createServer({ ...serverPair }, (req, res) => res.end(`secure ${req.url}`));
      const port = await listen(secure);
      const sender = new HttpSender({ proxy: proxyUrl, rejectUnauthorized: false });
      try {
        const res = await sender.send({ method: 'GET', url: `https://localhost:${port}/tunnel`, headers: [] });
        assert.equal(res.body.kind === 'buffer' && res.body.data.toString(), 'secure /tunnel');
        assert.deepEqual(tunnels, [`localhost:${port}`]);
      } finally {
        sender.dispose();
        await close(secure);
      }
    });

    it('takes HTTP_PROXY from the environment and honours NO_PROXY', async () => {
      const sender = new HttpSender({ env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1,.internal' } });
      try {
        await sender.send({ method: 'GET', url: `http://127.0.0.1:${targetPort}/direct`, headers: [] });
        assert.deepEqual(tunnels, []);
        await sender.send({ method: 'GET', url: `http://localhost:${targetPort}/proxied`, headers: [] });
        assert.deepEqual(tunnels, [`localhost:${targetPort}`]);
      } finally {
        sender.dispose();
      }
    });

    it('reports a proxy that is not there as a proxy failure', async () => {
      const gone = http.createServer();
      const port = await listen(gone);
      await close(gone);
      const sender = new HttpSender({ proxy: `http://user:pw@127.0.0.1:${port}` });
      try {
        await assert.rejects(sender.send({ method: 'GET', url: `http://localhost:${targetPort}/`, headers: [] }), (err: UserFacingError) => {
          assert.equal(err.code, 'proxy-failure');
          assert.ok(!err.message.includes('pw'));
          return true;
        });
      } finally {
        sender.dispose();
      }
    });
  });
});
