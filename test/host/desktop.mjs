#!/usr/bin/env node
// `npm run test:desktop`: the same integration suite in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code (offline CI uses test/host/run.mjs with code-server instead).
//   node test/host/desktop.mjs [--version 1.100.0|stable]
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const i = process.argv.indexOf('--version');
const version = i > 0 ? process.argv[i + 1] : 'stable';
const work = mkdtempSync(join(tmpdir(), 'apihook-desktop-'));
const workspace = join(work, 'workspace');
cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
const resultsFile = join(work, 'results.json');
try {
  await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/integration/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { APIHOOK_TEST_RESULTS: resultsFile },
  });
} catch (e) {
  console.error(`desktop run failed: ${e.message ?? e}`);
}
let s;
try { s = JSON.parse(readFileSync(resultsFile, 'utf8')); } catch { /* none */ }
if (!s) { console.log('desktop: 0 passed, 1 failed (no results were written)'); process.exit(1); }
for (const f of s.failed) console.log(`  FAILED: ${f.title}: ${f.error}`);
console.log(`desktop (VS Code ${s.vscodeVersion}, Node ${s.node}): ${s.passes} passed, ${s.failures} failed`);
process.exit(s.failures === 0 && s.passes > 0 ? 0 : 1);
