import * as vscode from 'vscode';
import type { RequestBlock } from '../../core/http/model';
import type { HttpDocuments } from './documents';

export function requestLabel(r: RequestBlock): string {
  return r.name ?? r.title ?? `${r.method} ${r.url}`;
}

/** Outline, breadcrumbs and "Go to Symbol": every request and file variable. */
export class HttpSymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly docs: HttpDocuments) {}

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const parsed = this.docs.get(doc);
    const out: vscode.DocumentSymbol[] = [];
    for (const v of parsed.fileVariables) {
      const r = doc.lineAt(v.line).range;
      out.push(new vscode.DocumentSymbol(`@${v.name}`, v.value, vscode.SymbolKind.Variable, r, r));
    }
    for (const req of parsed.requests) {
      const range = new vscode.Range(req.range.startLine, 0, req.range.endLine, doc.lineAt(Math.min(req.range.endLine, doc.lineCount - 1)).text.length);
      const sel = doc.lineAt(req.requestLine).range;
      out.push(new vscode.DocumentSymbol(requestLabel(req), `${req.method} ${req.url}`, vscode.SymbolKind.Method, range, sel));
    }
    return out.sort((a, b) => a.range.start.line - b.range.start.line);
  }
}
