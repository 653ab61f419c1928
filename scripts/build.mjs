// Builds every bundle with esbuild:
//   dist/extension.js  the extension (node, cjs, `vscode` external)
//   dist/cli.js        the `apihook` command (node, cjs, shebang)
//   dist/webviews/*.js browser bundles, one per folder in src/webviews/ that has a main.ts
//   out/test/integration/*.js  the integration suite, loaded by the extension host
// Flags: --watch (rebuild on change, with source maps), --dev (no minify). Prints each size.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, statSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { engineEntry, lazyEnginePlugin } from './lazyEngine.mjs';

const root = new URL('..', import.meta.url).pathname;
const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const common = { bundle: true, minify: !dev, sourcemap: dev ? 'linked' : false, logLevel: 'warning', legalComments: 'none', absWorkingDir: root };

const webviewEntries = existsSync(join(root, 'src/webviews'))
  ? readdirSync(join(root, 'src/webviews'))
      .filter((d) => existsSync(join(root, 'src/webviews', d, 'main.ts')))
      .map((d) => ({ in: `src/webviews/${d}/main.ts`, out: d }))
  : [];

function listTests(dir) {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

const builds = [
  // The extension: small, so activation is quick; network and data code loads from engine.js on first use.
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', './engine.js'], plugins: [lazyEnginePlugin(root)] },
  { ...common, stdin: engineEntry(root), outfile: 'dist/engine.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  ...(webviewEntries.length ? [{ ...common, entryPoints: webviewEntries, outdir: 'dist/webviews', platform: 'browser', format: 'iife', target: 'es2022' }] : []),
  { ...common, minify: false, sourcemap: 'inline', entryPoints: listTests('test/integration'), outdir: 'out/test/integration', outbase: 'test/integration', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'] },
];

function sizes() {
  const out = [];
  for (const f of ['dist/extension.js', 'dist/engine.js', 'dist/cli.js']) if (existsSync(join(root, f))) out.push(`${f} ${(statSync(join(root, f)).size / 1024).toFixed(1)} KB`);
  if (existsSync(join(root, 'dist/webviews'))) for (const f of readdirSync(join(root, 'dist/webviews'))) if (f.endsWith('.js')) out.push(`dist/webviews/${f} ${(statSync(join(root, 'dist/webviews', f)).size / 1024).toFixed(1)} KB`);
  return out.join(', ');
}

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context({ ...b, plugins: [{ name: 'report', setup(build) { build.onEnd((r) => console.log(`[watch] ${relative(root, b.outfile ?? b.outdir)}: ${r.errors.length ? `${r.errors.length} error(s)` : 'built'}`)); } }] });
    await ctx.watch();
  }
  console.log('[watch] watching for changes (Ctrl+C stops)');
} else {
  // a fresh dist/: no stale bundle or source map from an earlier --dev build reaches the .vsix
  rmSync(join(root, 'out/test/integration'), { recursive: true, force: true });
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  mkdirSync(join(root, 'dist'), { recursive: true });
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`[build] ${dev ? 'dev' : 'production'}: ${sizes()}`);
}
