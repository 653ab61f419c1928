import * as vscode from 'vscode';
import { describeError } from '../../core/common/errors';
import type { RenderedSummary } from '../../shared/protocol/response';
import type { SendCodeLensProvider } from './codeLens';
import { RequestHistory, toHistoryEntry, type HistoryEntry } from './history';
import type { ResponsePanels } from './responsePanel';
import { maskUrl } from '../../core/http/send/mask';
import { assertionSummary, buildViewState, historyViewState } from './responseModel';
import type { SendOutcome, SendService } from './sendService';
import { panelPerRequest } from './settings';
import { requestAt } from './targets';

/** What the integration tests read through the extension's exports (`testing.http`). */
export interface HttpTestApi {
  lastResponse(): { status: number; headers: Array<[string, string]>; bodyText: string; url: string; durationMs: number } | undefined;
  /** the sentence of the last failed send */
  lastError(): string | undefined;
  /** what the response webview last said it rendered */
  panelState(): RenderedSummary | undefined;
  /** the id of the last exchange shown in a panel (compare with panelState().id) */
  lastShownId(): number;
  panelCount(): number;
  /** presses "Show more" in the panel */
  showMoreBody(): void;
  /** presses a toolbar button of the panel shown last */
  panelAction(type: 'copyBody' | 'copyCurl' | 'rerun'): Promise<void>;
  /** the names the environment picker offers */
  environmentNames(): Promise<string[]>;
  currentEnvironment(): string | undefined;
  environmentStatusText(): string;
  history(): HistoryEntry[];
}

const BODY_TEXT_LIMIT = 64 * 1024;

/** The http feature's command handlers: send, send all, cancel, history. */
export class HttpController {
  private nextId = 1;
  private lastShown = 0;
  private last: SendOutcome | undefined;
  private lastErr: string | undefined;
  readonly history: RequestHistory;

  constructor(
    private readonly send: SendService,
    private readonly panels: ResponsePanels,
    private readonly lenses: SendCodeLensProvider,
    memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.history = new RequestHistory(memento);
    send.onDidSend((o) => this.recorded(o));
  }

  get lastOutcome(): SendOutcome | undefined { return this.last; }
  get lastError(): string | undefined { return this.lastErr; }
  get lastShownId(): number { return this.lastShown; }

  private recorded(o: SendOutcome): void {
    const r = o.result;
    if (r.assertions.length) this.lenses.setSummary(o.uri, r.line, assertionSummary(r.assertions));
    if (o.response) this.last = o;
    const method = o.request?.method ?? r.method;
    const url = o.request?.url ?? r.url;
    this.log.info(`${method} ${maskUrl(url)} → ${r.status ?? r.error ?? 'no response'} (${Math.round(r.duration)} ms)`);
    void this.history.add(toHistoryEntry({
      label: r.label, method, url, status: o.response?.status, statusText: o.response ? `${o.response.status} ${o.response.statusText}`.trim() : undefined,
      durationMs: r.duration, error: o.error ? describeError(o.error).message : r.error, uri: o.uri.toString(), line: r.line, name: r.name,
      headers: o.response?.headers, size: o.body?.length ?? 0, at: Date.now(),
    }));
  }

  private trusted(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage('ApiHook sends requests only in a trusted workspace: use "Manage Workspace Trust" to trust this folder.');
    return false;
  }

  /** The document a command is about: the argument (Uri or path), else the active .http editor. */
  private async documentFor(arg: unknown): Promise<{ document: vscode.TextDocument; cursorLine?: number } | undefined> {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? (/^\w[\w+.-]+:/.test(arg) && !/^[a-z]:\\/i.test(arg) ? vscode.Uri.parse(arg) : vscode.Uri.file(arg))
      : arg && typeof arg === 'object' && 'uri' in arg && (arg as { uri: unknown }).uri instanceof vscode.Uri ? (arg as { uri: vscode.Uri }).uri : undefined;
    const editor = vscode.window.activeTextEditor;
    if (uri) {
      const document = await vscode.workspace.openTextDocument(uri);
      return { document, cursorLine: editor?.document.uri.toString() === uri.toString() ? editor.selection.active.line : undefined };
    }
    if (editor && editor.document.languageId === 'http') return { document: editor.document, cursorLine: editor.selection.active.line };
    void vscode.window.showInformationMessage('Open an .http or .rest file and put the cursor in a request to send it.');
    return undefined;
  }

  /** "Send Request": (uri, line) from the CodeLens, or the request under the cursor. */
  async sendRequest(uriArg?: unknown, lineArg?: unknown): Promise<SendOutcome | undefined> {
    if (!this.trusted()) return undefined;
    const target = await this.documentFor(uriArg);
    if (!target) return undefined;
    const line = typeof lineArg === 'number' ? lineArg : (uriArg && typeof uriArg === 'object' && 'line' in uriArg && typeof (uriArg as { line: unknown }).line === 'number')
      ? (uriArg as { line: number }).line : target.cursorLine ?? 0;
    const block = requestAt(this.send.parse(target.document), line);
    if (!block) { void vscode.window.showInformationMessage('This file has no request to send.'); return undefined; }
    const key = panelPerRequest() ? `${target.document.uri.toString()}#${block.name ?? block.requestLine}` : 'main';
    this.panels.setBusy(key, true);
    let outcome: SendOutcome | undefined;
    try {
      outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Sending ${block.method} ${block.url.slice(0, 80)}`, cancellable: true },
        (_p, token) => this.send.sendAt(target.document, line, token),
      );
    } finally {
      this.panels.setBusy(key, false);
    }
    if (!outcome) return undefined;
    this.show(key, outcome, () => this.sendRequest(target.document.uri, block.requestLine));
    if (outcome.error) {
      this.lastErr = describeError(outcome.error).message;
      throw outcome.error;
    }
    this.lastErr = undefined;
    return outcome;
  }

  /** "Send All": every request of the file in order; the panel shows the last response. */
  async sendAll(uriArg?: unknown): Promise<SendOutcome[] | undefined> {
    if (!this.trusted()) return undefined;
    const target = await this.documentFor(uriArg);
    if (!target) return undefined;
    const count = this.send.parse(target.document).requests.length;
    const outcomes = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Sending ${count} request${count === 1 ? '' : 's'}`, cancellable: true },
      (_p, token) => this.send.sendAll(target.document, token),
    );
    const shown = [...outcomes].reverse().find((o) => o.response) ?? outcomes[outcomes.length - 1];
    if (shown) this.show('main', shown, () => this.sendAll(target.document.uri));
    const failed = outcomes.filter((o) => !o.result.passed);
    if (failed.length) {
      const first = failed[0]!;
      this.lastErr = first.error ? describeError(first.error).message : first.result.error;
      void vscode.window.showWarningMessage(`ApiHook: ${failed.length} of ${outcomes.length} requests failed. First: ${first.result.label}: ${this.lastErr ?? 'an assertion failed'}`);
    } else {
      this.lastErr = undefined;
      vscode.window.setStatusBarMessage(`ApiHook: ${outcomes.length} request${outcomes.length === 1 ? '' : 's'} sent`, 4000);
    }
    return outcomes;
  }

  cancel(): void {
    const n = this.send.cancelAll();
    if (!n) vscode.window.setStatusBarMessage('ApiHook: no request in flight', 3000);
  }

  private show(key: string, o: SendOutcome, rerun: () => unknown): void {
    const id = this.nextId++;
    const { state, text } = buildViewState({
      id, title: o.result.label, request: o.request ?? { method: o.result.method, url: o.result.url, headers: [] }, response: o.response, body: o.body,
      durationMs: o.result.duration, error: o.error ? fullSentence(o.error) : o.result.error,
      assertions: o.result.assertions.map((a) => ({ text: a.text, passed: a.passed, skipped: !!a.skipped, message: a.message })),
    });
    this.lastShown = id;
    this.panels.show(key, { state, text, request: o.request, response: o.response, body: o.body, rerun });
  }

  /** "Show History": pick an entry to see its summary, or its button to send it again. */
  async showHistory(entryId?: string, action?: 'open' | 'resend'): Promise<void> {
    const entries = this.history.list();
    if (entryId) {
      const e = entries.find((x) => x.id === entryId);
      if (!e) throw new Error(`No history entry ${entryId}.`);
      if (action === 'resend') await this.resend(e); else this.openEntry(e);
      return;
    }
    if (!entries.length) { void vscode.window.showInformationMessage('ApiHook: no requests sent yet.'); return; }
    const resendButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('debug-rerun'), tooltip: 'Send again' };
    type Item = vscode.QuickPickItem & { entry: HistoryEntry };
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = 'ApiHook: Request History';
    qp.placeholder = 'Pick a request to see its response summary; the button sends it again';
    qp.matchOnDescription = true;
    qp.items = entries.map((e) => ({
      entry: e,
      label: `${e.error ? '$(error)' : '$(pass)'} ${e.method} ${e.url}`,
      description: `${e.error ? 'failed' : e.statusText} · ${e.durationMs} ms · ${new Date(e.at).toLocaleString()}`,
      detail: e.error ?? e.label,
      buttons: [resendButton],
    }));
    await new Promise<void>((resolve) => {
      qp.onDidAccept(() => { const e = qp.selectedItems[0]?.entry; qp.hide(); if (e) this.openEntry(e); });
      qp.onDidTriggerItemButton((ev) => { qp.hide(); void this.resend(ev.item.entry).catch((err) => void vscode.window.showErrorMessage(`ApiHook: ${describeError(err).message}`)); });
      qp.onDidHide(() => { qp.dispose(); resolve(); });
      qp.show();
    });
  }

  private openEntry(e: HistoryEntry): void {
    const id = this.nextId++;
    this.lastShown = id;
    this.panels.show('main', { state: historyViewState(id, e), text: '', rerun: () => this.resend(e) });
  }

  private async resend(e: HistoryEntry): Promise<void> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(e.uri));
    const doc = this.send.parse(document);
    const block = (e.name && doc.requests.find((r) => r.name === e.name)) || doc.requests.find((r) => r.requestLine === e.line);
    if (!block) throw new Error(`The request '${e.label}' is no longer in ${vscode.workspace.asRelativePath(document.uri)}.`);
    await this.sendRequest(document.uri, block.requestLine);
  }

  testApi(currentEnvironment: () => string | undefined, statusText: () => string, environmentNames: () => Promise<string[]>): HttpTestApi {
    return {
      lastResponse: () => {
        const o = this.last;
        if (!o?.response) return undefined;
        return {
          status: o.response.status, headers: o.response.headers, url: o.response.url, durationMs: o.result.duration,
          bodyText: (o.body ?? Buffer.alloc(0)).subarray(0, BODY_TEXT_LIMIT).toString('utf8'),
        };
      },
      lastError: () => this.lastErr,
      panelState: () => this.panels.lastRendered,
      lastShownId: () => this.lastShown,
      panelCount: () => this.panels.count,
      showMoreBody: () => this.panels.showMore(),
      panelAction: (type) => this.panels.act({ type }),
      environmentNames,
      currentEnvironment,
      environmentStatusText: statusText,
      history: () => this.history.list(),
    };
  }
}

function fullSentence(err: unknown): string {
  const { message, hint } = describeError(err);
  return hint ? `${message} ${hint}` : message;
}
