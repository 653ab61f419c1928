/**
 * Builds the core runner's services for a Test Explorer run from what the http glue exports: the
 * editor resolver with the selected environment, the sender with the user's settings.
 *
 * Adapter note: the http feature's SendService builds the same services but keeps them private
 * (and its `client.global` store too); this is the minimal stand-in until it exposes a factory.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { Logger } from '../../core/common/logger';
import type { RunnerServices } from '../../core/http/run/runner';
import type { GlobalStore } from '../../core/http/scripts/globalStore';
import { HttpSender, maskUrl } from '../../core/http/send';
import { createEditorResolver } from '../http/editorResolver';
import type { EnvironmentService } from '../http/environmentService';
import { requestSettings, senderOptions } from '../http/settings';

export function loggerOf(log: vscode.LogOutputChannel, verbose = false): Logger {
  return {
    trace: (m, ...a) => log.trace(m, ...a),
    debug: (m, ...a) => (verbose ? log.info(m, ...a) : log.debug(m, ...a)),
    info: (m, ...a) => log.info(m, ...a),
    warn: (m, ...a) => log.warn(m, ...a),
    error: (m, ...a) => log.error(m, ...a),
  };
}

export interface EditorRunner {
  services: RunnerServices;
  /** per-request timeout from `apihook.request.timeout`, undefined for none */
  timeout: number | undefined;
  dispose(): void;
}

/** Runner services for the .http file at `uri` (its environment), sharing `globals` across runs. */
export async function createEditorRunner(uri: vscode.Uri, deps: { environments: EnvironmentService; globals: GlobalStore; log: vscode.LogOutputChannel; verbose: boolean }): Promise<EditorRunner> {
  const environment = await deps.environments.resolve(uri);
  const settings = requestSettings();
  const logger = loggerOf(deps.log, deps.verbose);
  const sender = new HttpSender({ ...(await senderOptions()), logger });
  const resolver = createEditorResolver({
    environment,
    prompt: (name, description, secret) => Promise.resolve(vscode.window.showInputBox({ title: `Value for {{${name}}}`, prompt: description ?? `The request asks for '${name}' (# @prompt).`, password: secret, ignoreFocusOut: true })),
  });
  const services: RunnerServices = {
    host: {
      readFile: (f) => readFile(f),
      writeFile: async (f, d) => { await mkdir(path.dirname(f), { recursive: true }); await writeFile(f, d); },
      exists: async (f) => existsSync(f),
      now: () => performance.now(),
      allowScripts: vscode.workspace.isTrusted,
      logger,
    },
    resolver,
    sender: {
      send: async (request, opts) => {
        if (deps.verbose) deps.log.info(`[test] ${request.method} ${maskUrl(request.url)}`);
        const response = await sender.send(request, { ...opts, followRedirects: opts.followRedirects !== false && settings.followRedirects });
        if (deps.verbose) deps.log.info(`[test] ← ${response.status} ${response.statusText} (${Math.round(response.timings.total)} ms)`);
        return response;
      },
    },
    globals: deps.globals,
  };
  return { services, timeout: settings.timeout || undefined, dispose: () => sender.dispose() };
}
