import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('bundles', function () {
  this.timeout(120000);
  before(() => {
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'ignore' });
  });

  it('dist/extension.js stays under the 500 KB budget and leaves the network engine out', () => {
    const size = statSync(join(root, 'dist/extension.js')).size;
    assert.ok(size < 500 * 1024, `dist/extension.js is ${(size / 1024).toFixed(1)} KB`);
    const text = readFileSync(join(root, 'dist/extension.js'), 'utf8');
    assert.ok(text.includes('require("./engine.js")'), 'heavy modules are loaded from engine.js on first use');
    assert.ok(!/llhttp|tough-cookie|tldts/.test(text), 'undici, tough-cookie and the public-suffix list stay in engine.js');
  });

  it('dist/engine.js serves every module the extension loads lazily', () => {
    const text = readFileSync(join(root, 'dist/extension.js'), 'utf8');
    const wanted = [...text.matchAll(/require\("\.\/engine\.js"\)\["([^"]+)"\]/g)].map((m) => m[1]);
    assert.ok(wanted.length > 0);
    const engine = require(join(root, 'dist/engine.js')) as Record<string, unknown>;
    for (const key of wanted) assert.ok(engine[key], `engine.js lacks ${key}`);
  });

  it('dist/cli.js is an executable script with a shebang', () => {
    assert.ok(readFileSync(join(root, 'dist/cli.js'), 'utf8').startsWith('#!/usr/bin/env node'));
  });

  it('npm run package makes a .vsix with the bundles, grammar and media, and no sources or node_modules', () => {
    const out = execFileSync(process.execPath, [join(root, 'scripts/package.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(out, /vsix: .*apihook-[\d.]+\.vsix [\d.]+ KB/);
    const files = execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const f of ['package.json', 'dist/extension.js', 'dist/engine.js', 'syntaxes/http.tmLanguage.json', 'media/apihook.svg']) assert.ok(files.includes(f), `${f} missing from the .vsix`);
    assert.deepEqual(files.filter((f) => /^(src|test|node_modules|bench|scripts)\//.test(f) || f.endsWith('.ts') || f.endsWith('.map')), []);
  });
});
