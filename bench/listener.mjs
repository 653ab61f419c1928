// Webhook listener benchmark: `apihook listen --store DIR` against a bare node:http server that
// reads the body and answers 204, both in their own processes, loaded in the same run by autocannon
// (50 connections, 1 KB JSON POSTs). Prints both rates, the ratio, p99 latency, and the captures found
// afterwards with `apihook captures list --store DIR --json` (every body compared byte for byte); then
// the listener's RSS after 1,000 and after 100,000 captures.
// The listener's output (a readable line per capture; with --json-output the --json lines, base64 and
// text of every body) goes through a real pipe to a separate drain process that counts lines.
// The machine may be shared, so each process's CPU time per request (from /proc/PID/stat, all threads)
// is printed too: unlike req/s it does not depend on what else runs. With --rounds N the two are
// measured alternately N times and the median ratio is reported.
// With --reference a third server is measured in the same rounds: the lean listener the issue describes
// (raw bodies appended in batches, a small JSON record and a readable line per capture, nothing else),
// as a yardstick for what this machine allows.
// With --default-limits the listener keeps its default bounds (the newest 10,000 captures), as a plain
// `apihook listen --store DIR` does: then the check is that the newest are all stored, byte for byte.
// Usage: node bench/listener.mjs [--duration S] [--connections N] [--rounds N] [--json-output] [--reference] [--default-limits] [--no-build]
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli.js');
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i >= 0 ? Number(process.argv[i + 1]) : dflt; };
const DURATION = arg('--duration', 8);
const ROUNDS = arg('--rounds', 1);
const CONNECTIONS = arg('--connections', 50);
const JSON_OUT = process.argv.includes('--json-output');
const REFERENCE = process.argv.includes('--reference');
// --default-limits: the listener keeps its default bounds (the newest 10,000 captures), as `apihook listen --store DIR` does
const DEFAULT_LIMITS = process.argv.includes('--default-limits');
const DEFAULT_MAX_CAPTURES = 10_000;

if (process.argv[2] === '--bare') {
  // The reference: read the body, answer 204.
  const server = createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => { res.writeHead(204); res.end(); });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }) + '\n'));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (process.argv[2] === '--lean') {
  // The reference: capture into two append-only files (bodies; one small JSON record each) written once
  // per event-loop turn, a readable line per capture, and the same 200 JSON reply as apihook.
  const { openSync, write, mkdirSync } = await import('node:fs');
  const dir = process.argv[3];
  mkdirSync(dir, { recursive: true });
  const bodiesFd = openSync(join(dir, 'bodies.bin'), 'a');
  const recordsFd = openSync(join(dir, 'records.ndjson'), 'a');
  let bodies = []; let records = []; let lines = []; let scheduled = false; let next = 1; let offset = 0;
  const flush = () => {
    scheduled = false;
    write(bodiesFd, Buffer.concat(bodies), () => undefined); write(recordsFd, records.join(''), () => undefined);
    process.stdout.write(lines.join(''));
    bodies = []; records = []; lines = [];
  };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const id = String(next++);
      const reply = `{"ok":true,"id":"${id}"}`;
      res.writeHead(200, ['content-type', 'application/json', 'content-length', String(reply.length)]);
      res.end(reply);
      bodies.push(body);
      records.push(JSON.stringify({ id, method: req.method, url: req.url, rawHeaders: req.rawHeaders, at: Date.now(), offset, size: body.length }) + '\n');
      offset += body.length;
      lines.push(`#${id} ${req.method} ${req.url} 200 ${body.length} B\n`);
      if (!scheduled) { scheduled = true; setImmediate(flush); }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }) + '\n'));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (process.argv[2] === '--drain') {
  // Reads the listener's --json output: passes the first line on, counts the rest (newline bytes, no strings).
  let lines = 0;
  let first = [];
  process.stdin.on('data', (chunk) => {
    let start = 0;
    if (first) {
      const nl = chunk.indexOf(10);
      if (nl < 0) { first.push(chunk); return; }
      first.push(chunk.subarray(0, nl + 1));
      process.stdout.write(Buffer.concat(first));
      first = undefined;
      start = nl + 1;
    }
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, nl + 1)) lines++;
  });
  process.stdin.on('end', () => process.stdout.write(JSON.stringify({ drained: lines }) + '\n'));
} else {
  setImmediate(() => { main().catch((e) => { console.error(e); process.exit(1); }); });
}

function firstLine(stream) {
  return new Promise((resolve) => { const rl = createInterface({ input: stream }); rl.once('line', (l) => { rl.close(); resolve(l.startsWith('{') ? JSON.parse(l) : { url: /https?:\/\/[\d.:]+/.exec(l)[0] }); }); });
}

function lastLine(stream) {
  return new Promise((resolve) => { let last = ''; stream.on('data', (d) => { last += d; }); stream.on('end', () => resolve(JSON.parse(last.trim().split('\n').at(-1)))); });
}

/** Starts `apihook listen` with its stdout piped into a drain process; resolves with its URL and pid. */
async function startListener(store, bounded = false) {
  const limits = bounded ? [] : ['--max-captures', '10000000', '--max-store-mb', '100000'];
  const listener = spawn(process.execPath, [cli, 'listen', '--port', '0', '--store', store, ...(JSON_OUT ? ['--json'] : []), ...limits], { stdio: ['ignore', 'pipe', 'inherit'] });
  const drain = spawn(process.execPath, [new URL(import.meta.url).pathname, '--drain'], { stdio: [listener.stdout, 'pipe', 'inherit'] });
  const info = await firstLine(drain.stdout);
  const drained = lastLine(drain.stdout);
  const exited = new Promise((r) => listener.on('exit', (code) => r(code)));
  return { url: info.url, pid: listener.pid, listener, drained, exited };
}

function load(url, opts) {
  const body = opts.body;
  return new Promise((resolve, reject) => {
    autocannon({ url: `${url}/bench/hook?src=autocannon`, method: 'POST', connections: CONNECTIONS, headers: { 'content-type': 'application/json' }, body, ...opts.run }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/** user + system CPU time of a process (all its threads), ms */
function cpuMs(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) / 1024;
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

function jsonBody() {
  // 1 KB of JSON, the size of a small webhook event
  const base = { id: 'evt_1NXfQ2Lkdq', type: 'payment_intent.succeeded', created: 1700000000, data: { object: { id: 'pi_3', amount: 2000, currency: 'usd', metadata: {} } }, pad: '' };
  base.pad = 'x'.repeat(1024 - JSON.stringify(base).length);
  const s = JSON.stringify(base);
  if (Buffer.byteLength(s) !== 1024) throw new Error('body is not 1 KB');
  return s;
}

async function countStore(store, expectedBody) {
  const child = spawn(process.execPath, [cli, 'captures', 'list', '--store', store, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const expected = Buffer.from(expectedBody).toString('base64');
  let count = 0;
  let mismatched = 0;
  const rl = createInterface({ input: child.stdout });
  for await (const line of rl) {
    if (!line) continue;
    const c = JSON.parse(line);
    count++;
    if (c.bodyBase64 !== expected || c.size !== 1024) mismatched++;
  }
  return { count, mismatched };
}

async function main() {
  if (!process.argv.includes('--no-build')) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'ignore' });
  const body = jsonBody();
  const dir = mkdtempSync(join(tmpdir(), 'apihook-bench-listen-'));
  try {
    const bare = spawn(process.execPath, [new URL(import.meta.url).pathname, '--bare'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const bareUrl = (await firstLine(bare.stdout)).url;
    const store = join(dir, 'store');
    const l = await startListener(store, DEFAULT_LIMITS);
    let ref;
    if (REFERENCE) {
      const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--lean', join(dir, 'lean')], { stdio: ['ignore', 'pipe', 'inherit'] });
      const drain = spawn(process.execPath, [new URL(import.meta.url).pathname, '--drain'], { stdio: [child.stdout, 'pipe', 'inherit'] });
      ref = { child, url: (await firstLine(drain.stdout)).url, drained: lastLine(drain.stdout) };
      await load(ref.url, { body, run: { duration: 2 } });
    }

    // warm up both, then measure both in the same run, alternating when asked for several rounds
    const warmBare = await load(bareUrl, { body, run: { duration: 2 } });
    const warmListen = await load(l.url, { body, run: { duration: 2 } });
    let client2xx = warmListen['2xx'];
    let failed = warmListen.non2xx + warmListen.errors;
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      const cb = cpuMs(bare.pid);
      const b = await load(bareUrl, { body, run: { duration: DURATION } });
      const cl = cpuMs(l.pid);
      const w = await load(l.url, { body, run: { duration: DURATION } });
      const cpuListen = cpuMs(l.pid) - cl;
      const cpuBare = cpuMs(bare.pid) - cb;
      client2xx += w['2xx'];
      failed += w.non2xx + w.errors;
      const r = ref ? await load(ref.url, { body, run: { duration: DURATION } }) : undefined;
      rounds.push({ b, w, ratio: w.requests.average / b.requests.average, cpuBare: (cpuBare * 1000) / b.requests.total, cpuListen: (cpuListen * 1000) / w.requests.total, refRatio: r ? r.requests.average / b.requests.average : undefined, r });
    }
    bare.kill('SIGTERM');
    ref?.child.kill('SIGTERM');
    l.listener.kill('SIGTERM');
    const code = await l.exited;
    const printed = (await l.drained).drained - (JSON_OUT ? 1 : 0); // with --json the last line is {"event":"stopped"}
    const stored = await countStore(store, body);
    rounds.sort((x, y) => x.ratio - y.ratio);
    const { b, w, ratio, cpuBare, cpuListen } = rounds[Math.floor(rounds.length / 2)];
    console.log(`listener bench: ${CONNECTIONS} connections, ${DURATION} s each, 1 KB JSON POSTs, ${ROUNDS} round(s); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
    console.log(`  warm-up 2 s each: bare ${warmBare.requests.average.toFixed(0)} req/s, listener ${warmListen.requests.average.toFixed(0)} req/s`);
    console.log(`  bare node:http (204)          ${b.requests.average.toFixed(0).padStart(6)} req/s  p99 ${b.latency.p99} ms  CPU ${cpuBare.toFixed(1)} us/req`);
    console.log(`  apihook listen --store${JSON_OUT ? ' --json' : '       '}${DEFAULT_LIMITS ? ' (default limits)' : ''} ${w.requests.average.toFixed(0).padStart(6)} req/s  p99 ${w.latency.p99} ms  CPU ${cpuListen.toFixed(1)} us/req`);
    console.log(`  ratio ${ratio.toFixed(2)} (target >= 0.60)${ROUNDS > 1 ? `; all rounds: ${rounds.map((r) => r.ratio.toFixed(2)).join(' ')}` : ''}; CPU-time ratio bare/listener ${(cpuBare / cpuListen).toFixed(2)}`);
    if (REFERENCE) {
      const refs = rounds.map((r) => r.refRatio).sort((x, y) => x - y);
      const mid = refs[Math.floor(refs.length / 2)];
      console.log(`  lean reference listener (the issue's design)  ratio ${mid.toFixed(2)}${ROUNDS > 1 ? `; all rounds: ${rounds.map((r) => r.refRatio.toFixed(2)).join(' ')}` : ''}; apihook / reference ${(ratio / mid).toFixed(2)}`);
    }
    console.log(`  answered 2xx seen by autocannon ${client2xx} (+${failed} not 2xx or errors; requests still in flight when a run ends are answered but not counted)`);
    console.log(`  captures printed by the listener (${JSON_OUT ? '--json lines' : 'readable lines'}) ${printed}; exit code ${code}`);
    // every answered request is printed once and stored once; autocannon saw at most one request per connection fewer
    if (DEFAULT_LIMITS) {
      // the store keeps only the newest captures: they must all be there, each body as sent
      const kept = stored.count === Math.min(printed, DEFAULT_MAX_CAPTURES) && stored.mismatched === 0;
      console.log(`  captures in the store (apihook captures list --json) ${stored.count}, the newest of ${printed} (default limit ${DEFAULT_MAX_CAPTURES}); bodies differing from the 1 KB sent ${stored.mismatched} -> ${kept ? 'the newest all kept, byte for byte' : 'LOST OR ALTERED CAPTURES'}`);
    } else {
      const zeroLost = stored.count === printed && stored.count >= client2xx && stored.count - client2xx <= CONNECTIONS * (ROUNDS + 1) && stored.mismatched === 0;
      console.log(`  captures in the store (apihook captures list --json) ${stored.count}; bodies differing from the 1 KB sent ${stored.mismatched} -> ${zeroLost ? 'zero lost, every body byte for byte' : 'LOST OR ALTERED CAPTURES'}`);
    }

    // memory: a fresh listener, RSS after 1,000 and after 100,000 captures
    const store2 = join(dir, 'store-rss');
    const m = await startListener(store2);
    await load(m.url, { body, run: { amount: 1000 } });
    await sleep(1000);
    const rss1k = rssMb(m.pid);
    await load(m.url, { body, run: { amount: 99_000 } });
    await sleep(1000);
    const rss100k = rssMb(m.pid);
    m.listener.kill('SIGTERM');
    await m.exited;
    await m.drained;
    const stored2 = await countStore(store2, body);
    console.log(`  RSS after 1,000 captures ${rss1k.toFixed(1)} MB; after 100,000 ${rss100k.toFixed(1)} MB (+${(rss100k - rss1k).toFixed(1)} MB, target <= +50 MB); stored ${stored2.count}, altered ${stored2.mismatched}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
