import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags } from '../../../src/cli/flags';
import { UsageError } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { parseRunArgs } from '../../../src/cli/run';
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

  it('reads options with node\'s util.parseArgs: repeats collect, = values, booleans, positionals and what came before them', () => {
    const p = parseFlags(['--verify', 'github=s1', 'a', '--verify=stripe=s2', '--json', '8787', '--', '--not-an-option'], ['verify'], ['json']);
    assert.deepEqual(p.values.get('verify'), ['github=s1', 'stripe=s2']);
    assert.deepEqual([...p.flags], ['json']);
    assert.deepEqual(p.positional, ['a', '8787', '--not-an-option']);
    assert.deepEqual(p.after, [undefined, 'json', undefined]);
  });

  it('turns parseArgs errors into usage errors that name the option', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--frob'], /^unknown option --frob$/],
      [['-x'], /^unknown option -x$/],
      [['--port'], /^--port needs a value/],
      [['--port', '--json'], /^--port needs a value/],
      [['--json=yes'], /^--json takes no value$/],
    ];
    for (const [args, re] of cases) {
      assert.throws(() => parseFlags(args, ['port'], ['json']), (e: unknown) => e instanceof UsageError && re.test(e.message), args.join(' '));
    }
    assert.deepEqual(parseFlags(['--port=-1'], ['port'], []).values.get('port'), ['-1'], 'a value that starts with - after =');
  });

  it('apihook run: options in any order, the last of a repeated single option wins, bad values are usage errors', () => {
    const r = parseRunArgs(['a.http', '--var', 'x=1', '--env', 'dev', '--var=y=2=3', '--reporter', 'junit', '--output', 'o.xml', '--bail', 'b/*.http', '--timeout', '500', '--env', 'prod']);
    assert.deepEqual(r, { patterns: ['a.http', 'b/*.http'], vars: { x: '1', y: '2=3' }, bail: true, reporter: 'junit', allowScripts: false, insecure: false, env: 'prod', output: 'o.xml', timeout: 500 });
    assert.throws(() => parseRunArgs(['a.http', '--timeout', 'soon']), /--timeout must be a non-negative number of milliseconds, not 'soon'/);
    assert.throws(() => parseRunArgs(['a.http', '--var', 'novalue']), /--var needs name=value/);
    assert.throws(() => parseRunArgs(['--bail']), /give at least one .http file/);
    assert.throws(() => parseRunArgs(['a.http', '--output', 'x.json']), /--output needs --reporter json or junit/);
  });
});

