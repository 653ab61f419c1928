import * as vscode from 'vscode';
import type { DiscordPreviewContent, DiscordPreviewRenderState, FromDiscordPreview, ToDiscordPreview } from '../../shared/protocol/discordPreview';
import { buildWebviewHtml } from '../webview/html';

/**
 * The one Discord preview panel: shows a payload as Discord would (src/webviews/discordPreview) and
 * remembers what the webview reported after rendering. The latest content is re-sent whenever the
 * webview (re)loads, so a panel that was hidden and rebuilt shows the current message.
 */
export class DiscordPreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private content: DiscordPreviewContent | undefined;
  /** who showed the current content (a follower such as the .http watcher checks it is still its own) */
  private shownBy: object | undefined;
  private state: DiscordPreviewRenderState | undefined;
  private readonly rendered = new vscode.EventEmitter<DiscordPreviewRenderState>();
  readonly onDidRender = this.rendered.event;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  get isOpen(): boolean {
    return !!this.panel;
  }

  get lastState(): DiscordPreviewRenderState | undefined {
    return this.state;
  }

  /** what the panel shows now, as the extension sent it (the webview reports its rendering in `lastState`) */
  get shownSource(): string | undefined {
    return this.panel ? this.content?.source : undefined;
  }

  /** whether the open panel still shows what `owner` put there last */
  isShowing(owner: object): boolean {
    return !!this.panel && this.shownBy === owner;
  }

  /** Opens the panel beside the editor (or updates it) with `content`, shown on behalf of `by`. */
  show(content: DiscordPreviewContent, opts: { reveal?: boolean; by?: object } = {}): void {
    this.content = content;
    this.shownBy = opts.by;
    if (!this.panel) {
      this.panel = this.create(content);
      return;
    }
    // beside the active editor: never as a tab over the document it previews
    if (opts.reveal !== false) this.panel.reveal(vscode.ViewColumn.Beside, true);
    void this.panel.webview.postMessage({ type: 'show', content } satisfies ToDiscordPreview);
  }

  private create(content: DiscordPreviewContent): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      'apihook.discordPreview',
      'Discord Preview',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webviews'), vscode.Uri.joinPath(this.extensionUri, 'media')],
      },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'apihook.svg');
    // avatars and embed images are https URLs (Discord's CDN, any host) or data: URIs
    panel.webview.html = buildWebviewHtml(panel.webview, this.extensionUri, {
      script: 'discordPreview', title: 'Discord Preview', initialState: content, styles: ['media/discord.css'], imgSrc: ['https:'],
    });
    panel.webview.onDidReceiveMessage((m: FromDiscordPreview) => this.onMessage(m));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.state = undefined;
      this.closed.fire();
    });
    return panel;
  }

  private onMessage(m: FromDiscordPreview): void {
    if (m.type === 'ready') {
      if (this.content) void this.panel?.webview.postMessage({ type: 'show', content: this.content } satisfies ToDiscordPreview);
    } else if (m.type === 'rendered') {
      this.state = m.state;
      this.rendered.fire(m.state);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.rendered.dispose();
    this.closed.dispose();
  }
}
