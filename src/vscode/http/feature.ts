import * as vscode from 'vscode';
import { registerCommands } from '../commands/registry';
import type { Feature, FeatureDeps } from '../feature';
import { SendCodeLensProvider } from './codeLens';
import { HttpCommandIds } from './commandIds';
import { HttpController, type HttpTestApi } from './controller';
import { EnvironmentStatusItem, switchEnvironment } from './environmentPicker';
import { EnvironmentService } from './environmentService';
import { ResponsePanels } from './responsePanel';
import { SendService } from './sendService';

/** Builds and wires the http feature: CodeLens, send commands, response panel, environments, history. */
export function registerHttpFeature({ context, log }: FeatureDeps): Feature<HttpTestApi> {
  const environments = EnvironmentService.for(context);
  const send = new SendService(log, environments);
  const panels = new ResponsePanels(context.extensionUri);
  const lenses = new SendCodeLensProvider((d) => send.parse(d));
  const status = new EnvironmentStatusItem(environments);
  const controller = new HttpController(send, panels, lenses, context.workspaceState, log);
  return {
    disposables: [
      send, panels, lenses, status,
      vscode.languages.registerCodeLensProvider({ language: 'http' }, lenses),
      ...registerCommands(HttpCommandIds, {
        [HttpCommandIds.sendRequest]: (uri?: unknown, line?: unknown) => controller.sendRequest(uri, line),
        [HttpCommandIds.sendAllRequests]: (uri?: unknown) => controller.sendAll(uri),
        [HttpCommandIds.cancelRequest]: () => controller.cancel(),
        [HttpCommandIds.switchEnvironment]: (name?: string | null) => switchEnvironment(environments, name),
        [HttpCommandIds.showHistory]: (id?: string, action?: 'open' | 'resend') => controller.showHistory(id, action),
        [HttpCommandIds.clearHistory]: () => controller.history.clear(),
      }, log),
    ],
    testApi: controller.testApi(() => environments.current, () => status.text, () => environments.list()),
  };
}
