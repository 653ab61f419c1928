import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic, HttpDocument } from '../../core/http/model';
import { Disposable } from '../../core/common/disposable';
import type { HttpDocuments } from './documents';
import type { EnvironmentNames } from './completion';

const SEVERITY: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Names a document defines besides file variables: prompts, script globals, named requests. */
function definedNames(parsed: HttpDocument): Set<string> {
  const names = new Set(parsed.fileVariables.map((v) => v.name));
  for (const r of parsed.requests) {
    if (r.name) names.add(r.name);
    for (const d of r.directives) if (d.name === 'prompt') names.add(d.value.trim().split(/\s+/)[0]);
    for (const s of [...r.handlers, ...r.preScripts]) {
      for (const m of s.source.matchAll(/(?:global|variables)\.set\(\s*["'`]([^"'`]+)["'`]/g)) names.add(m[1]);
    }
  }
  return names;
}

/**
 * Keeps the Problems view in step with each open .http file: what the parser could not read, and
 * `{{variables}}` that no file variable, environment, named request, prompt or script defines.
 */
export class HttpDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('apihook'));
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly docs: HttpDocuments, private readonly envNames: EnvironmentNames) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 200)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => { this.collection.delete(d.uri); this.docs.forget(d.uri); }));
    this._register({ dispose: () => { for (const t of this.timers.values()) clearTimeout(t); } });
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** Re-checks every open .http document (after the environment changed). */
  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(doc: vscode.TextDocument, ms: number): void {
    if (doc.languageId !== 'http') return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.update(doc); }, ms));
  }

  async update(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    const parsed = this.docs.get(doc);
    const out = parsed.diagnostics.map((d) => {
      const diag = new vscode.Diagnostic(new vscode.Range(d.line, d.startColumn, d.line, Math.max(d.endColumn, d.startColumn + 1)), d.message, SEVERITY[d.severity]);
      diag.code = d.code;
      diag.source = 'ApiHook';
      return diag;
    });
    const known = definedNames(parsed);
    for (const n of await this.envNames()) known.add(n);
    for (let line = 0; line < doc.lineCount; line++) {
      const text = doc.lineAt(line).text;
      for (const m of text.matchAll(/\{\{\s*([^}\s]+)[^}]*\}\}/g)) {
        const expr = m[1];
        if (expr.startsWith('$') || known.has(expr) || known.has(expr.split('.')[0])) continue;
        const start = (m.index ?? 0) + m[0].indexOf(expr);
        const diag = new vscode.Diagnostic(new vscode.Range(line, start, line, start + expr.length),
          `Unknown variable '${expr}': no file variable, environment, named request, prompt or script defines it.`, vscode.DiagnosticSeverity.Warning);
        diag.code = 'unresolved-variable';
        diag.source = 'ApiHook';
        out.push(diag);
      }
    }
    if (!doc.isClosed) this.collection.set(doc.uri, out);
    return out;
  }
}
