import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { version } from '../../../package.json';

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, out: () => out, err: () => err };
}

describe('apihook CLI', () => {
  it('--version prints the package version', async () => {
    const c = capture();
    assert.equal(await runCli(['--version'], c.io), 0);
    assert.equal(c.out(), `${version}\n`);
  });

  it('--help lists usage and exits 0; no arguments prints help and exits 2', async () => {
    const c = capture();
    assert.equal(await runCli(['--help'], c.io), 0);
    assert.match(c.out(), /Usage: apihook <command>/);
    const d = capture();
    assert.equal(await runCli([], d.io), 2);
  });

  it('an unknown command is a usage error (exit 2) that says what to do', async () => {
    const c = capture();
    assert.equal(await runCli(['frobnicate'], c.io), 2);
    assert.match(c.err(), /unknown command 'frobnicate'.*apihook --help/);
  });

  it('the built dist/cli.js runs as a process', function () {
    const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
    if (!existsSync(cli)) {
      execFileSync(process.execPath, [join(__dirname, '..', '..', '..', 'scripts', 'build.mjs')], { stdio: 'ignore' });
    }
    const r = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), version);
  });
});
