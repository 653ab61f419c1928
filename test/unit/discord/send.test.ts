import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordEmulator } from '../../../src/core/discord/emulator';
import { DiscordApiError, DiscordValidationError } from '../../../src/core/discord/errors';
import { findSample, defaultSampleContext } from '../../../src/core/discord/samples';
import { DiscordWebhookClient, type SendEvent } from '../../../src/core/discord/send';
import { listenerTarget, type WebhookTarget } from '../../../src/core/discord/url';
import { FakeClock, startResponderServer } from './emulatorServer';

describe('discord/send against the emulator on a real local server', () => {
  let srv: Awaited<ReturnType<typeof startResponderServer>>;
  let emulator: DiscordEmulator;
  let clock: FakeClock;
  let events: SendEvent[];
  let client: DiscordWebhookClient;
  let target: WebhookTarget;

  beforeEach(async () => {
    clock = new FakeClock();
    emulator = new DiscordEmulator({ clock });
    srv = await startResponderServer(emulator.responder);
    events = [];
    client = new DiscordWebhookClient({ clock, onEvent: (e) => events.push(e), version: '9.9.9' });
    target = listenerTarget(srv.port);
  });
  afterEach(() => srv.close());

  it('sends a sample: 204 without wait, and the emulator keeps the message', async () => {
    const r = await client.execute(target, findSample('plain-text')!.build(defaultSampleContext()));
    assert.equal(r.status, 204);
    assert.equal(r.message, undefined);
    assert.equal(emulator.messages().length, 1);
    assert.match(emulator.messages()[0].message.content, /^New user has registered!/);
  });

  it('wait=true → 200 with the created message (id, channel_id, timestamp); GET, PATCH and DELETE follow', async () => {
    const r = await client.execute(target, findSample('rich-embed')!.build(defaultSampleContext()), { wait: true });
    assert.equal(r.status, 200);
    const m = r.message!;
    assert.match(m.id, /^\d{17,20}$/);
    assert.match(m.channel_id, /^\d+$/);
    assert.match(m.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
    assert.equal(m.embeds[0].type, 'rich');
    assert.equal(m.webhook_id, '0');

    const got = await client.getMessage(target, m.id);
    assert.equal(got.message?.id, m.id);

    const edited = await client.editMessage(target, m.id, { content: 'edited!' });
    assert.equal(edited.status, 200);
    assert.equal(edited.message?.content, 'edited!');
    assert.ok(edited.message?.edited_timestamp);
    assert.equal(edited.message?.embeds.length, 1, 'fields not in the edit stay');

    const del = await client.deleteMessage(target, m.id);
    assert.equal(del.status, 204);
    await assert.rejects(client.getMessage(target, m.id), (err: unknown) => {
      assert.ok(err instanceof DiscordApiError);
      assert.equal(err.status, 404);
      assert.equal(err.discordCode, 10008);
      return true;
    });
  });

  it('a 400 from the server is turned into a readable error listing each path', async () => {
    const bad = new DiscordWebhookClient({ clock, validate: false });
    await assert.rejects(bad.execute(target, { payload: { content: 'x'.repeat(2001), embeds: [{ title: 't'.repeat(300) }] } }), (err: unknown) => {
      assert.ok(err instanceof DiscordApiError);
      assert.equal(err.status, 400);
      assert.equal(err.discordCode, 50035);
      assert.deepEqual(err.issues.map((i) => i.path).sort(), ['content', 'embeds[0].title']);
      assert.match(err.message, /Discord answered 400 \(code 50035\): Invalid Form Body/);
      assert.match(err.message, /embeds\[0\]\.title: Must be 256 or fewer in length\. \[BASE_TYPE_MAX_LENGTH\]/);
      return true;
    });
    await assert.rejects(bad.execute(target, { payload: {} }), (err: unknown) => err instanceof DiscordApiError && err.discordCode === 50006 && /Cannot send an empty message/.test(err.message));
  });

  it('validates before sending: an invalid payload never reaches the server', async () => {
    await assert.rejects(client.execute(target, { payload: { content: 'x', username: 'discord bot' } }), (err: unknown) => {
      assert.ok(err instanceof DiscordValidationError);
      assert.equal(err.issues[0].path, 'username');
      return true;
    });
    assert.equal(events.filter((e) => e.type === 'request').length, 0);
    assert.equal(emulator.messages().length, 0);
  });

  it('429 → waits the retry_after from the body, says so, then succeeds', async () => {
    // the emulator allows 5 per 2 s; the 5th response says remaining 0, so the client waits before the 6th
    // unless it forgets; use a fresh client per send to hit the 429 itself
    for (let i = 0; i < 5; i++) await new DiscordWebhookClient({ clock }).execute(target, { payload: { content: `m${i}` } });
    clock.t += 500; // 1.5 s left in the window
    const r = await client.execute(target, { payload: { content: 'sixth' } }, { wait: true });
    assert.equal(r.status, 200);
    assert.equal(r.attempts, 2);
    const limited = events.filter((e) => e.type === 'rate-limited');
    assert.equal(limited.length, 1);
    assert.deepEqual({ ...limited[0], bucket: undefined }, { type: 'rate-limited', waitMs: 1500, global: false, bucket: undefined, scope: 'user', reason: '429' });
    assert.deepEqual(clock.sleeps, [1500]);
    assert.equal(r.waitedMs, 1500);
    assert.equal(emulator.messages().length, 6);
  });

  it('honours X-RateLimit-Remaining 0 before sending (waits Reset-After, no 429)', async () => {
    for (let i = 0; i < 5; i++) await client.execute(target, { payload: { content: `m${i}` } });
    assert.deepEqual(clock.sleeps, []);
    const r = await client.execute(target, { payload: { content: 'sixth' } });
    assert.equal(r.status, 204);
    assert.equal(r.attempts, 1, 'no 429 was needed');
    assert.deepEqual(clock.sleeps, [2000]);
    const e = events.find((x) => x.type === 'rate-limited');
    assert.deepEqual(e && { type: e.type, reason: (e as { reason: string }).reason, waitMs: (e as { waitMs: number }).waitMs }, { type: 'rate-limited', reason: 'bucket-empty', waitMs: 2000 });
  });

  it('multipart with a file: payload_json + files[0], attachment listed on the message', async () => {
    const msg = findSample('file-upload')!.build(defaultSampleContext({ counter: 3 }));
    const r = await client.execute(target, msg, { wait: true });
    assert.equal(r.status, 200);
    const att = r.message!.attachments;
    assert.equal(att.length, 1);
    assert.equal(att[0].filename, 'chart-3.png');
    assert.equal(att[0].content_type, 'image/png');
    assert.equal(att[0].size, msg.files![0].data.length);
    assert.equal(r.message!.embeds[0].image?.url, 'attachment://chart-3.png');
    const stored = emulator.messages()[0];
    assert.ok(stored.files[0].data.equals(msg.files![0].data), 'the bytes arrive intact');
    assert.equal(stored.files[0].data.subarray(1, 4).toString('latin1'), 'PNG');
  });

  it('sends thread_id from the thread sample as a query parameter', async () => {
    const r = await client.execute(target, findSample('thread-reply')!.build(defaultSampleContext({ threadId: '777' })), { wait: true });
    assert.equal(r.message?.channel_id, '777');
  });
});

describe('discord/send rate limits from a scripted server (global 429, header-only Retry-After, User-Agent)', () => {
  it('a global 429 is waited out for its body retry_after, a bare 429 for Retry-After; then the send succeeds', async () => {
    const seen: Array<{ ua?: string; url?: string }> = [];
    let n = 0;
    const server = createServer((req, res) => {
      seen.push({ ua: req.headers['user-agent'], url: req.url });
      req.resume();
      n++;
      if (n === 1) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '65', 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
        res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 0.25, global: true }));
      } else if (n === 2) {
        res.writeHead(429, { 'retry-after': '2' }).end();
      } else res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const clock = new FakeClock();
      const events: SendEvent[] = [];
      const client = new DiscordWebhookClient({ clock, onEvent: (e) => events.push(e), version: '1.2.3' });
      const target = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v10`, id: '1', token: 'tok' };
      const r = await client.execute(target, { payload: { content: 'hi' } });
      assert.equal(r.status, 204);
      assert.equal(r.attempts, 3);
      assert.deepEqual(clock.sleeps, [250, 2000], 'body retry_after wins over the header; else Retry-After');
      const limited = events.filter((e) => e.type === 'rate-limited') as Array<{ global: boolean }>;
      assert.deepEqual(limited.map((e) => e.global), [true, false]);
      assert.equal(seen[0].ua, 'DiscordBot (https://github.com/apihook/apihook, 1.2.3) ApiHook/1.2.3');
      assert.equal(seen[0].url, '/api/v10/webhooks/1/tok');
    } finally {
      server.close();
    }
  });

  it('a 429 asking for longer than maxWaitMs is an error, not a silent hour of waiting', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1337', 'x-ratelimit-scope': 'shared' });
      res.end(JSON.stringify({ message: 'The resource is being rate limited.', retry_after: 1336.57, global: false }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const clock = new FakeClock();
      const client = new DiscordWebhookClient({ clock });
      const target = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v10`, id: '1', token: 'tok' };
      await assert.rejects(client.execute(target, { payload: { content: 'hi' } }), (err: unknown) => {
        assert.ok(err instanceof DiscordApiError);
        assert.equal(err.status, 429);
        assert.match(err.hint ?? '', /wait 1337 s/);
        return true;
      });
      assert.deepEqual(clock.sleeps, []);
    } finally {
      server.close();
    }
  });
});
