import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiscordEmulator } from '../../../src/core/discord/emulator';
import { DiscordApiError, flattenErrorTree, toInvalidFormBody, type DiscordErrorBody } from '../../../src/core/discord/errors';
import { RateLimitBook } from '../../../src/core/discord/ratelimit';
import { validatePayload } from '../../../src/core/discord/validate';

/** Discord's own examples (../shared/conformance/webhook-samples, see SOURCES.tsv) against our code. */
const dir = join(__dirname, '..', '..', '..', '..', 'shared', 'conformance', 'webhook-samples');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('discord conformance with the docs’ examples', function () {
  before(function () {
    if (!existsSync(join(dir, 'SOURCES.tsv'))) {
      console.log(`    (skipped: ${dir} is absent)`);
      this.skip();
    }
  });

  it('SOURCES.tsv lists every discord-* file used here', () => {
    const sources = read('SOURCES.tsv');
    for (const f of ['discord-create-message-example.json', 'discord-execute-webhook-embeds.json', 'discord-execute-webhook-multipart-payload_json.txt', 'discord-error-50035-examples.json.txt', 'discord-429-rate-limit-responses.http.txt', 'discord-error-json-example.json', 'discord-message-object-example.json']) {
      assert.ok(sources.includes(f), f);
    }
  });

  it('accepts the example request bodies', () => {
    for (const f of ['discord-create-message-example.json', 'discord-execute-webhook-embeds.json']) {
      const r = validatePayload(JSON.parse(read(f)));
      assert.deepEqual(r.issues, [], f);
      assert.equal(r.ok, true);
    }
  });

  it('the emulator takes the multipart example (payload_json + files[0], files[1]) and keeps both files', async () => {
    const text = read('discord-execute-webhook-multipart-payload_json.txt').replace(/\r?\n/g, '\r\n');
    const e = new DiscordEmulator({ rateLimit: false });
    const r = await e.responder({ method: 'POST', url: '/api/v10/webhooks/1/t?wait=true', rawHeaders: ['Content-Type', 'multipart/form-data; boundary=boundary'], body: Buffer.from(text), receivedAt: 0 });
    assert.equal(r?.status, 200, String(r?.body));
    const m = JSON.parse(String(r?.body));
    assert.deepEqual(m.attachments.map((a: { filename: string }) => a.filename), ['myfilename.png', 'mygif.gif']);
    assert.equal(m.attachments[0].description, 'Image of a cute little cat');
    assert.equal(m.embeds[0].thumbnail.url, 'attachment://myfilename.png');
    assert.equal(e.messages()[0].files[1].contentType, 'image/gif');
  });

  it('reproduces the three 50035 error examples from the same issues, and flattens them', () => {
    const examples = read('discord-error-50035-examples.json.txt').split(/^---$/m).map((s) => JSON.parse(s) as DiscordErrorBody);
    assert.equal(examples.length, 3);
    for (const ex of examples) {
      const issues = flattenErrorTree(ex.errors);
      assert.ok(issues.length > 0);
      const rebuilt = toInvalidFormBody(issues.map((i) => ({ path: i.path ? i.path.replace(/\[(\d+)\]/g, '.$1').split('.') : [], code: i.code, message: i.message })));
      assert.deepEqual(rebuilt, ex);
    }
    assert.deepEqual(flattenErrorTree(examples[0].errors).map((i) => i.path), ['activities[0].platform', 'activities[0].type']);
    assert.deepEqual(flattenErrorTree(examples[2].errors).map((i) => `${i.path}|${i.code}`), ['|APPLICATION_COMMAND_TOO_LARGE']);
  });

  it('a plain JSON error (50014) reads as one sentence with its code', () => {
    const err = new DiscordApiError(401, JSON.parse(read('discord-error-json-example.json')));
    assert.equal(err.message, 'Discord answered 401 (code 50014): Invalid authentication token');
    assert.equal(err.discordCode, 50014);
  });

  it('reads the three documented 429 responses: user, shared and global', () => {
    const blocks = read('discord-429-rate-limit-responses.http.txt').split(/^---$/m);
    const waits = blocks.map((block) => {
      const headers = new Map<string, string>();
      const bodyLines: string[] = [];
      for (const line of block.trim().split(/\r?\n/)) {
        const h = /^< ([\w-]+): (.*)$/.exec(line);
        if (h) headers.set(h[1].toLowerCase(), h[2]);
        else if (!line.startsWith('<')) bodyLines.push(line);
      }
      const book = new RateLimitBook();
      return book.on429('POST webhooks/1', (n) => headers.get(n) ?? null, JSON.parse(bodyLines.join('\n')), 0);
    });
    assert.deepEqual(waits, [
      { waitMs: 64570, global: false, bucket: 'abcd1234', scope: 'user' },
      { waitMs: 1336570, global: false, bucket: 'abcd1234', scope: 'shared' },
      { waitMs: 64570, global: true, scope: 'global' },
    ]);
  });

  it('the emulator’s 429 has the documented headers and body keys', async () => {
    const block = read('discord-429-rate-limit-responses.http.txt').split(/^---$/m)[0];
    const docHeaders = [...block.matchAll(/^< ([\w-]+):/gm)].map((m) => m[1].toLowerCase());
    const e = new DiscordEmulator({ rateLimit: { requests: 1, perMs: 1000 } });
    const send = () => e.responder({ method: 'POST', url: '/api/webhooks/1/t', rawHeaders: ['content-type', 'application/json'], body: Buffer.from('{"content":"x"}'), receivedAt: 0 });
    await send();
    const r = await send();
    assert.equal(r?.status, 429);
    for (const h of docHeaders) assert.ok(h in (r?.headers ?? {}), `missing ${h}`);
    const docBody = JSON.parse(block.slice(block.indexOf('{')));
    assert.deepEqual(Object.keys(JSON.parse(String(r?.body))).sort(), Object.keys(docBody).sort());
  });

  it('the emulator’s message object has every field of the documented example message', async () => {
    const doc = JSON.parse(read('discord-message-object-example.json')) as Record<string, unknown>;
    const e = new DiscordEmulator({ rateLimit: false });
    const r = await e.responder({ method: 'POST', url: '/api/webhooks/1/t?wait=true', rawHeaders: ['content-type', 'application/json'], body: Buffer.from('{"content":"Supa Hot"}'), receivedAt: 0 });
    const ours = JSON.parse(String(r?.body)) as Record<string, unknown>;
    const missing = Object.keys(doc).filter((k) => k !== 'reactions' && !(k in ours));
    assert.deepEqual(missing, [], 'reactions is left out: a new message has none');
    for (const k of Object.keys(doc)) if (k in ours && doc[k] !== null) assert.equal(typeof ours[k], typeof doc[k], k);
  });
});
