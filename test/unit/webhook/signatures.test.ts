import * as assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign as edSign } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { guessProvider, verifySignature } from '../../../src/core/webhook/signatures';
import { twilioSignature } from '../../../src/core/webhook/signatures/twilio';
import { parseSample, sample } from './helpers';

const req = (rawHeaders: string[], body: string | Buffer, url = '/hook') => ({ method: 'POST', url, rawHeaders, body: Buffer.isBuffer(body) ? body : Buffer.from(body) });
const at = (seconds: number) => ({ nowSeconds: () => seconds });

describe('webhook signatures', () => {
  describe('GitHub', () => {
    it("matches GitHub's documented example (secret \"It's a Secret to Everybody\", body \"Hello, World!\")", () => {
      const r = req(['X-Hub-Signature-256', 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'], 'Hello, World!');
      assert.deepEqual(verifySignature('github', r, "It's a Secret to Everybody"), { provider: 'github', valid: true });
      const bad = verifySignature('github', r, 'another secret');
      assert.equal(bad.valid, false);
      assert.match(bad.reason ?? '', /does not match/);
    });

    it('accepts signatures made by @octokit/webhooks-methods and rejects a tampered body', async () => {
      // ESM-only package whose types need node16 resolution; its API is one function here
      const { sign } = (await import('@octokit/webhooks-methods' as string)) as { sign(secret: string, payload: string): Promise<string> };
      const body = '{"action":"opened","number":1}';
      const sig = await sign('octo-secret', body);
      assert.equal(verifySignature('github', req(['X-Hub-Signature-256', sig], body), 'octo-secret').valid, true);
      assert.equal(verifySignature('github', req(['X-Hub-Signature-256', sig], body + ' '), 'octo-secret').valid, false);
    });

    it('reads the documented example delivery as GitHub and reports no secret as valid: null', function () {
      const text = sample(this, 'github-issues-example-delivery.http.txt');
      const headers = text.split('\n').filter((l) => /^> [A-Za-z-]+: /.test(l)).flatMap((l) => { const m = /^> ([A-Za-z0-9-]+): (.*?)(\{%.*)?$/.exec(l)!; return [m[1], m[2]]; });
      assert.equal(guessProvider(headers), 'github');
      assert.deepEqual(verifySignature('github', req(headers, '{}'), undefined), { provider: 'github', valid: null, reason: 'no secret configured' });
    });
  });

  describe('Stripe', () => {
    const stripe = new Stripe('sk_test_unused');
    const payload = JSON.stringify({ id: 'evt_1', type: 'setup_intent.created' });

    it('accepts a header made by stripe.webhooks.generateTestHeaderString within the tolerance', () => {
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_test', timestamp: 1_700_000_000 });
      assert.deepEqual(verifySignature('stripe', req(['Stripe-Signature', header], payload), 'whsec_test', at(1_700_000_100)), { provider: 'stripe', valid: true });
    });

    it('rejects an old timestamp, a wrong secret, and accepts when any of several v1 signatures matches', () => {
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_test', timestamp: 1_700_000_000 });
      const old = verifySignature('stripe', req(['Stripe-Signature', header], payload), 'whsec_test', at(1_700_000_301));
      assert.equal(old.valid, false);
      assert.match(old.reason ?? '', /tolerance/);
      assert.equal(verifySignature('stripe', req(['Stripe-Signature', header], payload), 'whsec_other', at(1_700_000_000)).valid, false);
      const v1 = header.split(',').find((p) => p.startsWith('v1='))!;
      const two = `t=1700000000,v1=${'0'.repeat(64)},${v1}`;
      assert.equal(verifySignature('stripe', req(['Stripe-Signature', two], payload), 'whsec_test', at(1_700_000_000)).valid, true);
      const custom = verifySignature('stripe', req(['Stripe-Signature', header], payload), 'whsec_test', { ...at(1_700_000_500), toleranceSeconds: 600 });
      assert.equal(custom.valid, true);
    });
  });

  describe('Slack', () => {
    it("verifies Slack's documented signing example (python-slack-sdk test constants)", function () {
      const { rawHeaders, body } = parseSample(sample(this, 'slack-slash-command.signed.http.txt'));
      const r = req(rawHeaders, body);
      assert.equal(guessProvider(rawHeaders), 'slack');
      assert.deepEqual(verifySignature('slack', r, '8f742231b10e8888abcd99yyyzzz85a5', at(1531420618 + 10)), { provider: 'slack', valid: true });
      const late = verifySignature('slack', r, '8f742231b10e8888abcd99yyyzzz85a5', at(1531420618 + 301));
      assert.equal(late.valid, false);
      assert.match(late.reason ?? '', /old/);
      assert.equal(verifySignature('slack', req(rawHeaders, Buffer.concat([body, Buffer.from('x')])), '8f742231b10e8888abcd99yyyzzz85a5', at(1531420618)).valid, false);
    });
  });

  describe('Standard Webhooks', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const payload = '{"type":"contact.created","data":{"id":"1"}}';

    it('accepts signatures from the standardwebhooks library, among several space-separated entries', () => {
      const wh = new Webhook(secret);
      const ts = new Date(1_674_087_231_000);
      const sig = wh.sign('msg_1', ts, payload);
      const headers = ['webhook-id', 'msg_1', 'webhook-timestamp', '1674087231', 'webhook-signature', `v1,${Buffer.alloc(32).toString('base64')} ${sig} v1a,ignored`];
      assert.equal(guessProvider(headers), 'standard');
      assert.deepEqual(verifySignature('standard', req(headers, payload), secret, at(1_674_087_231)), { provider: 'standard', valid: true });
      assert.equal(verifySignature('standard', req(headers, payload), 'whsec_' + Buffer.from('other').toString('base64'), at(1_674_087_231)).valid, false);
      assert.equal(verifySignature('standard', req(headers, payload), secret, at(1_674_087_231 + 301)).valid, false);
      // the library verifies what our own signing string gives, so both agree on the scheme
      assert.doesNotThrow(() => wh.verify(payload, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': wh.sign('msg_1', new Date(), payload) }));
    });

    it("reads the spec's example headers (illustrative signatures, so they cannot verify)", function () {
      const { rawHeaders, body } = parseSample(sample(this, 'standard-webhooks-example.http.txt'));
      assert.equal(guessProvider(rawHeaders), 'standard');
      const r = verifySignature('standard', req(rawHeaders, body), secret, at(1674087231));
      assert.equal(r.valid, false);
      assert.match(r.reason ?? '', /v1 signature/);
    });
  });

  describe('Shopify', () => {
    it("verifies the Shopify library's test request (secret test_secret_key)", function () {
      const { rawHeaders, body } = parseSample(sample(this, 'shopify-webhook-test-request.txt'));
      assert.equal(guessProvider(rawHeaders), 'shopify');
      assert.deepEqual(verifySignature('shopify', req(rawHeaders, body), 'test_secret_key'), { provider: 'shopify', valid: true });
      assert.equal(verifySignature('shopify', req(rawHeaders, body), 'wrong').valid, false);
    });
  });

  describe('Twilio', () => {
    const form = 'CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212';
    const formReq = (sig: string, host = 'mycompany.com') => req(['Host', host, 'Content-Type', 'application/x-www-form-urlencoded', 'X-Twilio-Signature', sig], form, '/myapp.php?foo=1&bar=2');

    it("matches Twilio's SDK test vectors (form params, repeated params, bodySHA256)", function () {
      sample(this, 'twilio-signature-test-vector.txt');
      const u = 'https://mycompany.com/myapp.php?foo=1&bar=2';
      assert.equal(twilioSignature('12345', u, new Map([['Sid', ['CA123']], ['SidAccount', ['AC123']], ['Digits', ['5678', '1234', '1234']]])), 'IK+Dwps556ElfBT0I3Rgjkr1wJU=');
      assert.deepEqual(verifySignature('twilio', formReq('RSOYDt4T1cUTdK1PDd93/VVr8B8='), '12345', { publicBaseUrl: 'https://mycompany.com' }), { provider: 'twilio', valid: true });
      // port variants: a signature for the URL without its port still validates
      assert.equal(verifySignature('twilio', formReq('RSOYDt4T1cUTdK1PDd93/VVr8B8='), '12345', { publicBaseUrl: 'https://mycompany.com:1234' }).valid, true);
      assert.equal(verifySignature('twilio', formReq('RSOYDt4T1cUTdK1PDd93/VVr8B8='), '12345', { publicBaseUrl: 'https://evil.example' }).valid, false);
      const json = '{"property": "value", "boolean": true}';
      assert.equal(createHash('sha256').update(json).digest('hex'), '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620');
      const jsonReq = req(['Host', 'mycompany.com', 'Content-Type', 'application/json', 'X-Twilio-Signature', 'a9nBmqA0ju/hNViExpshrM61xv4='], json, '/myapp.php?foo=1&bar=2&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620');
      assert.equal(verifySignature('twilio', jsonReq, '12345', { publicBaseUrl: 'https://mycompany.com' }).valid, true);
      const tampered = verifySignature('twilio', { ...jsonReq, body: Buffer.from(json + ' ') }, '12345', { publicBaseUrl: 'https://mycompany.com' });
      assert.equal(tampered.valid, false);
      assert.match(tampered.reason ?? '', /bodySHA256/);
    });

    it('rebuilds the URL from X-Forwarded-Proto and Host when no public URL is set', () => {
      const r = req(['Host', 'mycompany.com', 'X-Forwarded-Proto', 'https', 'Content-Type', 'application/x-www-form-urlencoded', 'X-Twilio-Signature', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='], form, '/myapp.php?foo=1&bar=2');
      assert.equal(verifySignature('twilio', r, '12345').valid, true);
    });
  });

  describe('Discord (Ed25519)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pubHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');

    it('verifies a signature over timestamp + body, and rejects a wrong key, a tampered body and a bad key', function () {
      let body = '{"type":1}';
      try { body = sample(this, 'discord-interaction-ping.js.txt') && JSON.stringify({ id: '787053080478613555', token: 'ThisIsATokenFromDiscordThatIsVeryLong', type: 1, version: 1 }); } catch { /* sample optional here */ }
      const ts = '1700000000';
      const sig = edSign(null, Buffer.from(ts + body), privateKey).toString('hex');
      const headers = ['X-Signature-Ed25519', sig, 'X-Signature-Timestamp', ts];
      assert.equal(guessProvider(headers), 'discord');
      assert.deepEqual(verifySignature('discord', req(headers, body), pubHex), { provider: 'discord', valid: true });
      assert.equal(verifySignature('discord', req(headers, body), other).valid, false);
      assert.equal(verifySignature('discord', req(headers, body + ' '), pubHex).valid, false);
      assert.equal(verifySignature('discord', req(['X-Signature-Ed25519', sig, 'X-Signature-Timestamp', '1700000001'], body), pubHex).valid, false);
      const badKey = verifySignature('discord', req(headers, body), 'abc');
      assert.equal(badKey.valid, null);
      assert.match(badKey.reason ?? '', /public key/);
    });
  });

  it('guessProvider returns undefined for plain requests', () => {
    assert.equal(guessProvider(['Content-Type', 'application/json', 'User-Agent', 'curl']), undefined);
  });
});
