import * as vscode from 'vscode';
import type { CaptureRow } from '../../shared/protocol/captures';
import type { WebhookController } from './controller';
import { WebhookCommandIds } from './commandIds';

export type WebhookNode =
  | { kind: 'listener' }
  | { kind: 'endpoints' }
  | { kind: 'endpoint'; name: string; path: string; provider?: string }
  | { kind: 'captures' }
  | { kind: 'capture'; row: CaptureRow }
  | { kind: 'more'; hidden: number };

/** Captures listed in the tree; the panel's virtualized list shows all of them. */
const TREE_LIMIT = 500;

export function ageOf(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

export function signatureLabel(sig: CaptureRow['signature']): string {
  if (!sig) return 'no signature';
  if (sig.valid === true) return `${sig.provider} signature valid`;
  if (sig.valid === false) return `${sig.provider} signature INVALID${sig.reason ? `: ${sig.reason}` : ''}`;
  return `${sig.provider} signature not checked: ${sig.reason ?? 'no secret configured'}`;
}

function signatureIcon(sig: CaptureRow['signature']): vscode.ThemeIcon {
  if (!sig) return new vscode.ThemeIcon('circle-outline');
  if (sig.valid === true) return new vscode.ThemeIcon('verified-filled', new vscode.ThemeColor('testing.iconPassed'));
  if (sig.valid === false) return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  return new vscode.ThemeIcon('unverified', new vscode.ThemeColor('editorWarning.foreground'));
}

/** The Webhooks view: the listener, the endpoints, and the captures newest first. */
export class WebhookTree implements vscode.TreeDataProvider<WebhookNode>, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<WebhookNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChange.event;
  private readonly subs: vscode.Disposable[];
  private pending: NodeJS.Timeout | undefined;
  private readonly ageTimer: NodeJS.Timeout;

  constructor(private readonly controller: WebhookController) {
    this.subs = [
      controller.onDidChangeRows(() => this.refreshSoon()),
      controller.onDidChangeState(() => this.refreshSoon()),
    ];
    // Ages ("12s ago") go stale; a slow refresh keeps them honest without churning.
    this.ageTimer = setInterval(() => { if (controller.count) this.refresh(); }, 30_000);
  }

  refresh(): void { this._onDidChange.fire(undefined); }

  /** Bursts of captures become one refresh. */
  private refreshSoon(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => { this.pending = undefined; this.refresh(); }, 100);
  }

  async getChildren(node?: WebhookNode): Promise<WebhookNode[]> {
    if (!node) {
      await Promise.all([this.controller.openStore(), this.controller.ensureRules()]);
      // Nothing to show yet: an empty tree lets the view's welcome text (with Start Listener) appear.
      if (!this.controller.info.running && this.controller.count === 0 && !this.controller.endpoints?.length) return [];
      const out: WebhookNode[] = [{ kind: 'listener' }];
      if (this.controller.endpoints?.length) out.push({ kind: 'endpoints' });
      out.push({ kind: 'captures' });
      return out;
    }
    if (node.kind === 'endpoints') return (this.controller.endpoints ?? []).map((e) => ({ kind: 'endpoint', name: e.name, path: e.path, provider: e.provider }));
    if (node.kind === 'captures') {
      const rows = this.controller.rowsNewestFirst(TREE_LIMIT).map((row): WebhookNode => ({ kind: 'capture', row }));
      if (this.controller.count > TREE_LIMIT) rows.push({ kind: 'more', hidden: this.controller.count - TREE_LIMIT });
      return rows;
    }
    return [];
  }

  getTreeItem(node: WebhookNode): vscode.TreeItem {
    switch (node.kind) {
      case 'listener': {
        const info = this.controller.info;
        const item = new vscode.TreeItem(info.running ? 'Listening' : 'Listener stopped');
        item.id = 'listener';
        item.description = info.running ? info.url : 'not running';
        item.iconPath = new vscode.ThemeIcon(info.running ? 'radio-tower' : 'debug-stop', info.running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
        item.contextValue = info.running ? 'listener-running' : 'listener-stopped';
        const md = new vscode.MarkdownString(undefined, true);
        md.appendText(info.running ? `Webhook listener on ${info.url}` : 'The webhook listener is not running.');
        if (info.forwardTo) md.appendText(`\nForwarding every capture to ${info.forwardTo}`);
        item.tooltip = md;
        return item;
      }
      case 'endpoints': {
        const item = new vscode.TreeItem(`Endpoints`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'endpoints';
        item.description = String(this.controller.endpoints?.length ?? 0);
        item.iconPath = new vscode.ThemeIcon('symbol-interface');
        return item;
      }
      case 'endpoint': {
        const item = new vscode.TreeItem(node.name);
        item.id = `endpoint:${node.name}`;
        item.description = `${node.path}${node.provider ? ` · ${node.provider}` : ''}`;
        item.iconPath = new vscode.ThemeIcon('plug');
        item.contextValue = 'endpoint';
        const url = this.controller.url;
        item.tooltip = url ? `${url}${node.path}` : node.path;
        return item;
      }
      case 'captures': {
        const item = new vscode.TreeItem('Captures', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'captures';
        item.description = String(this.controller.count);
        item.iconPath = new vscode.ThemeIcon('inbox');
        item.contextValue = 'captures';
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(`${node.hidden} older capture(s): open the panel to see all`);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: WebhookCommandIds.openCapturesPanel, title: 'Open Captures' };
        return item;
      }
      case 'capture':
        return this.captureItem(node.row);
    }
  }

  private captureItem(row: CaptureRow): vscode.TreeItem {
    const path = row.url.split('?')[0];
    const item = new vscode.TreeItem(`${row.method} ${path}`);
    item.id = `capture:${row.id}`;
    item.description = `${ageOf(row.receivedAt)} · ${row.status}${row.rejected ? ' · too large' : ''}`;
    item.iconPath = signatureIcon(row.signature);
    item.contextValue = 'capture';
    // A plain-string tooltip is shown as text: the path is untrusted.
    item.tooltip = [
      `#${row.id} ${row.method} ${row.url}`,
      `${new Date(row.receivedAt).toLocaleString()} · answered ${row.status} · ${row.bodySize} bytes${row.endpoint ? ` · endpoint ${row.endpoint}` : ''}`,
      signatureLabel(row.signature),
    ].join('\n');
    item.command = { command: WebhookCommandIds.openCapture, title: 'Open Capture', arguments: [row.id] };
    return item;
  }

  dispose(): void {
    clearInterval(this.ageTimer);
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.subs) s.dispose();
    this._onDidChange.dispose();
  }
}
