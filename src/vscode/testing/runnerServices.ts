/**
 * Builds the core runner's services for a Test Explorer run from what the http glue exports: the
 * editor resolver with the selected environment, the sender with the user's settings, the runner
 * host, and the window's one `client.global` store (shared with Send Request).
 */
import * as vscode from 'vscode';
import type { RunnerServices } from '../../core/http/run/runner';
import type { GlobalStore } from '../../core/http/scripts/globalStore';
import { HttpSender, maskUrl } from '../../core/http/send';
import { createEditorResolver } from '../http/editorResolver';
import type { EnvironmentService } from '../http/environmentService';
import { editorRunnerHost, loggerOf, promptFor } from '../http/runnerHost';
import { requestSettings, senderOptions } from '../http/settings';

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
    prompt: promptFor,
  });
  const services: RunnerServices = {
    host: editorRunnerHost(logger),
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
