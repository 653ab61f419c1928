import * as vscode from 'vscode';
import { type HttpDocuments, variableAt } from './documents';

/** Go to Definition on `{{var}}` (its `@var =` line) and `{{login.response…}}` (the request named login). */
export class HttpDefinitions implements vscode.DefinitionProvider {
  constructor(private readonly docs: HttpDocuments) {}

  provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): vscode.Location | undefined {
    const v = variableAt(doc, pos);
    if (!v || v.expr.startsWith('$')) return undefined;
    const parsed = this.docs.get(doc);
    const head = v.expr.split('.')[0];
    const fileVar = [...parsed.fileVariables].reverse().find((f) => f.name === v.expr) ?? parsed.fileVariables.find((f) => f.name === head);
    if (fileVar) return new vscode.Location(doc.uri, doc.lineAt(fileVar.line).range);
    const named = parsed.requests.find((r) => r.name === head);
    if (named) return new vscode.Location(doc.uri, doc.lineAt(named.requestLine).range);
    return undefined;
  }
}
