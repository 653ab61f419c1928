// Entry point the VS Code extension host loads (extensionTestsPath): runs every *.test.js beside
// it with mocha, writes a small JSON summary for the launcher (test/host/run.mjs), and rejects on
// failure so the host exits non-zero.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec', grep: process.env.APIHOOK_TEST_GREP });
  for (const f of fs.readdirSync(__dirname, { recursive: true }).map(String).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  const failed: Array<{ title: string; error: string }> = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats ?? { passes: 0, failures: 0, pending: 0, tests: 0 };
      const summary = { passes: s.passes, failures: s.failures, pending: s.pending, tests: s.tests, vscodeVersion: vscode.version, node: process.version, failed };
      if (process.env.APIHOOK_TEST_RESULTS) fs.writeFileSync(process.env.APIHOOK_TEST_RESULTS, JSON.stringify(summary, null, 2));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('fail', (t, err) => failed.push({ title: t.fullTitle(), error: String(err?.message ?? err) }));
  });
}
