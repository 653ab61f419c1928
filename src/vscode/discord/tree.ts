import * as vscode from 'vscode';
import type { RecentSends, SendRecord } from './recentSends';
import type { SavedWebhooks } from './savedWebhooks';

export type DiscordNode =
  | { type: 'group'; group: 'saved' | 'recent' }
  | { type: 'webhook'; name: string }
  | { type: 'recent'; id: number };

/**
 * The Discord view: saved webhooks (masked URLs only) and the recent sends with their result. Empty
 * when there is nothing of either, so the view's welcome text (with its buttons) shows instead.
 */
export class DiscordTree implements vscode.TreeDataProvider<DiscordNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DiscordNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subs: vscode.Disposable[];

  constructor(private readonly saved: SavedWebhooks, private readonly recent: RecentSends) {
    this.subs = [saved.onDidChange(() => this.changed.fire(undefined)), recent.onDidChange(() => this.changed.fire(undefined))];
  }

  getChildren(node?: DiscordNode): DiscordNode[] {
    if (!node) {
      if (!this.saved.names().length && !this.recent.all().length) return [];
      return [{ type: 'group', group: 'saved' }, { type: 'group', group: 'recent' }];
    }
    if (node.type !== 'group') return [];
    if (node.group === 'saved') return this.saved.names().map((name) => ({ type: 'webhook', name }));
    return this.recent.all().map((r) => ({ type: 'recent', id: r.id }));
  }

  async getTreeItem(node: DiscordNode): Promise<vscode.TreeItem> {
    if (node.type === 'group') {
      const saved = node.group === 'saved';
      const item = new vscode.TreeItem(saved ? 'Saved webhooks' : 'Recent sends', vscode.TreeItemCollapsibleState.Expanded);
      item.id = `discord.group.${node.group}`;
      item.contextValue = saved ? 'discordSavedGroup' : 'discordRecentGroup';
      item.description = String(saved ? this.saved.names().length : this.recent.all().length);
      return item;
    }
    if (node.type === 'webhook') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
      item.id = `discord.webhook.${node.name}`;
      item.description = (await this.saved.masked(node.name)) ?? '(missing from SecretStorage)';
      item.tooltip = new vscode.MarkdownString(`**${escapeMd(node.name)}**\n\n\`${item.description}\`\n\nThe URL is kept in VS Code SecretStorage.`);
      item.iconPath = new vscode.ThemeIcon('key');
      item.contextValue = 'discordWebhook';
      return item;
    }
    const r = this.recent.get(node.id);
    if (!r) return new vscode.TreeItem('(gone)');
    return recentItem(r);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }
}

function recentItem(r: SendRecord): vscode.TreeItem {
  const item = new vscode.TreeItem(`${r.sampleTitle} → ${r.targetKind === 'saved' ? r.target.replace(/ \(.*$/, '') : r.targetKind === 'listener' ? 'local listener' : 'URL'}`);
  item.id = `discord.recent.${r.id}`;
  const when = new Date(r.time).toLocaleTimeString();
  const result = resultText(r);
  const short = r.status === 'invalid' ? 'not sent' : r.deleted ? 'deleted' : r.httpStatus ? String(r.httpStatus) : r.status;
  item.description = `${short} · ${when}`;
  item.iconPath = new vscode.ThemeIcon(
    r.status === 'sent' ? (r.deleted ? 'trash' : 'pass') : 'error',
    new vscode.ThemeColor(r.status === 'sent' ? 'testing.iconPassed' : 'testing.iconFailed'),
  );
  const lines = [`**${escapeMd(r.sampleTitle)}** (\`${r.sampleId}\`)`, '', `Target: \`${r.target}\``, '', `Result: ${escapeMd(result)}`, '', `Time: ${new Date(r.time).toLocaleString()}`];
  if (r.waitedMs) lines.push('', `Waited ${(r.waitedMs / 1000).toFixed(1)} s on rate limits`);
  for (const e of r.errors ?? []) lines.push('', `- ${escapeMd(e)}`);
  item.tooltip = new vscode.MarkdownString(lines.join('\n'));
  item.contextValue = r.status === 'sent' && r.messageId && r.ref && !r.deleted ? 'discordRecentMessage' : 'discordRecent';
  item.command = { command: 'apihook.discord.openRecent', title: 'Preview', arguments: [{ type: 'recent', id: r.id } satisfies DiscordNode] };
  return item;
}

export function resultText(r: SendRecord): string {
  if (r.status === 'sent') return `${r.deleted ? 'deleted' : 'sent'}${r.messageId ? ` · message ${r.messageId}` : ''}${r.httpStatus ? ` (${r.httpStatus})` : ''}`;
  if (r.status === 'invalid') return `not sent: ${r.errors?.length ?? 0} problem(s)`;
  return `failed${r.httpStatus ? ` (${r.httpStatus})` : ''}`;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
