// Starts code-server (VS Code's real server and Node extension host) on 127.0.0.1 with a fresh
// profile, and stops it by its process group. Used by the test launcher and by `npm start`.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, createWriteStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import http from 'node:http';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    }).on('error', reject);
  });
}

function waitHealthy(url, ms, child) {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (child.exitCode !== null) return reject(new Error(`code-server exited with code ${child.exitCode} before it answered (see its log)`));
      http.get(url, (res) => { res.resume(); resolve(); }).on('error', () => {
        if (Date.now() > end) reject(new Error(`code-server did not answer ${url} within ${ms / 1000}s`));
        else setTimeout(tick, 200);
      });
    };
    tick();
  });
}

/**
 * @param {{ entry: string, nodeBin: string }} tools
 * @param {{ port?: number, env?: Record<string,string>, verbose?: boolean, extraArgs?: string[], profileDir?: string }} opts
 *   profileDir: keep the user data and extensions there (for `npm start`); default a fresh temp dir
 */
export async function startCodeServer(tools, opts = {}) {
  const tmp = opts.profileDir || mkdtempSync(join(tmpdir(), 'apihook-host-'));
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'config.yaml'), 'auth: none\n');
  const port = opts.port || (await freePort());
  const host = `127.0.0.1:${port}`;
  const args = [tools.entry, '--config', join(tmp, 'config.yaml'), '--bind-addr', host, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', join(tmp, 'extensions'), '--ignore-last-opened',
    ...(opts.extraArgs || [])];
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: join(tmp, 'xdg-config'), XDG_DATA_HOME: join(tmp, 'xdg-data'), ...(opts.env || {}) };
  const child = spawn(tools.nodeBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = join(tmp, 'code-server.log');
  const log = createWriteStream(logFile);
  child.stdout.on('data', (d) => { log.write(d); if (opts.verbose) process.stdout.write(d); });
  child.stderr.on('data', (d) => { log.write(d); if (opts.verbose) process.stderr.write(d); });
  const stop = async () => {
    if (child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      await new Promise((r) => setTimeout(r, 500));
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    log.end();
    if (!process.env.KEEP_TMP && !opts.profileDir) rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await waitHealthy(`http://${host}/healthz`, 60000, child);
  } catch (e) {
    await new Promise((r) => log.end(r));
    const { readFileSync } = await import('node:fs');
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    await stop();
    throw new Error(`${e.message}\n--- code-server log (last lines) ---\n${tail}`);
  }
  return { host, port, tmp, child, logFile, stop, extensionsDir: join(tmp, 'extensions') };
}
