import * as path from 'node:path';
import * as vscode from 'vscode';
import { createNodeVariableHost, describeVariable, type ResolvedEnvironment } from '../../core/http/variables';
import type { HttpResponse } from '../../core/http/model';
import { type HttpDocuments, variableAt } from './documents';

export interface HoverServices {
  environment(uri: vscode.Uri): Promise<ResolvedEnvironment>;
  /** the last response of a named request, when one was sent in this session */
  response(name: string): HttpResponse | undefined;
}

/** Hover on `{{variable}}`: its resolved value and where it came from; secret-looking names masked. */
export class HttpHover implements vscode.HoverProvider {
  constructor(private readonly docs: HttpDocuments, private readonly services: HoverServices) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const v = variableAt(doc, pos);
    if (!v) return undefined;
    const d = await describeVariable(this.docs.get(doc), v.expr, {
      environment: await this.services.environment(doc.uri),
      host: createNodeVariableHost({ baseDir: path.dirname(doc.uri.fsPath), getResponse: (n) => this.services.response(n) }),
      line: pos.line,
    });
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**{{${v.expr}}}**\n\n`);
    if (d.value !== undefined) {
      md.appendCodeblock(d.value.length > 500 ? `${d.value.slice(0, 500)}…` : d.value, 'text');
      md.appendMarkdown(`from ${d.sourceText}${d.masked ? ' · masked: the name looks like a secret' : ''}`);
    } else {
      md.appendMarkdown(`$(warning) ${d.problem ?? 'cannot be resolved'}`);
      md.supportThemeIcons = true;
    }
    return new vscode.Hover(md, v.range);
  }
}
