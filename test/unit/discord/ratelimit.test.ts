import * as assert from 'node:assert/strict';
import { RateLimitBook, systemClock } from '../../../src/core/discord/ratelimit';

const headers = (h: Record<string, string>) => (n: string) => h[n] ?? null;

describe('discord/ratelimit book', () => {
  it('an exhausted bucket delays its route until Reset-After, per webhook', () => {
    const book = new RateLimitBook();
    book.update('POST webhooks/1', headers({ 'x-ratelimit-bucket': 'b1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '1.5' }), 1000);
    assert.deepEqual(book.delayFor('POST webhooks/1', 1000), { waitMs: 1500, global: false, bucket: 'b1' });
    assert.deepEqual(book.delayFor('POST webhooks/1', 2000), { waitMs: 500, global: false, bucket: 'b1' });
    assert.equal(book.delayFor('POST webhooks/1', 2500), undefined);
    assert.equal(book.delayFor('POST webhooks/2', 1000), undefined, 'another webhook has its own bucket');
  });

  it('remaining above zero does not delay', () => {
    const book = new RateLimitBook();
    book.update('POST webhooks/1', headers({ 'x-ratelimit-bucket': 'b1', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset-after': '2' }), 0);
    assert.equal(book.delayFor('POST webhooks/1', 0), undefined);
  });

  it('a global 429 delays every route until it passes', () => {
    const book = new RateLimitBook();
    const w = book.on429('POST webhooks/1', headers({ 'x-ratelimit-global': 'true', 'retry-after': '3' }), { message: 'You are being rate limited.', retry_after: 2.5, global: true }, 0);
    assert.deepEqual(w, { waitMs: 2500, global: true });
    assert.deepEqual(book.delayFor('PATCH webhooks/9', 1000), { waitMs: 1500, global: true });
    assert.equal(book.delayFor('PATCH webhooks/9', 2500), undefined);
  });

  it('a bucket 429 without a body falls back to Retry-After, then to Reset-After', () => {
    const book = new RateLimitBook();
    assert.equal(book.on429('r 1', headers({ 'retry-after': '4' }), undefined, 0).waitMs, 4000);
    assert.equal(book.on429('r 1', headers({ 'x-ratelimit-reset-after': '0.75' }), 'not json', 0).waitMs, 750);
    const w = book.on429('POST webhooks/1', headers({ 'x-ratelimit-bucket': 'b', 'retry-after': '1' }), { retry_after: 0.2, global: false }, 0);
    assert.equal(w.waitMs, 200);
    assert.deepEqual(book.delayFor('POST webhooks/1', 100), { waitMs: 100, global: false, bucket: 'b' });
  });

  it('the system clock sleeps can be aborted', async () => {
    const ac = new AbortController();
    const p = systemClock.sleep(60_000, ac.signal);
    ac.abort(new Error('stop'));
    await assert.rejects(p, /stop/);
  });
});
