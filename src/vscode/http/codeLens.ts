import * as vscode from 'vscode';
import type { HttpDocument } from '../../core/http/model';
import { HttpCommandIds } from './commandIds';
import { codeLensEnabled } from './settings';

/** "Send Request" above each request, "Send All" on the first, and the last assertion summary. */
export class SendCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** uri → request line → summary of the last run's assertions */
  private readonly summaries = new Map<string, Map<number, string>>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly parse: (d: vscode.TextDocument) => HttpDocument) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('apihook.codeLens.enabled')) this.changed.fire(); }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // lines may have moved: forget the summaries of an edited document
        if (e.contentChanges.length && this.summaries.delete(e.document.uri.toString())) this.changed.fire();
      }),
    );
  }

  setSummary(uri: vscode.Uri, line: number, summary: string | undefined): void {
    const key = uri.toString();
    const m = this.summaries.get(key) ?? new Map<number, string>();
    if (summary) m.set(line, summary); else m.delete(line);
    this.summaries.set(key, m);
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!codeLensEnabled()) return [];
    const doc = this.parse(document);
    const lenses: vscode.CodeLens[] = [];
    const summaries = this.summaries.get(document.uri.toString());
    doc.requests.forEach((r, i) => {
      const range = new vscode.Range(r.requestLine, 0, r.requestLine, 0);
      lenses.push(new vscode.CodeLens(range, { title: '$(play) Send Request', command: HttpCommandIds.sendRequest, arguments: [document.uri, r.requestLine], tooltip: `Send ${r.method} ${r.url}` }));
      if (i === 0) {
        lenses.push(new vscode.CodeLens(range, { title: '$(run-all) Send All', command: HttpCommandIds.sendAllRequests, arguments: [document.uri], tooltip: `Send the ${doc.requests.length} requests of this file in order` }));
      }
      const summary = summaries?.get(r.requestLine);
      if (summary) lenses.push(new vscode.CodeLens(range, { title: summary, command: '', tooltip: 'Assertions of the last run' }));
    });
    return lenses;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
