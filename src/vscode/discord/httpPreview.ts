import * as path from 'node:path';
import * as vscode from 'vscode';
import { UserFacingError } from '../../core/common/errors';
import { validatePayload } from '../../core/discord/validate';
import type { DiscordPreviewContent } from '../../shared/protocol/discordPreview';
import { findDiscordRequests, locateJsonPath, positionAt, requestAtLine, type DiscordHttpRequest } from './httpDiscord';
import type { DiscordPreviewPanel } from './previewPanel';

const DEBOUNCE_MS = 200;

/**
 * Discord requests in `.http` files: validation errors as diagnostics on their JSON bodies (collection
 * 'apihook-discord', each on the key its JSON path names), and a live preview of the request under the
 * cursor that follows the document as it changes.
 */
export class HttpDiscordWatcher implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('apihook-discord');
  private readonly subs: vscode.Disposable[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** the document the preview follows, and which of its Discord requests (by index) */
  private following: { uri: string; index: number } | undefined;
  /** the Discord requests of each open document, by version, so cursor moves do not re-parse */
  private readonly parsed = new Map<string, { version: number; requests: DiscordHttpRequest[] }>();

  constructor(private readonly preview: DiscordPreviewPanel) {
    this.subs.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.diagnostics.delete(d.uri);
        this.parsed.delete(d.uri.toString());
        this.cancel(d.uri.toString());
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e)),
      preview.onDidClose(() => { this.following = undefined; }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('apihook.discord.validateHttpRequests')) for (const d of vscode.workspace.textDocuments) this.schedule(d);
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  /** Validates the Discord requests of `doc` now and updates the preview if it follows `doc`. */
  refresh(doc: vscode.TextDocument): DiscordHttpRequest[] {
    if (doc.languageId !== 'http') return [];
    const requests = this.requestsOf(doc);
    const diags: vscode.Diagnostic[] = [];
    if (vscode.workspace.getConfiguration('apihook.discord').get<boolean>('validateHttpRequests') !== false) {
      for (const r of requests) diags.push(...this.diagnose(r));
    }
    this.diagnostics.set(doc.uri, diags);
    const following = this.followed(doc.uri);
    if (following) {
      const editor = vscode.window.activeTextEditor;
      const atCursor = editor?.document === doc ? requestAtLine(requests, editor.selection.active.line) : undefined;
      const index = atCursor ? requests.indexOf(atCursor) : Math.min(following.index, requests.length - 1);
      if (index >= 0) {
        following.index = index;
        this.preview.show(this.contentFor(doc, requests[index]), { reveal: false, by: this });
      }
    }
    return requests;
  }

  /** "Preview Discord Message" in an .http editor: the Discord request under the cursor, followed live. */
  previewAtCursor(editor: vscode.TextEditor): void {
    const requests = this.refresh(editor.document);
    const line = editor.selection.active.line;
    const r = requestAtLine(requests, line) ?? (requests.length === 1 ? requests[0] : undefined);
    if (!r) {
      throw new UserFacingError(
        requests.length ? 'The cursor is not in a request to a Discord webhook.' : 'This file has no request that POSTs JSON to a Discord webhook URL.',
        'discord.no-request-at-cursor',
        'Put the cursor in a POST to https://discord.com/api/webhooks/… (or {{discordWebhookUrl}}) with a JSON body; ApiHook: New Discord Request writes one.',
      );
    }
    this.following = { uri: editor.document.uri.toString(), index: requests.indexOf(r) };
    this.preview.show(this.contentFor(editor.document, r), { by: this });
  }

  /** what the preview follows in `uri`, if it follows that document; it follows nothing once the panel shows something else (a sample, a recent send) */
  private followed(uri: vscode.Uri): { uri: string; index: number } | undefined {
    if (this.following && !this.preview.isShowing(this)) this.following = undefined;
    return this.following?.uri === uri.toString() ? this.following : undefined;
  }

  private onSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    const following = this.followed(e.textEditor.document.uri);
    if (!following) return;
    const requests = this.requestsOf(e.textEditor.document);
    const r = requestAtLine(requests, e.selections[0].active.line);
    if (!r || requests.indexOf(r) === following.index) return;
    following.index = requests.indexOf(r);
    this.preview.show(this.contentFor(e.textEditor.document, r), { reveal: false, by: this });
  }

  private requestsOf(doc: vscode.TextDocument): DiscordHttpRequest[] {
    const key = doc.uri.toString();
    const hit = this.parsed.get(key);
    if (hit?.version === doc.version) return hit.requests;
    const requests = findDiscordRequests(doc.getText());
    this.parsed.set(key, { version: doc.version, requests });
    return requests;
  }

  private diagnose(r: DiscordHttpRequest): vscode.Diagnostic[] {
    const at = (offset: number, length: number) => {
      const a = positionAt(r.bodyText, offset);
      const b = positionAt(r.bodyText, offset + length);
      return new vscode.Range(r.bodyStartLine + a.line, a.character, r.bodyStartLine + b.line, b.character);
    };
    if (r.parseError) {
      const d = new vscode.Diagnostic(at(r.parseError.offset, r.parseError.length), `Discord message body is not JSON (${r.parseError.message}); Discord would refuse it.`, vscode.DiagnosticSeverity.Warning);
      d.source = 'ApiHook Discord';
      return [d];
    }
    const result = validatePayload(r.payload, { mode: r.method === 'PATCH' ? 'edit' : 'execute' });
    return result.issues.map((issue) => {
      const loc = locateJsonPath(r.bodyText, issue.path);
      const d = new vscode.Diagnostic(at(loc.offset, loc.length), `${issue.path ? `${issue.path}: ` : ''}${issue.message}`, vscode.DiagnosticSeverity.Error);
      d.source = 'ApiHook Discord';
      d.code = issue.code;
      return d;
    });
  }

  private contentFor(doc: vscode.TextDocument, r: DiscordHttpRequest): DiscordPreviewContent {
    const source = `${path.basename(doc.uri.path) || doc.uri.toString()}, request at line ${r.requestLine + 1} (live)`;
    if (r.parseError) return { payload: {}, source, parseError: r.parseError.message };
    const result = validatePayload(r.payload, { mode: r.method === 'PATCH' ? 'edit' : 'execute' });
    return { payload: r.payload, source, issues: result.issues.map((i) => ({ path: i.path, message: i.message })) };
  }

  private schedule(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'http') return;
    const key = doc.uri.toString();
    this.cancel(key);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!doc.isClosed) this.refresh(doc);
    }, DEBOUNCE_MS));
  }

  private cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subs) s.dispose();
    this.diagnostics.dispose();
  }
}
