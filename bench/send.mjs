// Sender benchmark: sequential GETs to a local node:http server (in a child process, so its CPU is
// not on our event loop), timed in the same run for
//   - raw undici `request()` with one Agent (body read with .arrayBuffer()),
//   - ApiHook's HttpSender (bundled and minified from src/core/http/send/index.ts with esbuild at start).
// Rounds alternate between the two after a warm-up of both; the median round is reported.
// Usage: node bench/send.mjs [--requests N] [--rounds R]
import * as esbuild from 'esbuild';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('--requests', 1000);
const ROUNDS = arg('--rounds', 7);

if (process.argv[2] === '--server') {
  const http = await import('node:http');
  const body = Buffer.from(JSON.stringify({ ok: true, items: [1, 2, 3], message: 'hello from the bench server' }));
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'apihook-bench-send-'));
  const bundle = join(dir, 'send.cjs');
  await esbuild.build({
    entryPoints: [join(root, 'src/core/http/send/index.ts')], bundle: true, minify: true, platform: 'node', format: 'cjs',
    target: 'node20', outfile: bundle, logLevel: 'warning', absWorkingDir: root,
  });
  const { HttpSender } = require(bundle);
  const undici = require('undici');

  const child = fork(new URL(import.meta.url).pathname, ['--server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const url = `http://127.0.0.1:${port}/items?x=1`;
  const headers = [['Accept', 'application/json'], ['User-Agent', 'apihook-bench']];

  const agent = new undici.Agent();
  const sender = new HttpSender();
  const raw = async () => {
    const res = await undici.request(url, { dispatcher: agent, headers: { accept: 'application/json', 'user-agent': 'apihook-bench' } });
    const data = Buffer.from(await res.body.arrayBuffer());
    if (res.statusCode !== 200 || data.length === 0) throw new Error('bad raw response');
  };
  const ours = async () => {
    const res = await sender.send({ method: 'GET', url, headers });
    if (res.status !== 200 || res.body.data.length === 0) throw new Error('bad sender response');
  };
  async function round(fn, n) {
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    return (performance.now() - t) / n;
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  for (let i = 0; i < 3; i++) { await round(raw, 300); await round(ours, 300); }
  const rawTimes = [];
  const ourTimes = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) { rawTimes.push(await round(raw, N)); ourTimes.push(await round(ours, N)); }
    else { ourTimes.push(await round(ours, N)); rawTimes.push(await round(raw, N)); }
  }
  const rawMs = median(rawTimes);
  const ourMs = median(ourTimes);
  console.log(`send: ${N} sequential GETs x ${ROUNDS} rounds (median round), node ${process.version}, undici ${require('undici/package.json').version}`);
  console.log(`  raw undici request(): ${(rawMs).toFixed(4)} ms/request`);
  console.log(`  ApiHook HttpSender:   ${(ourMs).toFixed(4)} ms/request`);
  console.log(`  ratio: ${(ourMs / rawMs).toFixed(3)}x (target <= 1.25x)`);
  sender.dispose();
  await agent.close();
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}
