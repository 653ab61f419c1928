import * as vscode from 'vscode';
import { KNOWN_METHODS } from '../../core/http/parse';
import type { HttpDocuments } from './documents';

const HEADERS = ['Accept', 'Accept-Encoding', 'Accept-Language', 'Authorization', 'Cache-Control', 'Connection', 'Content-Length',
  'Content-Type', 'Cookie', 'Host', 'If-Match', 'If-Modified-Since', 'If-None-Match', 'Origin', 'Prefer', 'Referer', 'User-Agent',
  'X-Api-Key', 'X-Request-Id', 'X-Request-Type', 'X-Requested-With'];
const MIME = ['application/json', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain',
  'text/html', 'text/xml', 'application/graphql', 'application/octet-stream', 'application/problem+json'];
const SYSTEM = ['$guid', '$uuid', '$randomInt 1 100', '$timestamp', '$isoTimestamp', '$datetime iso8601', '$datetime rfc1123',
  '$localDatetime iso8601', '$processEnv NAME', '$dotenv NAME', '$random.uuid', '$random.integer(1, 100)', '$random.email'];

/** Supplies the names of environment variables of every environment (from the environment service). */
export type EnvironmentNames = () => Promise<string[]> | string[];

/** Completion for methods, header names, MIME types and `{{variables}}` from every source. */
export class HttpCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly docs: HttpDocuments, private readonly envNames: EnvironmentNames) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
    const before = doc.lineAt(pos.line).text.slice(0, pos.character);
    const open = before.lastIndexOf('{{');
    if (open >= 0 && before.indexOf('}}', open) < 0) return this.variables(doc, before.slice(open + 2));
    if (/^\s*content-type:\s*\S*$/i.test(before)) return MIME.map((m) => new vscode.CompletionItem(m, vscode.CompletionItemKind.EnumMember));
    if (/^[A-Za-z-]*$/.test(before)) {
      const parsed = this.docs.get(doc);
      const inHeaders = parsed.requests.some((r) => r.requestLine < pos.line && pos.line <= r.range.endLine &&
        (r.body.kind === 'none' || ('range' in r.body && pos.line < r.body.range.startLine)));
      if (inHeaders) return HEADERS.map((h) => Object.assign(new vscode.CompletionItem(h, vscode.CompletionItemKind.Field), { insertText: `${h}: ` }));
      return [...KNOWN_METHODS].map((m) => Object.assign(new vscode.CompletionItem(m, vscode.CompletionItemKind.Keyword), { insertText: `${m} ` }));
    }
    return [];
  }

  private async variables(doc: vscode.TextDocument, typed: string): Promise<vscode.CompletionItem[]> {
    const parsed = this.docs.get(doc);
    const items = new Map<string, vscode.CompletionItem>();
    const add = (label: string, kind: vscode.CompletionItemKind, detail: string) => {
      if (!items.has(label)) items.set(label, Object.assign(new vscode.CompletionItem(label, kind), { detail }));
    };
    for (const v of parsed.fileVariables) add(v.name, vscode.CompletionItemKind.Variable, 'file variable');
    for (const n of await this.envNames()) add(n, vscode.CompletionItemKind.Constant, 'environment variable');
    for (const r of parsed.requests) if (r.name) {
      add(`${r.name}.response.body.$.`, vscode.CompletionItemKind.Reference, `response of request ${r.name}`);
      add(`${r.name}.response.headers.`, vscode.CompletionItemKind.Reference, `response headers of request ${r.name}`);
    }
    if (typed.trimStart().startsWith('$') || typed.trim() === '') for (const s of SYSTEM) add(s, vscode.CompletionItemKind.Function, 'system variable');
    return [...items.values()];
  }
}
