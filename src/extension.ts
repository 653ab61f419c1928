import * as vscode from 'vscode';
import { CommandIds } from './vscode/commands/ids';
import { registerCommands } from './vscode/commands/registry';
import { EmptyTree } from './vscode/views/emptyTree';
import { newRequestFile } from './vscode/newRequestFile';

/** What activate() returns: used by the integration tests, stable for other extensions. */
export interface ApiHookApi {
  readonly version: string;
}

/** Composition root: builds objects, wires them, hands every disposable to VS Code. Nothing else. */
export function activate(context: vscode.ExtensionContext): ApiHookApi {
  const log = vscode.window.createOutputChannel('ApiHook', { log: true });
  context.subscriptions.push(log);

  context.subscriptions.push(
    ...registerCommands(
      {
        [CommandIds.showLog]: () => log.show(),
        [CommandIds.newRequestFile]: () => newRequestFile(),
      },
      log,
    ),
    vscode.window.registerTreeDataProvider('apihook.requests', new EmptyTree()),
    vscode.window.registerTreeDataProvider('apihook.webhooks', new EmptyTree()),
    vscode.window.registerTreeDataProvider('apihook.discord', new EmptyTree()),
  );

  const version = String(context.extension.packageJSON.version);
  log.info(`ApiHook ${version} activated (VS Code ${vscode.version}, Node ${process.version})`);
  return { version };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
