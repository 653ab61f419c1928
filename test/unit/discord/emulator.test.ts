import * as assert from 'node:assert/strict';
import { DiscordEmulator, parseEmulatorRate } from '../../../src/core/discord/emulator';
import type { IncomingRequestView, Reply } from '../../../src/core/webhook/responder';
import { FakeClock } from './emulatorServer';

function req(method: string, url: string, body: unknown = undefined, headers: string[] = ['Content-Type', 'application/json', 'Host', '127.0.0.1:9']): IncomingRequestView {
  const buf = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { method, url, rawHeaders: headers, body: buf, receivedAt: 0 };
}
const json = (r: Reply | undefined) => JSON.parse(String(r?.body));

describe('discord/emulator responder', () => {
  it('answers only Discord webhook paths; anything else is left to other responders', async () => {
    const e = new DiscordEmulator();
    for (const url of ['/', '/github', '/api/channels/1/messages', '/api/webhooks/1', '/api/webhooks/1/t/slack', '/apiv10/webhooks/1/t']) {
      assert.equal(await e.responder(req('POST', url, { content: 'x' })), undefined, url);
    }
    for (const url of ['/api/webhooks/1/t', '/api/v10/webhooks/1/t', '/api/v9/webhooks/1/t/', '/api/webhooks/1/t?wait=false']) {
      const r = await e.responder(req('POST', url, { content: 'x' }));
      assert.equal(r?.status, 204, url);
      assert.equal(r?.source, 'discord-emulator');
    }
  });

  it('wait=true (also True/1) → 200 with a message object', async () => {
    const e = new DiscordEmulator({ rateLimit: false });
    for (const w of ['true', 'True', '1']) {
      const r = await e.responder(req('POST', `/api/webhooks/5/t?wait=${w}`, { content: ' hi ', username: 'Bot' }));
      assert.equal(r?.status, 200);
      assert.equal(r?.headers?.['content-type'], 'application/json');
      const m = json(r);
      assert.equal(m.content, 'hi');
      assert.equal(m.author.username, 'Bot');
      assert.equal(m.author.bot, true);
      assert.equal(m.webhook_id, '5');
    }
  });

  it('400 with Discord’s error JSON for invalid bodies, 50006 for empty, 50109 for bad JSON', async () => {
    const e = new DiscordEmulator({ rateLimit: false });
    const r = await e.responder(req('POST', '/api/webhooks/5/t', { embeds: [{ title: 'x'.repeat(257) }] }));
    assert.equal(r?.status, 400);
    assert.deepEqual(json(r), { code: 50035, message: 'Invalid Form Body', errors: { embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } } } });
    assert.deepEqual(json(await e.responder(req('POST', '/api/webhooks/5/t', {}))), { message: 'Cannot send an empty message', code: 50006 });
    const bad = await e.responder(req('POST', '/api/webhooks/5/t', '{"content": '));
    assert.equal(bad?.status, 400);
    assert.deepEqual(json(bad), { message: 'The request body contains invalid JSON.', code: 50109 });
    assert.equal(e.messages().length, 0);
  });

  it('404 Unknown Webhook (10015) for ids outside the known list', async () => {
    const e = new DiscordEmulator({ knownWebhookIds: ['42'] });
    const r = await e.responder(req('POST', '/api/webhooks/43/t', { content: 'x' }));
    assert.equal(r?.status, 404);
    assert.deepEqual(json(r), { message: 'Unknown Webhook', code: 10015 });
    assert.equal((await e.responder(req('POST', '/api/webhooks/42/t', { content: 'x' })))?.status, 204);
  });

  it('429 with Discord’s headers and body past 5 requests per 2 s per webhook; the window resets on the clock', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    const e = new DiscordEmulator({ clock });
    const first = await e.responder(req('POST', '/api/webhooks/1/t', { content: 'x' }));
    assert.equal(first?.headers?.['x-ratelimit-limit'], '5');
    assert.equal(first?.headers?.['x-ratelimit-remaining'], '4');
    assert.equal(first?.headers?.['x-ratelimit-reset-after'], '2.000');
    assert.equal(first?.headers?.['x-ratelimit-reset'], '1700000002.000');
    assert.match(first?.headers?.['x-ratelimit-bucket'] ?? '', /^[0-9a-f]{8}$/);
    for (let i = 0; i < 4; i++) assert.equal((await e.responder(req('POST', '/api/webhooks/1/t', { content: 'x' })))?.status, 204);
    clock.t += 750;
    const limited = await e.responder(req('POST', '/api/webhooks/1/t', { content: 'x' }));
    assert.equal(limited?.status, 429);
    assert.deepEqual(json(limited), { message: 'You are being rate limited.', retry_after: 1.25, global: false });
    assert.equal(limited?.headers?.['retry-after'], '2');
    assert.equal(limited?.headers?.['x-ratelimit-remaining'], '0');
    assert.equal(limited?.headers?.['x-ratelimit-scope'], 'user');
    assert.equal((await e.responder(req('POST', '/api/webhooks/2/t', { content: 'x' })))?.status, 204, 'per webhook');
    clock.t += 1250;
    assert.equal((await e.responder(req('POST', '/api/webhooks/1/t', { content: 'x' })))?.status, 204, 'a new window');
  });

  it('the rate is configurable', async () => {
    const clock = new FakeClock();
    const e = new DiscordEmulator({ clock, rateLimit: { requests: 1, perMs: 10_000 } });
    assert.equal((await e.responder(req('POST', '/api/webhooks/1/t', { content: 'x' })))?.status, 204);
    const r = await e.responder(req('POST', '/api/webhooks/1/t', { content: 'x' }));
    assert.equal(r?.status, 429);
    assert.equal(json(r).retry_after, 10);
  });

  it('GET/PATCH/DELETE of stored messages; wrong token or unknown id → 10008; PATCH is validated', async () => {
    const e = new DiscordEmulator({ rateLimit: false });
    const m = json(await e.responder(req('POST', '/api/webhooks/1/tok?wait=true', { content: 'a', embeds: [{ title: 'T' }] })));
    assert.equal(json(await e.responder(req('GET', `/api/webhooks/1/tok/messages/${m.id}`))).content, 'a');
    assert.deepEqual(json(await e.responder(req('GET', `/api/webhooks/1/other/messages/${m.id}`))), { message: 'Unknown Message', code: 10008 });
    const badEdit = await e.responder(req('PATCH', `/api/webhooks/1/tok/messages/${m.id}`, { embeds: [{ color: -5 }] }));
    assert.equal(badEdit?.status, 400);
    assert.equal(json(badEdit).errors.embeds[0].color._errors[0].code, 'NUMBER_TYPE_MIN');
    const edited = json(await e.responder(req('PATCH', `/api/webhooks/1/tok/messages/${m.id}`, { embeds: [] })));
    assert.equal(edited.content, 'a');
    assert.deepEqual(edited.embeds, []);
    const emptied = await e.responder(req('PATCH', `/api/webhooks/1/tok/messages/${m.id}`, { content: '' }));
    assert.equal(json(emptied).code, 50006);
    assert.equal((await e.responder(req('DELETE', `/api/webhooks/1/tok/messages/${m.id}`)))?.status, 204);
    assert.equal((await e.responder(req('DELETE', `/api/webhooks/1/tok/messages/${m.id}`)))?.status, 404);
  });

  it('keeps a bounded number of messages, newest first to stay', async () => {
    const e = new DiscordEmulator({ rateLimit: false, maxMessages: 3 });
    for (let i = 0; i < 5; i++) await e.responder(req('POST', '/api/webhooks/1/t', { content: `m${i}` }));
    assert.deepEqual(e.messages().map((s) => s.message.content), ['m2', 'm3', 'm4']);
  });

  it('message ids are increasing snowflakes whose timestamp is the clock', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const e = new DiscordEmulator({ clock, rateLimit: false });
    const a = json(await e.responder(req('POST', '/api/webhooks/1/t?wait=true', { content: 'a' })));
    const b = json(await e.responder(req('POST', '/api/webhooks/1/t?wait=true', { content: 'b' })));
    assert.ok(BigInt(b.id) > BigInt(a.id));
    assert.equal(Number((BigInt(a.id) >> 22n) + 1420070400000n), clock.t);
    assert.equal(a.timestamp, '2026-01-01T00:00:00.000000+00:00');
  });

  it('accepts url-encoded form fields like Discord does', async () => {
    const e = new DiscordEmulator({ rateLimit: false });
    const r = await e.responder(req('POST', '/api/webhooks/1/t?wait=true', 'content=hello+there&username=Form', ['Content-Type', 'application/x-www-form-urlencoded']));
    assert.equal(r?.status, 200);
    assert.equal(json(r).content, 'hello there');
  });

  it('notifies on created, edited and deleted messages', async () => {
    const kinds: string[] = [];
    const e = new DiscordEmulator({ rateLimit: false, onMessage: (ev) => kinds.push(ev.kind) });
    const m = json(await e.responder(req('POST', '/api/webhooks/1/t?wait=true', { content: 'a' })));
    await e.responder(req('PATCH', `/api/webhooks/1/t/messages/${m.id}`, { content: 'b' }));
    await e.responder(req('DELETE', `/api/webhooks/1/t/messages/${m.id}`));
    assert.deepEqual(kinds, ['created', 'edited', 'deleted']);
  });
});

describe('discord/emulator threads and uploads', () => {
  it('thread_name starts a thread whose id is the first message id; thread_id posts into that thread', async () => {
    const e = new DiscordEmulator({ rateLimit: false });
    const post = json(await e.responder(req('POST', '/api/webhooks/1/t?wait=true', { content: 'x', thread_name: 'Bug' })));
    assert.equal(post.channel_id, post.id);
    const reply = json(await e.responder(req('POST', `/api/webhooks/1/t?wait=true&thread_id=${post.id}`, { content: 'y' })));
    assert.equal(reply.channel_id, post.id);
  });

  it('files over the upload limit → 413 40005', async () => {
    const e = new DiscordEmulator({ rateLimit: false, maxUploadBytes: 10 });
    const form = new FormData();
    form.append('payload_json', '{"content":"big"}');
    form.append('files[0]', new Blob([new Uint8Array(11)]), 'big.bin');
    const r = new Request('http://x/', { method: 'POST', body: form });
    const body = Buffer.from(await r.arrayBuffer());
    const reply = await e.responder(req('POST', '/api/webhooks/1/t', body, ['Content-Type', r.headers.get('content-type')!]));
    assert.equal(reply?.status, 413);
    assert.deepEqual(json(reply), { message: 'Request entity too large', code: 40005 });
  });
});

describe('discord/emulator rate spec', () => {
  it('parses 5/2s, 10/1500ms, 30/1m, 1/s and off; refuses the rest', () => {
    assert.deepEqual(parseEmulatorRate('5/2s'), { requests: 5, perMs: 2000 });
    assert.deepEqual(parseEmulatorRate('10/1500ms'), { requests: 10, perMs: 1500 });
    assert.deepEqual(parseEmulatorRate(' 30 / 1m '), { requests: 30, perMs: 60000 });
    assert.deepEqual(parseEmulatorRate('1/s'), { requests: 1, perMs: 1000 });
    assert.equal(parseEmulatorRate('off'), false);
    for (const bad of ['', '5', 'five/2s', '0/2s', '5/0s', '5/2h']) assert.equal(parseEmulatorRate(bad), undefined, bad);
  });
});
