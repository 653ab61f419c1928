import * as assert from 'node:assert/strict';
import { samples } from '../../../src/core/discord/samples';
import { defaultSampleContext } from '../../../src/core/discord/samples';
import { validatePayload } from '../../../src/core/discord/validate';
import { findDiscordRequests, isDiscordWebhookUrl, locateJsonPath, positionAt, requestAtLine, splitJsonPath } from '../../../src/vscode/discord/httpDiscord';
import { discordRequestText } from '../../../src/vscode/discord/newRequestText';

const FILE = `@hook = https://discord.com/api/webhooks/123/abc

### Not Discord
POST https://example.com/api/things
Content-Type: application/json

{"title": "x"}

### Discord via variable
POST {{hook}}?wait=true
Content-Type: application/json

{
  "embeds": [
    {
      "title": "${'t'.repeat(300)}",
      "fields": [
        { "name": "a", "value": "b" }
      ]
    }
  ]
}

### Broken JSON
POST {{discordWebhookUrl}}
Content-Type: application/json

{ "content": "hi", }
`;

describe('Discord requests in .http files (glue helpers)', () => {
  it('recognises Discord webhook URLs: hosts, the emulator path, and discord-named variables', () => {
    assert.equal(isDiscordWebhookUrl('https://discord.com/api/webhooks/1/t'), true);
    assert.equal(isDiscordWebhookUrl('https://canary.discordapp.com/api/v10/webhooks/1/t?wait=true'), true);
    assert.equal(isDiscordWebhookUrl('http://127.0.0.1:8787/api/webhooks/0/emulated-token'), true);
    assert.equal(isDiscordWebhookUrl('{{discordWebhookUrl}}?wait=true'), true);
    assert.equal(isDiscordWebhookUrl('{{hook}}', new Map([['hook', 'https://discord.com/api/webhooks/1/t']])), true);
    assert.equal(isDiscordWebhookUrl('{{hook}}'), false);
    assert.equal(isDiscordWebhookUrl('https://example.com/api/things'), false);
  });

  it('finds only the Discord requests, with their body lines and parsed JSON or syntax error', () => {
    const found = findDiscordRequests(FILE);
    assert.equal(found.length, 2);
    const [a, b] = found;
    assert.equal(a.requestLine, 9);
    assert.equal(a.bodyStartLine, 12);
    assert.equal((a.payload as { embeds: unknown[] }).embeds.length, 1);
    assert.equal(b.payload, undefined);
    assert.ok(b.parseError);
    assert.equal(requestAtLine(found, 15), a);
    assert.equal(requestAtLine(found, 3), undefined);
  });

  it('maps a validation path to the line and column of its key in the body', () => {
    const [r] = findDiscordRequests(FILE);
    const issues = validatePayload(r.payload).issues;
    assert.deepEqual(issues.map((i) => i.path), ['embeds[0].title']);
    const at = positionAt(r.bodyText, locateJsonPath(r.bodyText, 'embeds[0].title').offset);
    assert.deepEqual(at, { line: 3, character: 6 }); // `"title"` on the 4th body line
    // a missing field points at the nearest ancestor that exists
    const missing = positionAt(r.bodyText, locateJsonPath(r.bodyText, 'embeds[0].fields[0].inline').offset);
    assert.deepEqual(missing, { line: 5, character: 8 }); // the field object itself
    assert.deepEqual(locateJsonPath(r.bodyText, ''), { offset: 0, length: 1 });
    assert.deepEqual(splitJsonPath('embeds[0].fields[12].name'), ['embeds', 0, 'fields', 12, 'name']);
  });

  it('"New Discord request" text parses back to the sample it was written from', () => {
    for (const sample of samples) {
      const message = sample.build(defaultSampleContext());
      const text = discordRequestText(sample, message, 'http://127.0.0.1:8787/api/webhooks/0/emulated-token');
      assert.match(text, /^POST \{\{discordWebhookUrl\}\}\?wait=true/m, sample.id);
      if (message.files?.length) {
        assert.match(text, /name="payload_json"/);
        assert.match(text, /name="files\[0\]"; filename="/);
        continue;
      }
      const [r] = findDiscordRequests(text);
      assert.ok(r, sample.id);
      assert.deepEqual(r.payload, JSON.parse(JSON.stringify(message.payload)), sample.id);
      if (message.threadId) assert.match(text, new RegExp(`thread_id=${message.threadId}`));
    }
  });
});

describe('Discord message edits in .http files', () => {
  it('checks a PATCH of a message by the edit rules (every field optional)', () => {
    const [r] = findDiscordRequests('PATCH https://discord.com/api/webhooks/1/t/messages/2\nContent-Type: application/json\n\n{ "embeds": [] }\n');
    assert.equal(r.method, 'PATCH');
    assert.equal(validatePayload(r.payload, { mode: 'edit' }).ok, true);
  });
});
