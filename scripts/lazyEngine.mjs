// Keeps dist/extension.js small and activation fast: every src/core module that imports one of the
// heavy network/data libraries below is moved out of the extension bundle into dist/engine.js, and the
// extension gets, in its place, a stand-in whose exports load dist/engine.js on first use. Code keeps
// importing core modules normally; only the bundle layout changes. (The CLI bundle is not split.)
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const HEAVY = ['undici', 'tough-cookie', 'xpath', '@xmldom/xmldom', 'jsonpath-plus'];
// `from 'undici'`, `require('undici/lib/…')`: a package or any file inside it
const importsHeavy = new RegExp(`(?:from|require\\()\\s*['"](${HEAVY.map((h) => h.replace(/[/@.-]/g, '\\$&')).join('|')})(?:/[^'"]*)?['"]`);

/** src/core files (absolute paths) that import a heavy library directly. */
export function heavyModules(root) {
  const dir = join(root, 'src/core');
  return readdirSync(dir, { recursive: true }).map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f))
    .filter((f) => importsHeavy.test(readFileSync(f, 'utf8')));
}

async function exportNames(file) {
  const r = await esbuild.build({ entryPoints: [file], bundle: true, write: false, format: 'esm', platform: 'node', packages: 'external', metafile: true, logLevel: 'silent' });
  return Object.values(r.metafile.outputs)[0].exports;
}

/** esbuild plugin for the extension bundle: heavy core modules become lazy stand-ins. */
export function lazyEnginePlugin(root) {
  const heavy = new Set(heavyModules(root));
  return {
    name: 'lazy-engine',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData?.lazyEngine) return undefined;
        const r = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { lazyEngine: true } });
        if (r.errors.length || !heavy.has(r.path)) return undefined;
        return { path: r.path, namespace: 'lazy-engine' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-engine' }, async (args) => {
        const key = relative(root, args.path);
        const names = await exportNames(args.path);
        const contents = `let ns;
const load = () => ns || (ns = require('./engine.js')[${JSON.stringify(key)}]);
for (const name of ${JSON.stringify(names)}) Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });
`;
        return { contents, loader: 'js', resolveDir: root };
      });
    },
  };
}

/** The entry of dist/engine.js: every heavy module, by its path relative to the project. */
export function engineEntry(root) {
  const lines = heavyModules(root).map((f) => `  ${JSON.stringify(relative(root, f))}: require(${JSON.stringify(f)}),`);
  return { contents: `module.exports = {\n${lines.join('\n')}\n};\n`, resolveDir: root, loader: 'js', sourcefile: 'engine-entry.js' };
}
