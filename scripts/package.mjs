// `npm run package`: makes apihook-<version>.vsix with @vscode/vsce (everything is bundled, so no
// node_modules go in; .vscodeignore keeps sources and tests out) and prints its size and the size
// of dist/extension.js.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, `${pkg.name}-${pkg.version}.vsix`);
const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
const kb = (f) => `${(statSync(f).size / 1024).toFixed(1)} KB`;
console.log(`vsix: ${out} ${kb(out)}`);
console.log(`dist/extension.js: ${kb(join(root, 'dist/extension.js'))} (budget 500 KB minified)`);
