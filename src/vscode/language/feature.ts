import * as vscode from 'vscode';
import { registerCommands } from '../commands/registry';
import type { Feature, FeatureDeps } from '../feature';
import { LanguageCommandIds } from './commandIds';
import { HttpCompletion } from './completion';
import { EnvironmentService } from '../http/environmentService';
import { HttpDefinitions } from './definition';
import { HttpDiagnostics } from './diagnostics';
import { HTTP_SELECTOR, HttpDocuments } from './documents';
import { HttpHover, type HoverServices } from './hover';
import { RequestsTree, type RequestsNode } from './requestsTree';
import { HttpSymbols } from './symbols';

/** The command that sends the request at the active editor's cursor (owned by the http feature). */
const SEND_AT_CURSOR = 'apihook.sendRequest';

export interface LanguageTestApi {
  requestsTree: RequestsTree;
  diagnostics: (uri: vscode.Uri) => Promise<vscode.Diagnostic[]>;
}

/** Language services for .http files (diagnostics, completion, definitions, outline) and the Requests view. */
export function registerLanguageFeature({ context, log }: FeatureDeps, responses: HoverServices['response'] = () => undefined): Feature<LanguageTestApi> {
  const docs = new HttpDocuments();
  const environments = EnvironmentService.for(context);
  const envNames = async () => [...(await environments.resolve(undefined)).variables.keys()];
  const diagnostics = new HttpDiagnostics(docs, envNames);
  const tree = new RequestsTree(SEND_AT_CURSOR);
  const view = vscode.window.createTreeView<RequestsNode>('apihook.requests', { treeDataProvider: tree, showCollapseAll: true });
  return {
    disposables: [
      diagnostics,
      tree,
      view,
      vscode.languages.registerDocumentSymbolProvider(HTTP_SELECTOR, new HttpSymbols(docs)),
      vscode.languages.registerDefinitionProvider(HTTP_SELECTOR, new HttpDefinitions(docs)),
      vscode.languages.registerHoverProvider(HTTP_SELECTOR, new HttpHover(docs, { environment: (uri) => environments.resolve(uri), response: responses })),
      environments.onDidChange(() => diagnostics.refreshAll()),
      environments.onDidChangeEnvironments(() => diagnostics.refreshAll()),
      vscode.languages.registerCompletionItemProvider(HTTP_SELECTOR, new HttpCompletion(docs, envNames), '{', ':', ' ', '$'),
      ...registerCommands(LanguageCommandIds, {
        [LanguageCommandIds.refreshRequests]: () => tree.refresh(true),
        [LanguageCommandIds.sendFromTree]: async (node?: RequestsNode) => {
          if (!node || node.kind !== 'request') return;
          const editor = await vscode.window.showTextDocument(node.uri, { preview: false });
          const at = new vscode.Position(node.request.requestLine, 0);
          editor.selection = new vscode.Selection(at, at);
          return vscode.commands.executeCommand(SEND_AT_CURSOR);
        },
      }, log),
    ],
    testApi: {
      requestsTree: tree,
      diagnostics: async (uri) => diagnostics.update(await vscode.workspace.openTextDocument(uri)),
    },
  };
}
