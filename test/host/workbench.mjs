// Opens the code-server workbench in headless Chromium (playwright-core, the system's browser),
// keeps every request on loopback, and optionally loads a development extension and its tests.
import util from 'node:util';
import { chromiumPath, loadPlaywright } from './tools.mjs';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Workbench log lines that are noise for a test run (shown with VERBOSE=1).
const NOISE = /^(\[AgentHost|\[ChatModelSelection\]|\[AccountPolicyGate\]|Ignoring fetching additional builtin|Creating a socket|Resolv(ing|ed) connection token|\[Service Worker\]|Updating additional builtin|ChatSessionStore|Creation of workbench contribution|Timed out waiting for authentication provider|\s+at \S+ \(http:\/\/127\.0\.0\.1)/;

/**
 * @param {string} host 127.0.0.1:PORT of code-server
 * @param {{ folder: string, extensionPath?: string, testsPath?: string, onLog?: (line: string) => void,
 *           verbose?: boolean, viewport?: {width:number,height:number} }} opts
 */
export async function openWorkbench(host, opts) {
  const { chromium } = loadPlaywright();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: opts.viewport || { width: 1400, height: 860 } });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && !LOOPBACK.has(u.hostname)) {
      if (opts.verbose) console.log(`[host] blocked non-loopback request: ${u.href}`);
      return route.abort();
    }
    return route.continue();
  });
  const page = await context.newPage();
  // VS Code 1.133+ honours the development payload only with the smoke-test driver enabled in the
  // workbench configuration; code-server has no flag for it, so set it as the page builds.
  await page.addInitScript(() => {
    /* global document, MutationObserver -- this function runs in the page */
    const patch = (el) => {
      if (!el || el.id !== 'vscode-workbench-web-configuration' || el.__apihookPatched) return;
      const cfg = JSON.parse(el.getAttribute('data-settings'));
      cfg.developmentOptions = { ...(cfg.developmentOptions || {}), enableSmokeTestDriver: true };
      el.setAttribute('data-settings', JSON.stringify(cfg));
      el.__apihookPatched = true;
    };
    new MutationObserver((muts) => {
      for (const m of muts) for (const n of m.addedNodes) if (n.nodeType === 1) patch(n);
    }).observe(document, { childList: true, subtree: true });
  });
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = Array.isArray(args) ? util.format(...args) : String(args);
    if (opts.verbose || (!['trace', 'debug'].includes(type) && !NOISE.test(line))) opts.onLog?.(line, type);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  if (opts.verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));

  const payload = [['skipWelcome', 'true']];
  if (opts.extensionPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${host}${opts.extensionPath}`]);
  if (opts.testsPath) payload.push(['extensionTestsPath', `vscode-remote://${host}${opts.testsPath}`]);
  const url = `http://${host}/?folder=${encodeURIComponent(opts.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  return { browser, page, exited, url, close: () => browser.close().catch(() => undefined) };
}
