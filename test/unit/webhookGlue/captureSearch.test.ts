import * as assert from 'node:assert/strict';
import { matches, needsBodies } from '../../../src/vscode/webhook/captureSearch';

const capture = {
  meta: { id: '1', method: 'POST', url: '/github?delivery=1', rawHeaders: ['Host', '127.0.0.1', 'X-GitHub-Event', 'push', 'X-GitHub-Event', 'ping'] },
  body: Buffer.from('{"ref":"refs/heads/main","message":"Fix Ünïcode"}'),
};

describe('capture panel search (extension host side)', () => {
  it('matches the method exactly, case-insensitively', () => {
    assert.equal(matches(capture, 'method', 'post'), true);
    assert.equal(matches(capture, 'method', 'pos'), false);
  });

  it('matches paths and queries as substrings', () => {
    assert.equal(matches(capture, 'path', '/GITHUB'), true);
    assert.equal(matches(capture, 'path', 'delivery=1'), true);
    assert.equal(matches(capture, 'path', '/stripe'), false);
  });

  it('matches header names, values, duplicates and "name: value"', () => {
    assert.equal(matches(capture, 'header', 'x-github-event'), true);
    assert.equal(matches(capture, 'header', 'ping'), true, 'the second of two duplicate headers');
    assert.equal(matches(capture, 'header', 'x-github-event: push'), true);
    assert.equal(matches(capture, 'header', 'stripe-signature'), false);
  });

  it('searches body text as UTF-8, case-insensitively, and only the body for "body"', () => {
    assert.equal(matches(capture, 'body', 'fix ünïcode'), true);
    assert.equal(matches(capture, 'body', 'x-github-event'), false);
    assert.equal(matches({ ...capture, body: Buffer.alloc(0) }, 'body', 'ref'), false);
  });

  it('"any" looks everywhere; an empty filter matches everything', () => {
    assert.equal(matches(capture, 'any', 'refs/heads'), true);
    assert.equal(matches(capture, 'any', 'push'), true);
    assert.equal(matches(capture, 'any', 'nothing-like-this'), false);
    assert.equal(matches(capture, 'header', ''), true);
  });

  it('reads bodies only for body and any searches', () => {
    assert.deepEqual((['any', 'method', 'path', 'header', 'body'] as const).map(needsBodies), [true, false, false, false, true]);
  });
});
