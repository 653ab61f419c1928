import * as vscode from 'vscode';
import type { WebhookController } from './controller';
import { WebhookCommandIds } from './commandIds';

/** "$(radio-tower) 8787 · 12" while the listener runs; a click opens the capture panel. */
export class WebhookStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('apihook.webhook.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subs: vscode.Disposable[];

  constructor(private readonly controller: WebhookController) {
    this.item.name = 'ApiHook Webhook Listener';
    this.item.command = WebhookCommandIds.openCapturesPanel;
    this.subs = [controller.onDidChangeRows(() => this.updateSoon()), controller.onDidChangeState(() => this.update())];
    this.update();
  }

  /** the text shown, for tests */
  get text(): string | undefined { return this.controller.info.running ? this.item.text : undefined; }

  private timer: NodeJS.Timeout | undefined;

  /** A burst of captures becomes one update. */
  private updateSoon(): void {
    this.timer ??= setTimeout(() => { this.timer = undefined; this.update(); }, 100);
  }

  private update(): void {
    const info = this.controller.info;
    if (!info.running) { this.item.hide(); return; }
    this.item.text = `$(radio-tower) ${this.controller.port} · ${this.controller.count}`;
    const md = new vscode.MarkdownString();
    md.appendText(`ApiHook webhook listener on ${info.url}\n${this.controller.count} capture(s) stored`);
    if (info.forwardTo) md.appendText(`\nForwarding to ${info.forwardTo}`);
    md.appendText('\nClick to open the captures.');
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
  }
}
