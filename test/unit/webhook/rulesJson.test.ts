import * as assert from 'node:assert/strict';
import { captureJsonLine, captureLine, captureToJson } from '../../../src/core/webhook/captureJson';
import { CompiledRules, validateRulesConfig } from '../../../src/core/webhook/rules';
import type { CaptureMeta } from '../../../src/core/webhook/types';

const view = (method: string, url: string) => ({ method, url, rawHeaders: [], body: Buffer.alloc(0), receivedAt: 0 });

describe('webhook rules and JSON lines', () => {
  it('validates a rules object from JSON, keeping the good parts and naming each problem', () => {
    const { config, problems } = validateRulesConfig({
      endpoints: [{ name: 'gh', path: '/github', provider: 'github' }, { name: 'x', path: '/x', provider: 'gitlab' }, { name: 'y', path: '/y', secret: 'oops' }],
      rules: [{ path: '/a', status: 201 }, { path: 'no-slash' }, { path: '/b', status: 42 }],
      defaultReply: { status: 202 },
    });
    assert.deepEqual(config.endpoints?.map((e) => e.name), ['gh', 'y']);
    assert.deepEqual(config.rules?.map((r) => r.path), ['/a']);
    assert.equal(config.defaultReply?.status, 202);
    assert.equal(problems.length, 4);
    assert.ok(problems.some((p) => /unknown provider 'gitlab'/.test(p)));
    assert.ok(problems.some((p) => /'secret' is ignored/.test(p)));
    assert.deepEqual(validateRulesConfig([]).problems, ['the webhook rules must be a JSON object']);
  });

  it('matches endpoints by prefix and rules by glob, rules first, then the default reply', () => {
    const rules = new CompiledRules({
      endpoints: [{ name: 'gh', path: '/github', provider: 'github', status: 202 }],
      rules: [{ method: 'put', path: '/items/*', status: 409 }, { path: '/deep/**', body: 'deep', headers: { 'content-type': 'text/plain' } }],
      defaultReply: { status: 200 },
    });
    assert.equal(rules.endpointFor('/github/x')?.name, 'gh');
    assert.equal(rules.endpointFor('/githubber'), undefined);
    assert.equal(rules.replyFor(view('PUT', '/items/7?x=1'), '1', undefined).status, 409);
    assert.equal(rules.replyFor(view('POST', '/items/7'), '1', undefined).status, 200);
    assert.equal(rules.replyFor(view('GET', '/deep/a/b'), '1', undefined).body, 'deep');
    const ep = rules.replyFor(view('POST', '/github'), '5', rules.endpointFor('/github'));
    assert.equal(ep.status, 202);
    assert.equal(ep.source, 'endpoint:gh');
    assert.equal(rules.replyFor(view('GET', '/other'), '9', undefined).body, '{"ok":true,"id":"9"}');
  });

  it('the hand-built JSON line equals the JSON of captureToJson', () => {
    const meta: CaptureMeta = {
      id: '3', method: 'POST', url: '/p?q="1"', rawHeaders: ['A', 'b"\\'], httpVersion: '1.1', remoteAddress: '127.0.0.1', receivedAt: 1_700_000_000_000,
      durationMs: 1, bodySize: 3, reply: { status: 413, headers: [], body: '', bodySize: 0, source: 'limit' },
      rejected: { reason: 'body-too-large', receivedBytes: 99, limit: 10 }, signature: { provider: 'slack', valid: false, reason: 'x "y"' }, endpoint: 'e',
    };
    for (const body of [Buffer.from('é\n"\u2028'), Buffer.from([0xff, 0])]) {
      assert.deepEqual(JSON.parse(captureJsonLine(meta, body)), JSON.parse(JSON.stringify(captureToJson(meta, body))));
    }
  });

  it('the readable line gives each capture its own size and time, also in a flood of same-sized ones', () => {
    const base = { id: '1', method: 'POST', url: '/h?x=1', rawHeaders: [], httpVersion: '1.1', remoteAddress: '127.0.0.1', durationMs: 1,
      reply: { status: 200, headers: [], body: '', bodySize: 0, source: 'default' } };
    const line = (bodySize: number, receivedAt: number): string => captureLine({ ...base, bodySize, receivedAt });
    const t = Date.UTC(2026, 10, 27, 16, 5, 9);
    assert.equal(line(1024, t), '16:05:09 #1 POST /h?x=1 200 1.0 KB');
    assert.equal(line(1024, t + 400), '16:05:09 #1 POST /h?x=1 200 1.0 KB');
    assert.equal(line(12, t + 1000), '16:05:10 #1 POST /h?x=1 200 12 B');
    assert.equal(line(3 << 20, t + 1000), '16:05:10 #1 POST /h?x=1 200 3.0 MB');
    assert.equal(line(1024, t), '16:05:09 #1 POST /h?x=1 200 1.0 KB');
  });
});
