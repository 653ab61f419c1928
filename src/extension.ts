import * as vscode from 'vscode';
import { GeneralCommandIds } from './vscode/commands/ids';
import { registerCommands } from './vscode/commands/registry';
import { registerDiscordFeature } from './vscode/discord/feature';
import { registerHttpFeature } from './vscode/http/feature';
import { registerLanguageFeature } from './vscode/language/feature';
import { registerTestingFeature } from './vscode/testing/feature';
import { newRequestFile } from './vscode/newRequestFile';
import { registerWebhookFeature } from './vscode/webhook/feature';

/** What activate() returns: the version, and per feature an object the integration tests read. */
export interface ApiHookApi {
  readonly version: string;
  readonly testing: { http?: unknown; webhook?: unknown; discord?: unknown; language?: unknown; testing?: unknown };
}

/** Composition root: builds objects, wires them, hands every disposable to VS Code. Nothing else. */
export function activate(context: vscode.ExtensionContext): ApiHookApi {
  const log = vscode.window.createOutputChannel('ApiHook', { log: true });
  context.subscriptions.push(log);
  const deps = { context, log };

  context.subscriptions.push(
    ...registerCommands(GeneralCommandIds, {
      [GeneralCommandIds.showLog]: () => log.show(),
      [GeneralCommandIds.newRequestFile]: () => newRequestFile(),
    }, log),
  );
  const http = registerHttpFeature(deps);
  const webhook = registerWebhookFeature(deps);
  const discord = registerDiscordFeature(deps);
  const language = registerLanguageFeature(deps, http.responseOf);
  const testing = registerTestingFeature(deps, http.onDidSend, http.globals);
  for (const f of [http, webhook, discord, language, testing]) context.subscriptions.push(...f.disposables);

  const version = String(context.extension.packageJSON.version);
  log.info(`ApiHook ${version} activated (VS Code ${vscode.version}, Node ${process.version})`);
  return { version, testing: { http: http.testApi, webhook: webhook.testApi, discord: discord.testApi, language: language.testApi, testing: testing.testApi } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
