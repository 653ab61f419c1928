// How much ApiHook costs VS Code at activation: the time to load dist/extension.js (what activation
// loads) and dist/engine.js (loaded later, on the first request, listener start or Discord send),
// each in a fresh Node process, against a same-run baseline that loads an empty module.
// Run after `node scripts/build.mjs`. Prints medians in ms and ratios to the baseline.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const rounds = Number(process.argv[2] || 15);
const tmp = mkdtempSync(join(tmpdir(), 'apihook-activation-'));
const empty = join(tmp, 'empty.js');
writeFileSync(empty, 'module.exports = {};\n');
// A stand-in for the `vscode` module so the bundle can be required outside the editor (loading only).
const probe = join(tmp, 'probe.cjs');
writeFileSync(probe, `
const Module = require('module');
const orig = Module._load;
// every property, call and construction yields the same stand-in; bundles copy own props only, so
// the exported object inherits from it
const any = new Proxy(function () {}, { get: (_t, k) => (k === Symbol.toPrimitive ? () => 0 : any), apply: () => any, construct: () => any });
const stub = Object.create(any);
Module._load = function (req, ...rest) { return req === 'vscode' ? stub : orig.call(this, req, ...rest); };
const t = process.hrtime.bigint();
require(process.argv[2]);
process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));
`);

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function measure(file) {
  const xs = [];
  for (let i = 0; i < rounds; i++) xs.push(Number(execFileSync(process.execPath, [probe, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })));
  return median(xs);
}

const targets = [['empty module (baseline)', empty], ['dist/extension.js (activation)', join(root, 'dist/extension.js')], ['dist/engine.js (first network use)', join(root, 'dist/engine.js')]];
const base = measure(empty);
console.log(`activation: module load time, median of ${rounds} fresh processes, node ${process.version}`);
for (const [label, file] of targets) {
  const ms = file === empty ? base : measure(file);
  const kb = statSync(file).size / 1024;
  console.log(`  ${label.padEnd(38)} ${kb.toFixed(1).padStart(8)} KB  ${ms.toFixed(2).padStart(7)} ms  ${(ms / base).toFixed(1)}x baseline`);
}
console.log('  (for scale: at ~64 ms per MB, REST Client\'s 4.8 MB bundle costs ~307 ms and httpYac\'s 3.1 MB ~198 ms)');
