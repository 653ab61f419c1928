import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CommandIds } from '../../src/vscode/commands/ids';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('contributes exactly the commands the code registers, in both directions', () => {
    const contributed = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    const inCode = Object.values(CommandIds).sort();
    assert.deepEqual(contributed.filter((c) => !inCode.includes(c as never)), [], 'contributed in package.json but not registered in code');
    assert.deepEqual(inCode.filter((c) => !contributed.includes(c)), [], 'registered in code but not contributed in package.json');
  });

  it('activates lazily, never on * or startup', () => {
    const events: string[] = pkg.activationEvents;
    assert.ok(events.includes('onLanguage:http'));
    assert.ok(!events.includes('*'));
    assert.ok(!events.includes('onStartupFinished'));
  });

  it('declares the ApiHook container with its three views, each with a welcome text', () => {
    assert.equal(pkg.contributes.viewsContainers.activitybar[0].id, 'apihook');
    const views = pkg.contributes.views.apihook.map((v: { id: string }) => v.id);
    assert.deepEqual(views, ['apihook.requests', 'apihook.webhooks', 'apihook.discord']);
    const welcomed = pkg.contributes.viewsWelcome.map((w: { view: string }) => w.view);
    for (const v of views) assert.ok(welcomed.includes(v), `${v} has no welcome text`);
  });

  it('every command link in a welcome text or menu names a contributed command', () => {
    const contributed = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const w of pkg.contributes.viewsWelcome as { contents: string }[]) {
      for (const m of w.contents.matchAll(/\(command:([\w.]+)/g)) assert.ok(contributed.has(m[1]), `welcome links to unknown ${m[1]}`);
    }
    for (const [menu, items] of Object.entries(pkg.contributes.menus ?? {}) as [string, { command: string }[]][]) {
      for (const it of items) assert.ok(contributed.has(it.command), `menu ${menu} names unknown ${it.command}`);
    }
  });

  it('claims VS Code 1.100 with the matching @types/vscode', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.equal(pkg.devDependencies['@types/vscode'], '1.100.0');
  });

  it('every file the manifest points at exists and parses', () => {
    const files = [
      ...pkg.contributes.languages.map((l: { configuration: string }) => l.configuration),
      ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
      ...pkg.contributes.snippets.map((s: { path: string }) => s.path),
    ];
    for (const f of files) assert.doesNotThrow(() => JSON.parse(readFileSync(join(root, f), 'utf8')), f);
    readFileSync(join(root, pkg.contributes.viewsContainers.activitybar[0].icon));
  });
});

describe('house rules', () => {
  it('src/core and src/shared never import vscode', () => {
    const offenders: string[] = [];
    for (const dir of ['src/core', 'src/shared']) {
      for (const f of readdirSync(join(root, dir), { recursive: true }).map(String)) {
        if (!f.endsWith('.ts')) continue;
        const text = readFileSync(join(root, dir, f), 'utf8');
        if (/from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)/.test(text)) offenders.push(`${dir}/${f}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
