import * as vscode from 'vscode';
import { registerCommands } from '../commands/registry';
import type { HttpResponse } from '../../core/http/model';
import type { Feature, FeatureDeps } from '../feature';
import { SendCodeLensProvider } from './codeLens';
import { HttpCommandIds } from './commandIds';
import { HttpController, type HttpTestApi } from './controller';
import { EnvironmentStatusItem, switchEnvironment } from './environmentPicker';
import { EnvironmentService } from './environmentService';
import { ResponsePanels } from './responsePanel';
import { SendService } from './sendService';

export interface HttpFeature extends Feature<HttpTestApi> {
  /** every request that finished (Send Request, Send All, dependencies): the Test Explorer reports them */
  onDidSend: SendService['onDidSend'];
  /** `client.global` of this window, for the Test Explorer's runs */
  globals: SendService['globals'];
  /** the last response of a named request in this session (hovers show chained values from it) */
  responseOf(name: string): HttpResponse | undefined;
}

/** Builds and wires the http feature: CodeLens, send commands, response panel, environments, history. */
export function registerHttpFeature({ context, log }: FeatureDeps): HttpFeature {
  const environments = EnvironmentService.for(context);
  const send = new SendService(log, environments);
  const panels = new ResponsePanels(context.extensionUri);
  const lenses = new SendCodeLensProvider((d) => send.parse(d));
  const status = new EnvironmentStatusItem(environments);
  const controller = new HttpController(send, panels, lenses, context.workspaceState, log);
  const named = new Map<string, HttpResponse>();
  return {
    onDidSend: send.onDidSend,
    globals: send.globals,
    responseOf: (name) => named.get(name),
    disposables: [
      send.onDidSend((o) => { if (o.result.name && o.response) named.set(o.result.name, o.response); }),
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
