import * as assert from 'node:assert/strict';
import { UserFacingError } from '../../../src/core/common/errors';
import { executeUrl, listenerTarget, maskWebhookUrl, messageUrl, normalizeWebhookUrl, parseWebhookUrl, withBaseUrl } from '../../../src/core/discord/url';

const ID = '223704706495545344';
const TOKEN = '3d89bb7572e0fb30d8128367b3b1b44fecd1726de135cbe28a41f8b2f777c372ba2939e72279b94526ff5d1bd4358d65cf11';
const NORMAL = `https://discord.com/api/v10/webhooks/${ID}/${TOKEN}`;

describe('discord/url', () => {
  const table: Array<[string, string]> = [
    [`https://discord.com/api/webhooks/${ID}/${TOKEN}`, NORMAL],
    [`https://discordapp.com/api/webhooks/${ID}/${TOKEN}`, NORMAL],
    [`https://ptb.discord.com/api/webhooks/${ID}/${TOKEN}`, NORMAL],
    [`https://canary.discord.com/api/webhooks/${ID}/${TOKEN}`, NORMAL],
    [`https://canary.discordapp.com/api/v9/webhooks/${ID}/${TOKEN}`, NORMAL],
    [`https://discord.com/api/v10/webhooks/${ID}/${TOKEN}`, NORMAL],
    [`https://discord.com/api/v6/webhooks/${ID}/${TOKEN}/`, NORMAL],
    [`  https://DISCORD.com/api/webhooks/${ID}/${TOKEN}\n`, NORMAL],
    [`http://discord.com/api/webhooks/${ID}/${TOKEN}`, NORMAL],
    [`https://discord.com/api/webhooks/${ID}/${TOKEN}?thread_id=1100000000000000001`, `${NORMAL}?thread_id=1100000000000000001`],
    [`https://discord.com/api/webhooks/${ID}/${TOKEN}?wait=true`, NORMAL],
  ];
  for (const [input, expected] of table) {
    it(`normalises ${input.trim().slice(0, 60)}…`, () => {
      assert.equal(normalizeWebhookUrl(input), expected);
    });
  }

  const bad: Array<[string, RegExp]> = [
    ['not a url', /not a URL/],
    [`ftp://discord.com/api/webhooks/${ID}/${TOKEN}`, /https, not ftp/],
    [`https://evil.example/api/webhooks/${ID}/${TOKEN}`, /evil\.example is not a Discord host/],
    [`https://discord.com.evil.example/api/webhooks/${ID}/${TOKEN}`, /not a Discord host/],
    [`https://discord.com/api/channels/${ID}/messages`, /path .* \/api\/webhooks\/\{id\}\/\{token\}/],
    [`https://discord.com/api/webhooks/${ID}`, /path/],
    [`https://discord.com/api/webhooks/abc/${TOKEN}`, /id "abc" is not a Discord id/],
    [`https://discord.com/api/webhooks/${ID}/${TOKEN}/slack`, /goes on after the token/],
    [`https://discord.com/api/webhooks/${ID}/${TOKEN}?thread_id=x`, /thread_id "x"/],
    [`http://127.0.0.1:8787/api/webhooks/0/emulated-token`, /not a Discord host/],
  ];
  for (const [input, re] of bad) {
    it(`refuses ${input.slice(0, 60)} with a clear message`, () => {
      assert.throws(() => parseWebhookUrl(input), (err: unknown) => {
        assert.ok(err instanceof UserFacingError);
        assert.equal(err.code, 'discord.bad-webhook-url');
        assert.match(err.message, re);
        assert.ok(!err.message.includes(TOKEN), 'the token never appears in the message');
        return true;
      });
    });
  }

  it('accepts the local emulator only when loopback is allowed, keeping its host and port', () => {
    const t = parseWebhookUrl('http://127.0.0.1:8787/api/webhooks/0/emulated-token', { allowLoopback: true });
    assert.deepEqual(t, { baseUrl: 'http://127.0.0.1:8787/api/v10', id: '0', token: 'emulated-token' });
    assert.deepEqual(listenerTarget(8787), t);
  });

  it('builds execute and message URLs with wait and thread_id; the base URL is injectable', () => {
    const t = parseWebhookUrl(`https://discord.com/api/webhooks/${ID}/${TOKEN}?thread_id=42`);
    assert.equal(executeUrl(t, { wait: true }), `${NORMAL}?wait=true&thread_id=42`);
    assert.equal(messageUrl(t, '99'), `${NORMAL}/messages/99?thread_id=42`);
    const local = withBaseUrl(t, 'http://127.0.0.1:1234/api/v10/');
    assert.equal(executeUrl(local), `http://127.0.0.1:1234/api/v10/webhooks/${ID}/${TOKEN}?thread_id=42`);
  });

  it('masks the token (and most of the id)', () => {
    assert.equal(maskWebhookUrl(NORMAL), 'https://discord.com/api/v10/webhooks/2237…/••••cf11');
    assert.equal(maskWebhookUrl(`${NORMAL}?wait=true`), 'https://discord.com/api/v10/webhooks/2237…/••••cf11?wait=true');
    assert.equal(maskWebhookUrl(`${NORMAL}/messages/5`), 'https://discord.com/api/v10/webhooks/2237…/••••cf11/messages/5');
    assert.ok(!maskWebhookUrl(`https://discord.com/api/webhooks/${ID}/short`).includes('short'));
    assert.ok(!maskWebhookUrl('garbage-with-secret-token-inside').includes('token-inside'));
  });
});
