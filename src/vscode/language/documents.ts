import * as vscode from 'vscode';
import type { HttpDocument } from '../../core/http/model';
import { createParseCache } from '../../core/http/parse';

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

/** `{{name}}` or `{{name.response.body.$.x}}` under the position, with its range. */
export function variableAt(doc: vscode.TextDocument, pos: vscode.Position): { expr: string; range: vscode.Range } | undefined {
  const line = doc.lineAt(pos.line).text;
  let start = line.lastIndexOf('{{', pos.character);
  if (start < 0) return undefined;
  const end = line.indexOf('}}', start + 2);
  if (end < 0 || pos.character > end + 2 || pos.character < start) return undefined;
  const expr = line.slice(start + 2, end).trim();
  start = line.indexOf(expr, start);
  return expr ? { expr, range: new vscode.Range(pos.line, start, pos.line, start + expr.length) } : undefined;
}
