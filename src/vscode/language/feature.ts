import * as vscode from 'vscode';
import { registerCommands } from '../commands/registry';
import type { Feature, FeatureDeps } from '../feature';
import { LanguageCommandIds } from './commandIds';
import { HttpCompletion, type EnvironmentNames } from './completion';
import { HttpDefinitions } from './definition';
import { HttpDiagnostics } from './diagnostics';
import { HTTP_SELECTOR, HttpDocuments } from './documents';
import { RequestsTree, type RequestsNode } from './requestsTree';
import { HttpSymbols } from './symbols';

/** The command that sends the request at the active editor's cursor (owned by the http feature). */
const SEND_AT_CURSOR = 'apihook.sendRequest';

export interface LanguageTestApi {
  requestsTree: RequestsTree;
  diagnostics: (uri: vscode.Uri) => Promise<vscode.Diagnostic[]>;
}

/** Language services for .http files (diagnostics, completion, definitions, outline) and the Requests view. */
export function registerLanguageFeature({ log }: FeatureDeps, envNames: EnvironmentNames = () => []): Feature<LanguageTestApi> {
  const docs = new HttpDocuments();
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
