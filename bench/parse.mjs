// Parser benchmark: files of 100, 1,000 and 10,000 varied requests, timed in one run for
//   - a baseline that only splits lines and matches request lines with one regex,
//   - ApiHook's parseHttp (bundled from src with esbuild at start),
//   - the parser of the npm package httpyac (HttpFileStore.parse),
// plus re-reading a 1,000-request file through the parse cache (what each keystroke costs).
// Usage: node bench/parse.mjs [--quick]
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');

const dir = mkdtempSync(join(tmpdir(), 'apihook-bench-'));
const bundle = join(dir, 'parse.cjs');
await esbuild.build({ entryPoints: [join(root, 'src/core/http/parse/index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'warning' });
const { parseHttp, createParseCache } = require(bundle);

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
function makeFile(n) {
  const out = ['@host = https://api.example.com', '@token = {{login.response.body.$.token}}', ''];
  for (let i = 0; i < n; i++) {
    const m = methods[i % methods.length];
    out.push(`### Request number ${i}`);
    if (i % 3 === 0) out.push(`# @name req${i}`);
    if (i % 7 === 0) out.push('// a comment about this request');
    out.push(`${m} {{host}}/v1/items/${i}?page=${i % 10}&size=20 HTTP/1.1`);
    out.push('Accept: application/json');
    out.push('Authorization: Bearer {{token}}');
    if (i % 4 === 0) out.push(`X-Request-Id: {{$guid}}`);
    if (m === 'POST' || m === 'PUT' || m === 'PATCH') {
      out.push('Content-Type: application/json', '', '{');
      out.push(`  "id": ${i},`, `  "name": "item ${i} // not a comment",`, '  "tags": ["a", "b", "c"],', `  "createdAt": "{{$isoTimestamp}}"`, '}');
    }
    if (i % 5 === 0) out.push('', '> {%', '  client.test("ok", () => client.assert(response.status === 200));', '%}');
    out.push('');
  }
  return out.join('\n');
}

const baselineRe = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)/;
function baseline(text) {
  const lines = text.split(/\r?\n/);
  let n = 0;
  for (const l of lines) if (baselineRe.test(l)) n++;
  return n;
}

function time(fn, runs) {
  for (let i = Math.max(3, Math.floor(runs / 5)); i > 0; i--) fn(); // warm up the JIT
  const ts = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); fn(); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}
async function timeAsync(fn, runs) {
  await fn(); // one warm-up: httpyac is slow enough that the JIT is warm after it
  const ts = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

let yac;
try {
  const h = require('httpyac');
  h.cli.initFileProvider();
  yac = { store: new h.store.HttpFileStore(), file: join(dir, 'bench.http') };
} catch (err) {
  console.log(`httpyac not available (${err.message}); skipping its column`);
}

// steady state: let the JIT compile both contenders before anything is timed
const warmText = makeFile(1000);
for (let i = 0; i < 30; i++) { baseline(warmText); parseHttp(warmText); }

const fmt = (x) => x.toFixed(x < 10 ? 2 : 1).padStart(9);
console.log('requests     size   baseline ms  apihook ms  httpyac ms  apihook/baseline  httpyac/apihook');
for (const n of [100, 1000, 10000]) {
  const text = makeFile(n);
  const runs = n >= 10000 ? (quick ? 5 : 15) : quick ? 20 : 60;
  const found = parseHttp(text).requests.length;
  if (found !== n || baseline(text) !== n) throw new Error(`expected ${n} requests, parser found ${found}, baseline ${baseline(text)}`);
  const b = time(() => baseline(text), runs);
  const a = time(() => parseHttp(text), runs);
  let y = NaN;
  if (yac) {
    writeFileSync(yac.file, text);
    y = await timeAsync(() => yac.store.parse(yac.file, text, { workingDir: dir }), n >= 10000 ? (quick ? 1 : 3) : quick ? 3 : 10);
  }
  console.log(`${String(n).padStart(8)} ${(text.length / 1024 / 1024).toFixed(2).padStart(6)} MB ${fmt(b)}    ${fmt(a)}   ${fmt(y)}   ${(a / b).toFixed(2).padStart(10)}×   ${(y / a).toFixed(1).padStart(10)}×`);
}

// per keystroke: a new version each time (full reparse) versus the same version (cache hit)
const text1k = makeFile(1000);
const cache = createParseCache();
let version = 0;
const reparse = time(() => cache.get('file:///bench.http', ++version, text1k), quick ? 20 : 100);
const hit = time(() => cache.get('file:///bench.http', version, text1k), quick ? 20 : 100);
console.log(`1,000-request file, new version each keystroke: ${reparse.toFixed(2)} ms (frame budget 16 ms); same version (cache hit): ${hit.toFixed(4)} ms`);
rmSync(dir, { recursive: true, force: true });
