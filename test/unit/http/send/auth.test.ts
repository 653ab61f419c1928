import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import { encodeBasicAuthorization, HttpSender, parseAwsAuthorization, parseDigestChallenge, signAwsV4 } from '../../../../src/core/http/send';
import { close, listen } from './servers';

/** A server that checks Digest answers itself (RFC 7616), independently of the sender's code path. */
function digestServer(algorithm: string, users: Record<string, string>): http.Server {
  const realm = 'apihook-test';
  const nonces = new Set<string>();
  return http.createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    const fields: Record<string, string> = {};
    for (const m of auth.matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)) fields[m[1]] = m[2] ?? m[3];
    const hashName = algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
    const h = (s: string): string => createHash(hashName).update(s).digest('hex');
    if (auth.startsWith('Digest ') && nonces.has(fields.nonce) && users[fields.username] !== undefined) {
      let ha1 = h(`${fields.username}:${realm}:${users[fields.username]}`);
      if (algorithm.endsWith('-sess')) ha1 = h(`${ha1}:${fields.nonce}:${fields.cnonce}`);
      const ha2 = h(`${req.method}:${fields.uri}`);
      const expected = h(`${ha1}:${fields.nonce}:${fields.nc}:${fields.cnonce}:${fields.qop}:${ha2}`);
      if (fields.response === expected && fields.uri === req.url && fields.opaque === 'op4que') {
        res.end(`welcome ${fields.username}`);
        return;
      }
    }
    const nonce = randomBytes(8).toString('hex');
    nonces.add(nonce);
    res.writeHead(401, { 'www-authenticate': `Digest realm="${realm}", qop="auth", algorithm=${algorithm}, nonce="${nonce}", opaque="op4que"` });
    res.end('who are you?');
  });
}

describe('HttpSender: Basic, Digest and AWS Signature v4', () => {
  const sender = new HttpSender({ now: () => new Date('2015-08-30T12:36:00Z') });
  after(() => sender.dispose());

  it('encodes Basic `user:pass` and `user pass`, and leaves base64 alone', () => {
    const expected = `Basic ${Buffer.from('user:passwd').toString('base64')}`;
    assert.equal(encodeBasicAuthorization('Basic user:passwd'), expected);
    assert.equal(encodeBasicAuthorization('Basic user passwd'), expected);
    assert.equal(encodeBasicAuthorization('basic   user   passwd '), expected);
    assert.equal(encodeBasicAuthorization('Basic dXNlcjpwYXNzd2Q='), 'Basic dXNlcjpwYXNzd2Q=');
    assert.equal(encodeBasicAuthorization('Basic user:pa ss:wd'), `Basic ${Buffer.from('user:pa ss:wd').toString('base64')}`);
  });

  it('sends the encoded Basic header to the server', async () => {
    const got: string[] = [];
    const server = http.createServer((req, res) => { got.push(req.headers.authorization ?? ''); res.end(); });
    const base = `http://127.0.0.1:${await listen(server)}`;
    try {
      await sender.send({ method: 'GET', url: `${base}/a`, headers: [['Authorization', 'Basic user:passwd']] });
      await sender.send({ method: 'GET', url: `${base}/b`, headers: [['authorization', 'Basic user passwd']] });
      assert.deepEqual(got, ['Basic dXNlcjpwYXNzd2Q=', 'Basic dXNlcjpwYXNzd2Q=']);
    } finally {
      await close(server);
    }
  });

  for (const algorithm of ['MD5', 'MD5-sess', 'SHA-256']) {
    it(`answers a Digest challenge (${algorithm}, qop=auth) and gets in`, async () => {
      const server = digestServer(algorithm, { alice: 'wonder land' });
      const base = `http://127.0.0.1:${await listen(server)}`;
      try {
        const res = await sender.send({ method: 'GET', url: `${base}/secret?x=1`, headers: [['Authorization', 'Digest alice wonder land']] });
        assert.equal(res.status, 200);
        assert.equal(res.body.kind === 'buffer' && res.body.data.toString(), 'welcome alice');
        const sent = res.request.headers.find(([n]) => n === 'Authorization')?.[1] ?? '';
        assert.match(sent, /^Digest username="alice", realm="apihook-test"/);
        const wrong = await sender.send({ method: 'GET', url: `${base}/secret`, headers: [['Authorization', 'Digest alice nope']] });
        assert.equal(wrong.status, 401, 'a wrong password ends with the 401, not a loop');
      } finally {
        await close(server);
      }
    });
  }

  it('parses a Digest challenge listed after another scheme', () => {
    const c = parseDigestChallenge('Basic realm="b", Digest realm="r, 1", nonce="n", qop="auth,auth-int", algorithm=SHA-256');
    assert.deepEqual(c, { realm: 'r, 1', nonce: 'n', qop: 'auth,auth-int', algorithm: 'SHA-256', opaque: undefined });
  });

  it('reads REST Client\'s AWS header syntax', () => {
    assert.deepEqual(parseAwsAuthorization('AWS AKID SECRET token:TOK region:eu-west-1 service:execute-api'), {
      accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOK', region: 'eu-west-1', service: 'execute-api',
    });
    assert.deepEqual(parseAwsAuthorization('AWS AKID SECRET'), { accessKeyId: 'AKID', secretAccessKey: 'SECRET' });
  });

  it('matches AWS\'s published SigV4 example (IAM ListUsers, 2015-08-30)', () => {
    const signed = signAwsV4({
      method: 'GET',
      url: new URL('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'),
      headers: [['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8']],
      payloadHash: createHash('sha256').update('').digest('hex'),
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      now: new Date('2015-08-30T12:36:00Z'),
    });
    assert.equal(createHash('sha256').update(signed.canonicalRequest).digest('hex'), 'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
    assert.equal(signed.authorization, 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, '
      + 'SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
    assert.deepEqual(signed.add, [['X-Amz-Date', '20150830T123600Z']]);
  });

  it('signs a sent request from the `AWS` header, with the session token', async () => {
    let seen: http.IncomingHttpHeaders = {};
    const server = http.createServer((req, res) => { seen = req.headers; res.end(); });
    const base = `http://127.0.0.1:${await listen(server)}`;
    try {
      const res = await sender.send({
        method: 'POST', url: `${base}/p`, headers: [['Authorization', 'AWS AKIDEXAMPLE SECRET token:TOK region:eu-west-1 service:execute-api']],
        body: { kind: 'buffer', data: Buffer.from('{}') },
      });
      assert.equal(res.status, 200);
      assert.match(seen.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
      assert.equal(seen['x-amz-date'], '20150830T123600Z');
      assert.equal(seen['x-amz-security-token'], 'TOK');
    } finally {
      await close(server);
    }
  });
});
