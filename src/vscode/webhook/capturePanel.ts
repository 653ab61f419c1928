import * as vscode from 'vscode';
import { rawHeader } from '../../core/webhook/signatures/common';
import type { CaptureMeta } from '../../core/webhook';
import type {
  CaptureDetail, CaptureRow, CapturesPanelState, DetailTab, FilterField, FromCapturesWebview, ToCapturesWebview,
} from '../../shared/protocol/captures';
import { buildWebviewHtml } from '../webview/html';
import { matches, needsBodies } from './captureSearch';
import type { WebhookController } from './controller';

const PAGE = 2000;
/** New captures that arrive within this window go to the webview in one message. */
const APPEND_BATCH_MS = 40;
/** The largest slice of a body one message carries. */
const MAX_SLICE = 1024 * 1024;

/**
 * The capture panel's host side: one webview panel, fed by the controller's row events (one message
 * per new capture, never the whole list again), answering detail, body-slice and search requests.
 */
export class CapturePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pendingSelect: { id: string; tab?: DetailTab } | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private bodyCache: { id: string; body: Buffer } | undefined;
  private appends: CaptureRow[] = [];
  private appendTimer: NodeJS.Timeout | undefined;
  /** rows sent live, one `append` message per burst (the tests compare it with the message count) */
  appendedRows = 0;
  /** what the webview last reported (the tests read it) */
  state: CapturesPanelState | undefined;
  scriptsExecuted = 0;
  /** messages posted to the webview, by type (the tests check that live updates are single appends) */
  readonly sent: Record<string, number> = {};
  private readonly _onDidReport = new vscode.EventEmitter<CapturesPanelState>();
  readonly onDidReport = this._onDidReport.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: WebhookController,
    private readonly runAction: (action: string, id: string) => Thenable<unknown>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs.push(
      controller.onDidChangeRows((c) => {
        if (c.kind === 'reset') { this.appends = []; this.bodyCache = undefined; if (this.ready) void this.sendAll(); return; }
        if (c.kind === 'append') { this.queueAppend(c.row); return; }
        this.flushAppends();
        if (c.kind === 'update') this.post({ type: 'update', row: c.row });
        else if (c.kind === 'remove') { this.post({ type: 'remove', ids: c.ids }); if (this.bodyCache && c.ids.includes(this.bodyCache.id)) this.bodyCache = undefined; }
      }),
      controller.onDidChangeState((info) => this.post({ type: 'listener', listener: info })),
    );
  }

  get isOpen(): boolean { return !!this.panel; }

  /** Opens (or reveals) the panel, optionally at one capture and tab. */
  show(select?: { id: string; tab?: DetailTab }): void {
    if (select) this.pendingSelect = select;
    if (this.panel) {
      this.panel.reveal(undefined, true);
      if (select && this.ready) { this.flushAppends(); this.post({ type: 'select', id: select.id, tab: select.tab }); this.pendingSelect = undefined; }
      return;
    }
    const panel = vscode.window.createWebviewPanel('apihook.captures', 'Webhook Captures', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webviews'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'apihook.svg');
    this.panel = panel;
    this.ready = false;
    panel.webview.html = buildWebviewHtml(panel.webview, this.extensionUri, { script: 'captures', title: 'Webhook Captures', styles: ['media/discord.css', 'media/captures.css'] });
    panel.webview.onDidReceiveMessage((m: FromCapturesWebview) => { void this.onMessage(m).catch((e) => this.log.error(e instanceof Error ? e : String(e))); });
    panel.onDidDispose(() => { this.appends = []; this.panel = undefined; this.ready = false; this.state = undefined; this.bodyCache = undefined; });
  }

  /** Lets the extension (and tests) drive the panel: select a capture and a tab. */
  select(id: string, tab?: DetailTab): void {
    this.show({ id, tab });
  }

  private post(m: ToCapturesWebview): void {
    if (!this.panel || !this.ready) return;
    this.sent[m.type] = (this.sent[m.type] ?? 0) + 1;
    void this.panel.webview.postMessage(m);
  }

  private queueAppend(row: CaptureRow): void {
    if (!this.panel || !this.ready) return;
    this.appends.push(row);
    this.appendTimer ??= setTimeout(() => this.flushAppends(), APPEND_BATCH_MS);
  }

  private flushAppends(): void {
    if (this.appendTimer) { clearTimeout(this.appendTimer); this.appendTimer = undefined; }
    if (this.appends.length === 0) return;
    const rows = this.appends;
    this.appends = [];
    this.appendedRows += rows.length;
    this.post({ type: 'append', rows });
  }

  /** Presses "Show all" in the body tab. */
  showAll(): void {
    this.post({ type: 'showAll' });
  }

  /** Sets the panel's filter as if typed. */
  setFilter(field: FilterField, text: string): void {
    this.post({ type: 'setFilter', field, text });
  }

  private async sendAll(): Promise<void> {
    await this.controller.openStore();
    const rows = this.controller.rowsOldestFirst();
    const sel = this.pendingSelect;
    this.pendingSelect = undefined;
    this.post({ type: 'init', listener: this.controller.info, total: rows.length, selectId: sel?.id, tab: sel?.tab });
    if (rows.length === 0) this.post({ type: 'page', rows: [], last: true });
    for (let i = 0; i < rows.length; i += PAGE) this.post({ type: 'page', rows: rows.slice(i, i + PAGE), last: i + PAGE >= rows.length });
  }

  private async onMessage(m: FromCapturesWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        await this.sendAll();
        return;
      case 'getDetail': {
        const meta = await this.controller.meta(m.id);
        if (!meta) { this.post({ type: 'detailMissing', id: m.id }); return; }
        this.post({ type: 'detail', detail: this.detailOf(meta) });
        return;
      }
      case 'getBody': {
        const body = await this.bodyOf(m.id);
        if (!body) { this.post({ type: 'detailMissing', id: m.id }); return; }
        const offset = Math.max(0, Math.min(m.offset, body.length));
        const slice = body.subarray(offset, offset + Math.max(0, Math.min(m.length, MAX_SLICE)));
        this.post({ type: 'body', id: m.id, offset, base64: slice.toString('base64'), total: body.length });
        return;
      }
      case 'filter': {
        const ids = await this.search(m.field, m.text);
        this.post({ type: 'filterResult', reqId: m.reqId, ids });
        return;
      }
      case 'action':
        await this.runAction(m.action, m.id);
        return;
      case 'state':
        this.state = m.state;
        this._onDidReport.fire(m.state);
        return;
      case 'scriptExecuted':
        this.scriptsExecuted++;
        this.log.error('capture panel: injected script ran (this is a bug: captured data must render as text)');
        return;
    }
  }

  private async bodyOf(id: string): Promise<Buffer | undefined> {
    if (this.bodyCache?.id === id) return this.bodyCache.body;
    const body = await this.controller.body(id);
    if (body) this.bodyCache = { id, body };
    return body;
  }

  private async search(field: Parameters<typeof matches>[1], text: string): Promise<string[]> {
    const ids: string[] = [];
    if (needsBodies(field)) {
      for await (const c of this.controller.withBodies()) if (matches(c, field, text)) ids.push(c.meta.id);
    } else {
      for (const meta of await this.controller.metas()) if (matches({ meta, body: Buffer.alloc(0) }, field, text)) ids.push(meta.id);
    }
    return ids;
  }

  private detailOf(meta: CaptureMeta): CaptureDetail {
    return {
      id: meta.id, method: meta.method, url: meta.url, rawHeaders: meta.rawHeaders, httpVersion: meta.httpVersion,
      remoteAddress: meta.remoteAddress, remotePort: meta.remotePort, receivedAt: meta.receivedAt, durationMs: meta.durationMs,
      bodySize: meta.bodySize, contentType: rawHeader(meta.rawHeaders, 'content-type'), rejected: meta.rejected,
      endpoint: meta.endpoint, reply: meta.reply, signature: this.controller.recheckedSignature(meta.id) ?? meta.signature, forward: meta.forward,
      replay: this.controller.replayOf(meta.id),
    };
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    if (this.appendTimer) clearTimeout(this.appendTimer);
    this.panel?.dispose();
    this._onDidReport.dispose();
  }
}
