import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { toCurl } from '../../core/http/curlExport';
import type { HttpResponse, OutgoingRequest } from '../../core/http/model';
import type { FromResponseWebview, RenderedSummary, ResponseViewState, ToResponseWebview } from '../../shared/protocol/response';
import { buildWebviewHtml } from '../webview/html';
import { fullResponseText, MORE_CHUNK_CHARS, suggestedFileName } from './responseModel';

/** What one panel shows and can act on. */
export interface PanelExchange {
  state: ResponseViewState;
  /** the whole body text, paged to the webview on "Show more" */
  text: string;
  /** the request as resolved, for Copy as cURL (never logged) */
  request?: OutgoingRequest;
  response?: HttpResponse;
  body?: Buffer;
  rerun?: () => unknown;
}

const VIEW_TYPE = 'apihook.response';

/** One response webview: ready handshake, paged body, copy/save/cURL/re-run. */
class ResponsePanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private busy = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private exchange: PanelExchange,
    extensionUri: vscode.Uri,
    private readonly onRendered: (s: RenderedSummary) => void,
    onDispose: () => void,
  ) {
    panel.webview.html = buildWebviewHtml(panel.webview, extensionUri, { script: 'response', title: 'Response', styles: ['media/response.css'] });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: FromResponseWebview) => { void this.onMessage(m); }),
      panel.onDidDispose(() => { this.dispose(); onDispose(); }),
    );
    this.setTitle();
  }

  show(exchange: PanelExchange, reveal: boolean): void {
    this.exchange = exchange;
    this.busy = false;
    this.setTitle();
    if (reveal && !this.panel.visible) this.panel.reveal(vscode.ViewColumn.Beside, true);
    if (this.ready) this.post({ type: 'show', state: { ...exchange.state, busy: this.busy } });
  }

  showMore(): void {
    if (this.ready) this.post({ type: 'showMore' });
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    if (this.ready) this.post({ type: 'busy', busy });
  }

  private setTitle(): void {
    const s = this.exchange.state;
    const title = s.title.length > 40 ? `${s.title.slice(0, 39)}…` : s.title;
    this.panel.title = `${s.status ?? '✗'} ${title}`;
  }

  private post(m: ToResponseWebview): void {
    void this.panel.webview.postMessage(m);
  }

  private async onMessage(m: FromResponseWebview): Promise<void> {
    try {
      await this.handle(m);
    } catch (err) {
      void vscode.window.showErrorMessage(`ApiHook: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Runs a panel action as if the webview asked for it (tests); throws what the action throws. */
  act(m: FromResponseWebview): Promise<void> {
    return this.handle(m);
  }

  private async handle(m: FromResponseWebview): Promise<void> {
    const x = this.exchange;
    switch (m.type) {
      case 'ready':
        // the webview (re)loaded: it gets the current state, also after being hidden and shown again
        this.ready = true;
        this.post({ type: 'show', state: { ...x.state, busy: this.busy } });
        return;
      case 'rendered':
        this.onRendered(m.summary);
        return;
      case 'moreBody': {
        if (m.id !== x.state.id) return;
        const text = x.text.slice(m.offset, m.offset + MORE_CHUNK_CHARS);
        this.post({ type: 'bodyChunk', id: m.id, offset: m.offset, text, done: m.offset + text.length >= x.text.length });
        return;
      }
      case 'copyBody':
        await vscode.env.clipboard.writeText(x.text || x.body?.toString('utf8') || '');
        vscode.window.setStatusBarMessage('ApiHook: response body copied', 3000);
        return;
      case 'copyCurl':
        if (!x.request) throw new Error('There is no request to copy: it did not get past resolving its variables.');
        await vscode.env.clipboard.writeText(toCurl(x.request));
        vscode.window.setStatusBarMessage('ApiHook: cURL command copied', 3000);
        return;
      case 'saveBody':
      case 'saveFull': {
        if (!x.response) throw new Error('There is no response to save.');
        const body = x.body ?? Buffer.alloc(0);
        const name = m.type === 'saveBody' ? suggestedFileName(x.response.url, x.state.contentType) : 'response.http';
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, saveLabel: m.type === 'saveBody' ? 'Save Body' : 'Save Response' });
        if (!target) return;
        const data = m.type === 'saveBody' ? body : fullResponseText(x.response, body);
        if (target.scheme === 'file') await writeFile(target.fsPath, data);
        else await vscode.workspace.fs.writeFile(target, data);
        vscode.window.setStatusBarMessage(`ApiHook: saved ${target.fsPath}`, 4000);
        return;
      }
      case 'rerun':
        if (x.rerun) await x.rerun();
        return;
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The response panels: one reused panel, or one per request when `apihook.response.panelPerRequest` is on. */
export class ResponsePanels implements vscode.Disposable {
  private readonly panels = new Map<string, ResponsePanel>();
  private lastKey: string | undefined;
  private readonly rendered = new vscode.EventEmitter<RenderedSummary>();
  /** What a webview last said it rendered. */
  lastRendered: RenderedSummary | undefined;
  readonly onDidRender = this.rendered.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  get count(): number { return this.panels.size; }

  /** Shows an exchange in the panel for `key` (creating it beside the editor when needed). */
  show(key: string, exchange: PanelExchange): void {
    this.lastKey = key;
    const existing = this.panels.get(key);
    if (existing) { existing.show(exchange, true); return; }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Response', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webviews'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    const p = new ResponsePanel(panel, exchange, this.extensionUri, (s) => { this.lastRendered = s; this.rendered.fire(s); }, () => this.panels.delete(key));
    this.panels.set(key, p);
  }

  setBusy(key: string, busy: boolean): void {
    this.panels.get(key)?.setBusy(busy);
  }

  /** Runs a toolbar action (copy, save, cURL, re-run) in the panel shown last, as its button does. */
  async act(m: FromResponseWebview): Promise<void> {
    const p = this.lastKey !== undefined ? this.panels.get(this.lastKey) : undefined;
    if (!p) throw new Error('No response panel is open.');
    await p.act(m);
  }

  /** Loads the next piece of the body in every panel (what "Show more" does; used by tests). */
  showMore(): void {
    for (const p of this.panels.values()) p.showMore();
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
    this.panels.clear();
    this.rendered.dispose();
  }
}
