import * as assert from 'node:assert/strict';
import { samples, defaultSampleContext } from '../../../src/core/discord/samples';
import { validatePayload } from '../../../src/core/discord/validate';

const s = (n: number, ch = 'a') => ch.repeat(n);
const embed = (extra: Record<string, unknown>) => ({ embeds: [{ title: 'ok', ...extra }] });

/** One crafted payload per rule: [name, payload, path in the flat list, code, path in the nested tree]. */
const cases: Array<[string, unknown, string, string, Array<string>]> = [
  ['content over 2000', { content: s(2001) }, 'content', 'BASE_TYPE_MAX_LENGTH', ['content']],
  ['more than 10 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 'x' })) }, 'embeds', 'BASE_TYPE_MAX_LENGTH', ['embeds']],
  ['title over 256', embed({ title: s(257) }), 'embeds[0].title', 'BASE_TYPE_MAX_LENGTH', ['embeds', '0', 'title']],
  ['description over 4096', embed({ description: s(4097) }), 'embeds[0].description', 'BASE_TYPE_MAX_LENGTH', ['embeds', '0', 'description']],
  ['more than 25 fields', embed({ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }), 'embeds[0].fields', 'BASE_TYPE_MAX_LENGTH', ['embeds', '0', 'fields']],
  ['field name over 256', embed({ fields: [{ name: s(257), value: 'v' }] }), 'embeds[0].fields[0].name', 'BASE_TYPE_MAX_LENGTH', ['embeds', '0', 'fields', '0', 'name']],
  ['field value over 1024', embed({ fields: [{ name: 'n', value: s(1025) }] }), 'embeds[0].fields[0].value', 'BASE_TYPE_MAX_LENGTH', ['embeds', '0', 'fields', '0', 'value']],
  ['field name missing', embed({ fields: [{ value: 'v' }] }), 'embeds[0].fields[0].name', 'BASE_TYPE_REQUIRED', ['embeds', '0', 'fields', '0', 'name']],
  ['field value blank', embed({ fields: [{ name: 'n', value: '   ' }] }), 'embeds[0].fields[0].value', 'BASE_TYPE_REQUIRED', ['embeds', '0', 'fields', '0', 'value']],
  ['footer text over 2048', embed({ footer: { text: s(2049) } }), 'embeds[0].footer.text', 'BASE_TYPE_MAX_LENGTH', ['embeds', '0', 'footer', 'text']],
  ['author name over 256', embed({ author: { name: s(257) } }), 'embeds[0].author.name', 'BASE_TYPE_MAX_LENGTH', ['embeds', '0', 'author', 'name']],
  ['6000 characters across embeds', { embeds: [{ description: s(4000) }, { description: s(2001) }] }, 'embeds', 'MAX_EMBED_SIZE_EXCEEDED', ['embeds']],
  ['username empty', { content: 'x', username: '' }, 'username', 'BASE_TYPE_BAD_LENGTH', ['username']],
  ['username over 80', { content: 'x', username: s(81) }, 'username', 'BASE_TYPE_BAD_LENGTH', ['username']],
  ['username with clyde', { content: 'x', username: 'Clyde Bot' }, 'username', 'USERNAME_INVALID_CONTAINS', ['username']],
  ['username with discord', { content: 'x', username: 'my DISCORD relay' }, 'username', 'USERNAME_INVALID_CONTAINS', ['username']],
  ['image url ftp', embed({ image: { url: 'ftp://x/y.png' } }), 'embeds[0].image.url', 'URL_TYPE_INVALID_SCHEME', ['embeds', '0', 'image', 'url']],
  ['thumbnail url not a url', embed({ thumbnail: { url: 'https://' } }), 'embeds[0].thumbnail.url', 'URL_TYPE_INVALID_URL', ['embeds', '0', 'thumbnail', 'url']],
  ['embed url attachment://', embed({ url: 'attachment://a.png' }), 'embeds[0].url', 'URL_TYPE_INVALID_SCHEME', ['embeds', '0', 'url']],
  ['avatar_url javascript:', { content: 'x', avatar_url: 'javascript:alert(1)' }, 'avatar_url', 'URL_TYPE_INVALID_SCHEME', ['avatar_url']],
  ['flag not allowed (EPHEMERAL)', { content: 'x', flags: 1 << 6 }, 'flags', 'MESSAGE_FLAGS_NOT_ALLOWED', ['flags']],
  ['color over 0xFFFFFF', embed({ color: 0x1000000 }), 'embeds[0].color', 'NUMBER_TYPE_MAX', ['embeds', '0', 'color']],
  ['color negative', embed({ color: -1 }), 'embeds[0].color', 'NUMBER_TYPE_MIN', ['embeds', '0', 'color']],
  ['color not an integer', embed({ color: '#ff0000' }), 'embeds[0].color', 'NUMBER_TYPE_COERCE', ['embeds', '0', 'color']],
  ['timestamp not ISO8601', embed({ timestamp: 'yesterday' }), 'embeds[0].timestamp', 'DATE_TYPE_PARSE', ['embeds', '0', 'timestamp']],
  ['poll question over 300', { poll: { question: { text: s(301) }, answers: [{ poll_media: { text: 'a' } }] } }, 'poll.question.text', 'BASE_TYPE_MAX_LENGTH', ['poll', 'question', 'text']],
  ['poll with 11 answers', { poll: { question: { text: 'q' }, answers: Array.from({ length: 11 }, () => ({ poll_media: { text: 'a' } })) } }, 'poll.answers', 'BASE_TYPE_MAX_LENGTH', ['poll', 'answers']],
  ['poll answer over 55', { poll: { question: { text: 'q' }, answers: [{ poll_media: { text: s(56) } }] } }, 'poll.answers[0].poll_media.text', 'BASE_TYPE_MAX_LENGTH', ['poll', 'answers', '0', 'poll_media', 'text']],
  ['poll duration over 32 days', { poll: { question: { text: 'q' }, answers: [{ poll_media: { text: 'a' } }], duration: 769 } }, 'poll.duration', 'NUMBER_TYPE_MAX', ['poll', 'duration']],
  ['image without url', embed({ image: {} }), 'embeds[0].image.url', 'BASE_TYPE_REQUIRED', ['embeds', '0', 'image', 'url']],
  ['components v2 with content', { content: 'x', flags: 1 << 15, components: [{ type: 10, content: 'hi' }] }, 'content', 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', ['content']],
];

describe('discord/validate', () => {
  it('every sample passes validation, with files counted', () => {
    assert.ok(samples.length >= 11);
    for (const sample of samples) {
      const msg = sample.build(defaultSampleContext({ counter: 7 }));
      const r = validatePayload(msg.payload, { fileCount: msg.files?.length ?? 0 });
      assert.deepEqual(r.issues, [], `${sample.id}: ${JSON.stringify(r.issues)}`);
      assert.equal(r.ok, true);
    }
  });

  for (const [name, payload, flatPath, code, treePath] of cases) {
    it(`refuses: ${name} → ${flatPath} ${code}`, () => {
      const r = validatePayload(payload);
      assert.equal(r.ok, false);
      assert.equal(r.body?.code, 50035);
      assert.equal(r.body?.message, 'Invalid Form Body');
      assert.ok(r.issues.some((i) => i.path === flatPath && i.code === code), JSON.stringify(r.issues));
      let node: unknown = r.body?.errors;
      for (const key of treePath) node = (node as Record<string, unknown>)[key];
      const errs = (node as { _errors: Array<{ code: string; message: string }> })._errors;
      assert.ok(errs.some((e) => e.code === code && typeof e.message === 'string' && e.message.length > 0));
    });
  }

  it('reproduces the exact shape of the issue example for a long title', () => {
    const r = validatePayload(embed({ title: s(300) }));
    assert.deepEqual(r.body, {
      code: 50035, message: 'Invalid Form Body',
      errors: { embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } } },
    });
  });

  it('an empty message is 50006, including whitespace-only content', () => {
    for (const p of [{}, { content: '   ' }, { embeds: [] }, { username: 'Bot' }]) {
      const r = validatePayload(p);
      assert.equal(r.ok, false);
      assert.deepEqual(r.body, { message: 'Cannot send an empty message', code: 50006 });
    }
    assert.equal(validatePayload({}, { fileCount: 1 }).ok, true, 'a file alone is a message');
    assert.equal(validatePayload({ components: [{ type: 1, components: [] }] }).ok, true);
  });

  it('counts after trimming, and counts characters not UTF-16 units', () => {
    assert.equal(validatePayload(embed({ title: `  ${s(256)}  ` })).ok, true);
    assert.equal(validatePayload({ content: '😀'.repeat(2000) }).ok, true);
    assert.equal(validatePayload({ content: '😀'.repeat(2001) }).ok, false);
    assert.equal(validatePayload({ embeds: [{ description: s(4000) }, { description: s(2000) }] }).ok, true, '6000 exactly is allowed');
  });

  it('allows the documented webhook flags and http(s)/attachment:// image URLs', () => {
    assert.equal(validatePayload({ content: 'x', flags: 4 | 4096 }).ok, true);
    assert.equal(validatePayload(embed({ image: { url: 'attachment://a.png' }, thumbnail: { url: 'http://x.test/t.png' } })).ok, true);
    assert.equal(validatePayload(embed({ timestamp: '2026-01-01T10:00:00.000+02:00' })).ok, true);
    assert.equal(validatePayload({ content: 'x', username: 'Build Bot' }).ok, true);
  });

  it('edit mode: fields optional, SUPPRESS_NOTIFICATIONS refused', () => {
    assert.equal(validatePayload({}, { mode: 'edit' }).ok, true);
    const r = validatePayload({ flags: 4096 }, { mode: 'edit' });
    assert.equal(r.issues[0]?.path, 'flags');
  });

  it('lists several problems at once, each with its path', () => {
    const r = validatePayload({ content: s(2001), embeds: [{ title: s(257), fields: [{ name: '', value: 'v' }] }] });
    assert.deepEqual(r.issues.map((i) => i.path).sort(), ['content', 'embeds[0].fields[0].name', 'embeds[0].title']);
  });
});
