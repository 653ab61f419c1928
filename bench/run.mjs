// End-to-end benchmark of `apihook run` against `httpyac send --all`: the same generated file of
// GET requests (each with a `?? status == 200` assertion) to a local node:http server running in a child
// process, each CLI started as a fresh process (so process start is included), rounds alternating
// between the two after one warm-up of each. Prints the median wall time of each and the ratios
// (median and best round; the best round is the steadier figure on a busy machine).
// Usage: node bench/run.mjs [--requests N] [--rounds R] [--no-build]
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('--requests', 200);
const ROUNDS = arg('--rounds', 5);

if (process.argv[2] === '--server') {
  const http = await import('node:http');
  const server = http.createServer((req, res) => {
    const body = JSON.stringify({ ok: true, path: req.url });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
} else {
  const cli = join(root, 'dist', 'cli.js');
  if (!process.argv.includes('--no-build') || !existsSync(cli)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const httpyac = join(root, 'node_modules', 'httpyac', 'bin', 'httpyac.js');

  const child = fork(new URL(import.meta.url).pathname, ['--server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'apihook-bench-run-'));
  const file = join(dir, 'bench.http');
  const requests = Array.from({ length: N }, (_, i) => `### item ${i}\nGET http://127.0.0.1:${port}/items/${i}\nAccept: application/json\n\n?? status == 200\n`);
  writeFileSync(file, requests.join('\n'));

  /** Runs a command to completion; returns wall ms, exit code and the tail of its output. */
  const time = (args) => new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out = (out + d).slice(-2000); });
    p.stderr.on('data', (d) => { out = (out + d).slice(-2000); });
    p.on('error', reject);
    p.on('close', (code) => resolve({ ms: performance.now() - t, code, out }));
  });
  const tools = {
    apihook: [cli, 'run', file],
    httpyac: [httpyac, 'send', '--all', file, '--output', 'none'],
  };
  const times = { apihook: [], httpyac: [] };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  try {
    for (const [name, args] of Object.entries(tools)) {
      const warm = await time(args);
      if (warm.code !== 0) throw new Error(`${name} failed (exit ${warm.code}):\n${warm.out}`);
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, args] of Object.entries(tools)) {
        const res = await time(args);
        if (res.code !== 0) throw new Error(`${name} failed (exit ${res.code}):\n${res.out}`);
        times[name].push(res.ms);
      }
    }
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  const a = median(times.apihook);
  const h = median(times.httpyac);
  const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`bench/run: ${N} GETs with one assertion each, ${ROUNDS} rounds, process start included (median)`);
  console.log(`  apihook run           ${a.toFixed(0).padStart(6)} ms   (${(a / N).toFixed(2)} ms/request; rounds ${fmt(times.apihook)})`);
  console.log(`  httpyac send --all    ${h.toFixed(0).padStart(6)} ms   (${(h / N).toFixed(2)} ms/request; rounds ${fmt(times.httpyac)})`);
  const best = (xs) => Math.min(...xs);
  console.log(`  apihook is ${(h / a).toFixed(1)}x faster by median, ${(best(times.httpyac) / best(times.apihook)).toFixed(1)}x by best round (target: 5x)`);
}
