import * as assert from 'node:assert/strict';
import { createParseCache, parseHttp } from '../../../../src/core/http/parse';

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['###', '### t', '#', '//', '# @name x', '# @', '@', '@a', '@a=', 'GET', 'GET ', 'POST h', 'POST https://h/a HTTP/1.1', 'curl', "curl '", 'curl -H', '\\', '<', '< ', '<@', '<@x', '<>', '>', '> {%', '%}', '>>', '>>!', '{{', '}}', '{{@x', '??', '?', '&', ' ', '\t', '\r', '\n', '\r\n', '\ufeff', ':', 'A: b', '{', '}', 'fragment ', 'import ', 'run ', '\u0000', '\ud800', 'GRAPHQL x', 'x'];

describe('parseHttp never throws', () => {
  it('on 3,000 random documents made of tricky fragments, and returns sane ranges', () => {
    const next = rng(12345);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const len = Math.floor(next() * 40);
      for (let i = 0; i < len; i++) text += PIECES[Math.floor(next() * PIECES.length)] + (next() < 0.4 ? '\n' : '');
      const doc = parseHttp(text);
      const lineCount = text.split('\n').length;
      for (const r of doc.requests) {
        assert.ok(r.range.startLine >= 0 && r.range.startLine <= r.range.endLine && r.range.endLine < lineCount, `bad range in ${JSON.stringify(text)}`);
        assert.ok(r.requestLine >= r.range.startLine && r.requestLine <= r.range.endLine, `request line outside range in ${JSON.stringify(text)}`);
      }
      for (const d of doc.diagnostics) assert.ok(d.line >= 0 && d.line < lineCount && d.code !== 'parser-failure', JSON.stringify([text, d]));
    }
  });

  it('on random bytes and on non-string input', () => {
    const next = rng(7);
    for (let n = 0; n < 300; n++) {
      const bytes = Buffer.alloc(Math.floor(next() * 400), 0);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
      assert.doesNotThrow(() => parseHttp(bytes.toString('latin1')));
      assert.doesNotThrow(() => parseHttp(bytes.toString('utf8')));
    }
    assert.doesNotThrow(() => parseHttp(undefined as unknown as string));
    assert.doesNotThrow(() => parseHttp(42 as unknown as string));
  });
});

describe('createParseCache', () => {
  it('returns the same result for the same (uri, version) without reading the text again', () => {
    const cache = createParseCache();
    let reads = 0;
    const text = () => { reads++; return 'GET https://h/a\n'; };
    const a = cache.get('file:///a.http', 1, text);
    const b = cache.get('file:///a.http', 1, text);
    assert.equal(a, b);
    assert.equal(reads, 1);
    const c = cache.get('file:///a.http', 2, 'GET https://h/b\n');
    assert.notEqual(c, a);
    assert.equal(c.requests[0].url, 'https://h/b');
  });

  it('keeps at most maxEntries documents, dropping the least recently used', () => {
    const cache = createParseCache(2);
    cache.get('a', 1, 'GET https://h/a');
    cache.get('b', 1, 'GET https://h/b');
    cache.get('a', 1, () => { throw new Error('a must still be cached'); });
    cache.get('c', 1, 'GET https://h/c');
    assert.equal(cache.size, 2);
    let reparsed = false;
    cache.get('b', 1, () => { reparsed = true; return 'GET https://h/b'; });
    assert.equal(reparsed, true);
    cache.delete('b');
    cache.clear();
    assert.equal(cache.size, 0);
  });
});
