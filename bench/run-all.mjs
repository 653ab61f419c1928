// `npm run bench`: every benchmark in turn, each printing its figures against a same-run baseline.
// Arguments after `--` go to every script (e.g. `npm run bench -- --rounds 3`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const scripts = ['activation.mjs', 'parse.mjs', 'send.mjs', 'run.mjs', 'listener.mjs'];
let failed = 0;
for (const s of scripts) {
  console.log(`\n=== bench/${s}`);
  const args = s === 'activation.mjs' ? [] : process.argv.slice(2);
  const r = spawnSync(process.execPath, [join(here, s), ...args], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.log(`bench/${s} exited with ${r.status}`); }
}
process.exit(failed ? 1 : 0);
