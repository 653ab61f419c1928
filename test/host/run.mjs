#!/usr/bin/env node
// Runs ApiHook's integration suite inside the real VS Code extension host of code-server, driven by
// headless Chromium, on the newest VS Code and on the minimum we claim. Prints, per VS Code version,
// the VS Code and Node versions the suite ran on and `N passed, N failed`, then a total line.
// Exits non-zero on a failure, a timeout, or zero tests.
//
//   node test/host/run.mjs [--vscode new|old|both] [--screenshots DIR] [--grep TEXT] [--verbose]
// Env: APIHOOK_TOOLS_DIR (tools cache), CHROMIUM_PATH, APIHOOK_HOST_TIMEOUT_MS (default 300000), KEEP_TMP=1.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools, variantPaths } from './tools.mjs';
import { startCodeServer } from './codeServer.mjs';
import { openWorkbench } from './workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const which = opt('--vscode', process.env.APIHOOK_VSCODE || 'both');
const variants = which === 'both' ? ['new', 'old'] : [which];
const screenshotDir = opt('--screenshots') ? resolve(opt('--screenshots')) : undefined;
const grep = opt('--grep');
const verbose = args.includes('--verbose') || !!process.env.VERBOSE;
const timeoutMs = Number(process.env.APIHOOK_HOST_TIMEOUT_MS || 300000);
const t0 = Date.now();
const say = (...a) => console.log(`[host +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

const testsIndex = join(root, 'out/test/integration/index.js');
if (!existsSync(testsIndex) || !existsSync(join(root, 'dist/extension.js'))) {
  console.error('[host] build first: node scripts/build.mjs (npm run test:integration does it)');
  process.exit(2);
}
ensureTools(variants);

async function runVariant(name) {
  const tools = variantPaths(name);
  const work = mkdtempSync(join(tmpdir(), `apihook-it-${name}-`));
  const workspace = join(work, 'workspace');
  cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  const resultsFile = join(work, 'results.json');
  const shotDir = screenshotDir ? join(screenshotDir) : join(work, 'screenshots');
  mkdirSync(shotDir, { recursive: true });
  say(`VS Code ${tools.vscode} (code-server ${tools.codeServer}): starting`);
  const server = await startCodeServer(tools, {
    verbose,
    env: {
      APIHOOK_TEST_RESULTS: resultsFile,
      APIHOOK_SCREENSHOT_DIR: shotDir,
      APIHOOK_SCREENSHOT_VARIANT: name,
      ...(grep ? { APIHOOK_TEST_GREP: grep } : {}),
      ...(process.env.APIHOOK_FAIL_ON_PURPOSE ? { APIHOOK_FAIL_ON_PURPOSE: '1' } : {}),
    },
  });
  let wb;
  try {
    wb = await openWorkbench(server.host, {
      folder: workspace, extensionPath: root, testsPath: testsIndex, verbose,
      onLog: (line) => {
        // The suite asks for a screenshot by logging a marker; the file's appearance tells it we took it.
        const m = /^\[apihook-screenshot\] (\S+)$/.exec(line.trim());
        if (m) {
          const file = join(shotDir, `${m[1]}.png`);
          void wb?.page.screenshot({ path: file }).then(() => say(`screenshot ${file}`), (e) => say(`screenshot failed: ${e.message}`));
          return;
        }
        console.log(`  ${line}`);
      },
    });
    const code = await Promise.race([wb.exited, new Promise((r) => setTimeout(() => r('timeout'), timeoutMs))]);
    if (code === 'timeout') {
      const shot = join(shotDir, `timeout-${name}.png`);
      await wb.page.screenshot({ path: shot }).catch(() => undefined);
      say(`timed out after ${timeoutMs / 1000}s; screenshot of the workbench: ${shot}`);
    }
    let summary;
    try { summary = JSON.parse(readFileSync(resultsFile, 'utf8')); } catch { summary = undefined; }
    if (!summary) return { name, tools, ok: false, passes: 0, failures: 0, why: code === 'timeout' ? 'timeout' : `the suite wrote no results (exit code ${code}); rerun with --verbose` };
    for (const f of summary.failed) console.log(`  FAILED: ${f.title}\n    ${f.error}`);
    const ok = code === 0 && summary.failures === 0 && summary.passes > 0;
    return { name, tools, ok, passes: summary.passes, failures: summary.failures, pending: summary.pending, vscode: summary.vscodeVersion, node: summary.node,
      why: ok ? '' : summary.passes === 0 ? 'zero tests ran' : code === 'timeout' ? 'timeout' : 'failures' };
  } finally {
    await wb?.close();
    await server.stop();
    if (!process.env.KEEP_TMP) rmSync(work, { recursive: true, force: true });
  }
}

const results = [];
let crashed = false;
for (const v of variants) {
  try {
    results.push(await runVariant(v));
  } catch (e) {
    crashed = true;
    console.error(`[host] VS Code variant '${v}' could not run: ${e.stack || e.message}`);
    results.push({ name: v, tools: variantPaths(v), ok: false, passes: 0, failures: 0, why: 'launcher error' });
  }
}
console.log('');
for (const r of results) {
  console.log(`integration (VS Code ${r.vscode ?? r.tools.vscode}, extension host Node ${r.node ?? '?'}): ${r.passes} passed, ${r.failures} failed${r.pending ? `, ${r.pending} skipped` : ''}${r.ok ? '' : `  <- ${r.why}`}`);
}
const passes = results.reduce((a, r) => a + r.passes, 0);
const failures = results.reduce((a, r) => a + r.failures, 0) + results.filter((r) => !r.ok && r.failures === 0).length;
writeFileSync(join(root, 'out/integration-summary.json'), JSON.stringify(results.map(({ tools, ...r }) => ({ ...r, codeServer: tools.codeServer })), null, 2));
console.log(`integration: ${passes} passed, ${failures} failed`);
process.exit(!crashed && results.every((r) => r.ok) ? 0 : 1);
