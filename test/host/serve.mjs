#!/usr/bin/env node
// `npm start`: serves VS Code in the browser (code-server) on 127.0.0.1 with ApiHook installed from
// a freshly packaged .vsix and the examples/ workspace open, and prints the URL to open.
//   node test/host/serve.mjs [--port 8080] [--vscode new|old] [--folder DIR] [--screenshot FILE]
// --screenshot: open the workbench headless, save a PNG with ApiHook's sidebar shown, and exit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, ensureTools, variantPaths } from './tools.mjs';
import { startCodeServer } from './codeServer.mjs';
import { openWorkbench } from './workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const variant = opt('--vscode', 'new');
const shot = opt('--screenshot');
const port = shot ? 0 : Number(opt('--port', process.env.APIHOOK_PORT || 8080));
const folder = resolve(opt('--folder', join(root, 'examples')));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

ensureTools([variant]);
const tools = variantPaths(variant);
// A lasting profile for people (settings and installed extensions survive a restart); a throwaway one for screenshots.
const profileDir = shot ? mkdtempSync(join(tmpdir(), 'apihook-serve-')) : join(CACHE, `profile-${variant}`);
mkdirSync(profileDir, { recursive: true });

// Package and install ApiHook the way a user would (the .vsix), so what runs is what ships.
execFileSync(process.execPath, [join(root, 'scripts/package.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
const vsix = join(root, `${pkg.name}-${pkg.version}.vsix`);
execFileSync(tools.nodeBin, [tools.entry, '--user-data-dir', join(profileDir, 'user-data'), '--extensions-dir', join(profileDir, 'extensions'), '--force', '--install-extension', vsix],
  { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, EXTENSIONS_GALLERY: '{}' } });

let s;
try {
  s = await startCodeServer(tools, { port, profileDir });
} catch (e) {
  console.error(`could not start code-server: ${e.message}`);
  if (port) console.error(`If port ${port} is in use, pick another: npm start -- --port ${port + 1}`);
  process.exit(1);
}
const url = `http://${s.host}/?folder=${encodeURIComponent(folder)}`;

if (shot) {
  const wb = await openWorkbench(s.host, { folder });
  let rc = 0;
  try {
    await wb.page.waitForSelector('.activitybar', { timeout: 60000 });
    const tab = wb.page.locator('.activitybar [aria-label^="ApiHook"]').first();
    await tab.click({ timeout: 30000 });
    await wb.page.waitForTimeout(2500);
  } catch (e) {
    console.error(`ApiHook's activity-bar entry did not appear: ${e.message.split('\n')[0]}`);
    rc = 1;
  }
  mkdirSync(dirname(resolve(shot)), { recursive: true });
  await wb.page.screenshot({ path: resolve(shot) });
  console.log(`screenshot: ${resolve(shot)}`);
  await wb.close();
  await s.stop();
  rmSync(profileDir, { recursive: true, force: true });
  process.exit(rc);
}

console.log(`\nApiHook ${pkg.version} is running in VS Code ${tools.vscode} (code-server ${tools.codeServer}).`);
console.log(`Open: ${url}\n`);
console.log('Ctrl+C stops it. After a change, run `npm start` again and reload the page.');
const stop = async () => { await s.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
