import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { DiscordEmulator } from '../../../src/core/discord/emulator';
import { samples } from '../../../src/core/discord/samples';
import { FakeClock, startResponderServer } from './emulatorServer';

const root = join(__dirname, '..', '..', '..');

/** Runs `apihook` from source as a separate process (async, so the in-process server keeps answering). */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--require', require.resolve('tsx/cjs'), join(root, 'src', 'cli.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('apihook discord (process)', () => {
  let srv: Awaited<ReturnType<typeof startResponderServer>>;
  let emulator: DiscordEmulator;

  beforeEach(async () => {
    emulator = new DiscordEmulator({ rateLimit: { requests: 1, perMs: 300 } });
    srv = await startResponderServer(emulator.responder);
  });
  afterEach(() => srv.close());

  it('samples lists every sample id and title', async () => {
    const r = await cli(['discord', 'samples']);
    assert.equal(r.code, 0, r.stderr);
    for (const s of samples) assert.match(r.stdout, new RegExp(`^${s.id} +${s.title}`, 'm'));
    const j = await cli(['discord', 'samples', '--json']);
    assert.deepEqual(j.stdout.trim().split('\n').map((l) => JSON.parse(l).id), samples.map((s) => s.id));
  });

  it('send --listener PORT --wait posts to the emulator and prints the message id', async () => {
    const r = await cli(['discord', 'send', '--sample', 'rich-embed', '--listener', String(srv.port), '--wait']);
    assert.equal(r.code, 0, r.stderr);
    const stored = emulator.messages();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].token, 'emulated-token');
    assert.match(r.stdout, new RegExp(`Sent 'rich-embed' to http://127\\.0\\.0\\.1:${srv.port}/api/v10/webhooks/0/••••oken: 200, message ${stored[0].message.id} in channel \\d+`));
  });

  it('send --json with a file sample; a 429 is waited out and reported on stderr', async () => {
    // the emulator's clock stands still except while the client waits out the 429 it was given
    const clock = new FakeClock();
    emulator = new DiscordEmulator({ clock, rateLimit: { requests: 1, perMs: 300 } });
    const limited = await startResponderServer(async (req) => {
      const reply = await emulator.responder(req);
      if (reply?.status === 429) clock.t += 300;
      return reply;
    });
    await srv.close();
    srv = limited;
    await fetch(`${srv.baseUrl}/api/webhooks/0/emulated-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"content":"fill the window"}' });
    const r = await cli(['discord', 'send', '--sample', 'file-upload', '--listener', String(srv.port), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.ok, true);
    assert.equal(out.status, 204);
    assert.equal(out.attempts, 2);
    assert.match(r.stderr, /Rate limited: Discord answered 429 \(bucket [0-9a-f]+, scope user\); waiting 0\.30 s, then retrying\./);
    assert.equal(emulator.messages()[1].files.length, 1);
  });

  it('usage errors exit 2 and never echo the token', async () => {
    const token = 'SECRETtokenSECRETtokenSECRETtoken';
    const cases: Array<[string[], RegExp]> = [
      [['discord', 'send', '--listener'], /--sample NAME is required/],
      [['discord', 'send', '--sample', 'nope', '--listener'], /no sample 'nope'/],
      [['discord', 'send', '--sample', 'poll'], /exactly one of --to URL, --to-env VAR or --listener/],
      [['discord', 'send', '--sample', 'poll', '--to-env', 'APIHOOK_TEST_UNSET_VAR'], /APIHOOK_TEST_UNSET_VAR is not set/],
      [['discord', 'send', '--sample', 'poll', '--to-env', 'APIHOOK_TEST_HOOK'], /evil\.example is not a Discord host/],
      [['discord', 'send', '--sample', 'poll', '--to', `https://example.com/api/webhooks/1/${token}`], /not a Discord host/],
      [['discord', 'frob'], /unknown subcommand 'frob'/],
    ];
    for (const [args, re] of cases) {
      const r = await cli(args, { APIHOOK_TEST_HOOK: `https://evil.example/api/webhooks/1/${token}` });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re);
      assert.ok(!r.stderr.includes(token) && !r.stdout.includes(token));
    }
  });

  it('an unreachable listener exits 1 with a clear message', async () => {
    const port = srv.port;
    await srv.close();
    const r = await cli(['discord', 'send', '--sample', 'plain-text', '--listener', String(port)]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Could not reach http:\/\/127\.0\.0\.1:\d+\/api\/v10\/webhooks\/0\/••••oken: ECONNREFUSED/);
    srv = await startResponderServer(emulator.responder);
  });
});
