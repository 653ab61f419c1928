import * as vscode from 'vscode';
import type { HttpDocument } from '../../core/http/model';
import { createParseCache } from '../../core/http/parse';
import { variableAt as variableAtColumn } from '../../core/http/variables/describe';

/** Parses open .http documents once per version; every provider asks here. */
export class HttpDocuments {
  private readonly cache = createParseCache(200);

  get(doc: vscode.TextDocument): HttpDocument {
    return this.cache.get(doc.uri.toString(), doc.version, () => doc.getText());
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }
}

export const HTTP_SELECTOR: vscode.DocumentSelector = [{ language: 'http' }];

/** `{{name}}` or `{{name.response.body.$.x}}` under the position, with the range of the name. */
export function variableAt(doc: vscode.TextDocument, pos: vscode.Position): { expr: string; range: vscode.Range } | undefined {
  const line = doc.lineAt(pos.line).text;
  const found = variableAtColumn(line, pos.character);
  if (!found?.expr) return undefined;
  const start = line.indexOf(found.expr, found.start + 2);
  return { expr: found.expr, range: new vscode.Range(pos.line, start, pos.line, start + found.expr.length) };
}
