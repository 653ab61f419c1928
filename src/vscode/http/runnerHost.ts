import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { Logger } from '../../core/common/logger';
import type { RunnerHost } from '../../core/http/run/ports';

/** The core Logger port on the ApiHook log; `verbose` lifts debug lines to info (the Debug test profile). */
export function loggerOf(log: vscode.LogOutputChannel, verbose = false): Logger {
  return {
    trace: (m, ...a) => log.trace(m, ...a),
    debug: (m, ...a) => (verbose ? log.info(m, ...a) : log.debug(m, ...a)),
    info: (m, ...a) => log.info(m, ...a),
    warn: (m, ...a) => log.warn(m, ...a),
    error: (m, ...a) => log.error(m, ...a),
  };
}

/** The runner's host in the editor: real files, a monotonic clock, scripts only in a trusted workspace. */
export function editorRunnerHost(logger: Logger): RunnerHost {
  return {
    readFile: (f) => readFile(f),
    writeFile: async (f, d) => { await mkdir(path.dirname(f), { recursive: true }); await writeFile(f, d); },
    exists: async (f) => existsSync(f),
    now: () => performance.now(),
    allowScripts: vscode.workspace.isTrusted,
    logger,
  };
}

/** Asks for a `# @prompt` value; undefined when the person cancels. */
export async function promptFor(name: string, description: string | undefined, secret: boolean): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: `Value for {{${name}}}`, prompt: description ?? `The request asks for '${name}' (# @prompt).`, password: secret, ignoreFocusOut: true });
}
